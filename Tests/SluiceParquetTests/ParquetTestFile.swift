import Foundation
import SluiceParquet
import XCTest

/// Writes a Parquet file into a fresh temporary folder and reads it back with pyarrow and
/// DuckDB through `ReaderScript`.
struct ParquetTestFile {
    let directory: URL
    let path: String

    init(name: String = "test.parquet") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-parquet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(name).path
    }

    /// Writes the file with `fill` (which receives the writer and a batch to fill and write).
    @discardableResult
    func write(
        schema: ParquetSchema, options: ParquetWriterOptions = ParquetWriterOptions(),
        _ fill: (ParquetWriter, ParquetBatch) throws -> Void
    ) throws -> ParquetWriteSummary {
        let sink = try FileSink(path: path)
        let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
        let batch = writer.makeBatch()
        try fill(writer, batch)
        let summary = try writer.close()
        try sink.close()
        return summary
    }

    /// Runs the reader script and decodes its report; fails the test with the script's stderr.
    func read(file: StaticString = #filePath, line: UInt = #line) throws -> ReaderReport {
        let script = directory.appendingPathComponent("read_parquet.py")
        try ReaderScript.source.write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, path]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            XCTFail("reader failed: \(String(decoding: errors, as: UTF8.self))", file: file, line: line)
            throw CocoaError(.fileReadCorruptFile)
        }
        return try JSONDecoder().decode(ReaderReport.self, from: output)
    }

    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
