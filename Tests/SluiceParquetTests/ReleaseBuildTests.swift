import Foundation
import XCTest

/// The writer compiled as `swift build -c release` compiles it (`-O`, whole-module optimisation) must write
/// the same bytes as an unoptimised build: an optimised build of the text writers once dropped digits
/// that the debug build wrote, and only a build made that way shows such a fault.
final class ReleaseBuildTests: XCTestCase {
    /// Writes one file with every column type (nested lists too), nulls, pages, dictionaries and several
    /// row groups, in the compression named by argv[2], to argv[1].
    static let probe = #"""
    import Foundation

    let args = CommandLine.arguments
    let schema = try ParquetSchema([
        .init(name: "b", type: .boolean), .init(name: "i16", type: .int16), .init(name: "i32", type: .int32),
        .init(name: "i64", type: .int64), .init(name: "f", type: .float), .init(name: "d", type: .double),
        .init(name: "s", type: .string), .init(name: "j", type: .json), .init(name: "bin", type: .binary),
        .init(name: "day", type: .date), .init(name: "ts", type: .timestamp(isAdjustedToUTC: true)),
        .init(name: "d9", type: .decimal(precision: 9, scale: 2)), .init(name: "d18", type: .decimal(precision: 18, scale: 4)),
        .init(name: "d38", type: .decimal(precision: 38, scale: 10)), .init(name: "u", type: .uuid),
        .init(name: "l", type: .list(.int64)), .init(name: "ll", type: .list(.list(.string))),
    ])
    var options = ParquetWriterOptions()
    options.compression = args[2] == "zstd" ? .zstd(level: 3) : args[2] == "snappy" ? .snappy : .none
    options.rowGroupMaxRows = 7000
    options.dataPageSize = 16 * 1024
    let sink = try FileSink(path: args[1])
    let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
    let batch = writer.makeBatch()
    for part in 0..<4 {
        for i in (part * 5000)..<((part + 1) * 5000) {
            let null = i % 11 == 0
            func value(_ c: Int, _ append: () throws -> Void) rethrows { if null { batch[c].appendNull() } else { try append() } }
            value(0) { batch[0].appendBool(i % 3 == 0) }
            value(1) { batch[1].appendInt32(Int32(i % 65536 - 32768)) }
            value(2) { batch[2].appendInt32(Int32(truncatingIfNeeded: i &* 2654435761)) }
            value(3) { batch[3].appendInt64(Int64(i) &* 0x1E3779B97F4A7C15) }
            value(4) { batch[4].appendFloat(Float(i) / 7) }
            value(5) { batch[5].appendDouble(Double(i) * 1e-3 - 3.25) }
            value(6) { batch[6].appendString("value \(i % 97) é✓") }
            value(7) { batch[7].appendString("{\"k\":\(i)}") }
            value(8) { batch[8].appendBytes([UInt8(i % 256), 0, UInt8(i / 256 % 256)]) }
            value(9) { batch[9].appendDate(daysSinceEpoch: Int32(i - 10000)) }
            value(10) { batch[10].appendTimestamp(microsecondsSinceEpoch: Int64(i) * 1_000_123 - 5_000_000_000) }
            value(11) { batch[11].appendDecimal(unscaled: Int64(i) * 7 - 9999) }
            value(12) { batch[12].appendDecimal(unscaled: Int64(i) * 123_456_789 - 99_999_999) }
            try value(13) { try batch[13].appendDecimal(unscaledDigits: "\(i % 2 == 0 ? "-" : "")\(i)1234567890123456789") }
            value(14) { [UInt8](repeating: UInt8(i % 256), count: 16).withUnsafeBytes { batch[14].appendUUID(bytes: $0) } }
            if null { batch[15].appendNullList(); batch[16].appendNullList(); continue }
            for k in 0..<(i % 4) { k == 1 ? batch[15].appendNull() : batch[15].appendInt64(Int64(i * 10 + k)) }
            batch[15].endList()
            let rows = i % 3, columns = 1 + i % 2
            for k in 0..<(rows * columns) { k == 2 ? batch[16].appendNull() : batch[16].appendString("c\(i % 50)-\(k)") }
            batch[16].endList(dimensions: rows == 0 ? [] : [rows, columns])
        }
        try writer.write(batch)
        batch.removeAll()
    }
    _ = try writer.close()
    try sink.close()
    """#

    func testOptimizedBuildWritesTheSameParquetBytesAsAnUnoptimizedBuild() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-parquet-release-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let main = dir.appendingPathComponent("main.swift")
        try Self.probe.write(to: main, atomically: true, encoding: .utf8)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources/SluiceParquet")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
            .sorted().map { sources.appendingPathComponent($0).path }
        let includes = ["-I", root.appendingPathComponent("Sources/CZstd").path, "-I", root.appendingPathComponent("Sources/CSnappy").path]
        var outputs: [String: [UInt8]] = [:]
        for (name, flags) in [("debug", ["-Onone"]), ("release", ["-O", "-wmo"])] {
            let binary = dir.appendingPathComponent(name).path
            try run("/usr/bin/env", ["swiftc"] + flags + ["-module-name", "SluiceParquetProbe"] + includes + files + [main.path, "-o", binary])
            for compression in ["none", "zstd", "snappy"] {
                let file = dir.appendingPathComponent("\(name)-\(compression).parquet").path
                try run(binary, [file, compression])
                outputs["\(name)-\(compression)"] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            }
        }
        for compression in ["none", "zstd", "snappy"] {
            let debug = outputs["debug-\(compression)"] ?? [], release = outputs["release-\(compression)"] ?? []
            XCTAssertGreaterThan(debug.count, 100_000, compression)
            XCTAssertTrue(debug == release, "\(compression): the optimised build wrote \(release.count) bytes, the unoptimised \(debug.count), first difference at byte \(zip(debug, release).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(debug.count, release.count))")
        }
    }

    private func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: String(decoding: message.prefix(3000), as: UTF8.self)])
        }
    }
}
