import Foundation
import XCTest
@testable import SluiceFormats

/// The writers compiled as `swift build -c release` compiles them (`-O`, whole-module optimisation) must
/// write the same bytes as the build the other tests check against PostgreSQL. Such a build once
/// dropped the fraction digits of every timestamptz in JSON lines (NUL bytes instead), which only an
/// optimised build shows.
final class ReleaseBuildTests: XCTestCase {
    static let probe = #"""
    import Foundation

    final class Memory: ByteSink {
        var bytes: [UInt8] = []
        func write(_ b: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: b) }
        func finish() throws {}
    }

    // argv: schema file (name oid typmod per line), binary COPY file, output prefix.
    let args = CommandLine.arguments
    let schema = try String(contentsOfFile: args[1], encoding: .utf8).split(separator: "\n").map { line in
        let parts = line.split(separator: " ")
        return ColumnSchema(name: String(parts[0]), typeOID: UInt32(parts[1])!, typeModifier: Int32(parts[2])!)
    }
    let copy = [UInt8](try Data(contentsOf: URL(fileURLWithPath: args[2])))
    var decoder = BinaryCopyDecoder(schema: schema, batchSize: 64)
    var batches: [ColumnBatch] = []
    try copy.withUnsafeBytes { raw in try decoder.consume(raw) { batches.append($0) } }
    try decoder.finish { batches.append($0) }
    let csv = Memory(), json = Memory()
    let csvWriter = CSVWriter(schema: schema, sink: csv)
    let jsonWriter = JSONLinesWriter(schema: schema, sink: json)
    for batch in batches {
        try csvWriter.write(batch)
        try jsonWriter.write(batch)
    }
    try csvWriter.finish()
    try jsonWriter.finish()
    try Data(csv.bytes).write(to: URL(fileURLWithPath: args[3] + ".csv"))
    try Data(json.bytes).write(to: URL(fileURLWithPath: args[3] + ".jsonl"))
    """#

    func testOptimizedBuildWritesTheSameCSVAndJSONLinesAsTheTestedBuild() throws {
        let pg = try Fixtures.postgres()
        let query = Fixtures.allTypesQuery
        let schema = try pg.schema(query).columns
        let copy = try pg.copyBinary(query)
        let batches = try Decode.batches(copy, schema: schema)
        let csv = try Decode.csv(batches, schema: schema)
        let json = try Decode.jsonLines(batches, schema: schema)
        XCTAssertFalse(json.contains(0))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-release-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.probe.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        try schema.map { "\($0.name) \($0.typeOID) \($0.typeModifier)" }.joined(separator: "\n")
            .write(to: dir.appendingPathComponent("schema.txt"), atomically: true, encoding: .utf8)
        try Data(copy).write(to: dir.appendingPathComponent("copy.bin"))

        // The module's sources except the sinks over C libraries, built as one optimised module.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SluiceFormats")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path)
            .filter { $0.hasSuffix(".swift") && !["GzipSink.swift", "ZstdSink.swift", "FileByteSink.swift"].contains($0) }
            .sorted().map { sources.appendingPathComponent($0).path }
        let binary = dir.appendingPathComponent("probe").path
        try TestProcess.run("/usr/bin/env", ["swiftc", "-O", "-wmo", "-module-name", "SluiceFormatsRelease"] + files
                            + [dir.appendingPathComponent("main.swift").path, "-o", binary])
        let prefix = dir.appendingPathComponent("out").path
        try TestProcess.run(binary, [dir.appendingPathComponent("schema.txt").path, dir.appendingPathComponent("copy.bin").path, prefix])
        let releaseCSV = [UInt8](try Data(contentsOf: URL(fileURLWithPath: prefix + ".csv")))
        let releaseJSON = [UInt8](try Data(contentsOf: URL(fileURLWithPath: prefix + ".jsonl")))
        XCTAssertTrue(releaseCSV == csv, "CSV: " + firstDifference(releaseCSV, csv))
        XCTAssertTrue(releaseJSON == json, "JSON lines: " + firstDifference(releaseJSON, json))
    }
}
