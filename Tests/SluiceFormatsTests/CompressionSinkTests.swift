import Foundation
import XCTest
@testable import SluiceFormats

final class CompressionSinkTests: XCTestCase {
    private func temporaryPath(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-sink-\(UUID().uuidString)-\(name)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func allTypesBatches() throws -> (schema: [ColumnSchema], batches: [ColumnBatch]) {
        let pg = try Fixtures.postgres()
        let schema = try pg.schema(Fixtures.allTypesQuery).columns
        return (schema, try Decode.batches(try pg.copyBinary(Fixtures.allTypesQuery), schema: schema))
    }

    func testGzipFileDecompressesToTheUncompressedCSV() throws {
        let (schema, batches) = try allTypesBatches()
        let plain = try Decode.csv(batches, schema: schema)
        let path = temporaryPath("out.csv.gz")
        let file = try FileByteSink(path: path)
        let gzip = try GzipSink(wrapping: file)
        let writer = CSVWriter(schema: schema, sink: gzip)
        for b in batches { try writer.write(b) }
        try writer.finish()
        XCTAssertEqual(gzip.bytesIn, plain.count)
        XCTAssertEqual(file.bytesWritten, gzip.bytesOut)
        XCTAssertLessThan(gzip.bytesOut, plain.count)
        let decompressed = try TestProcess.run("/usr/bin/env", ["gzip", "-dc", path])
        XCTAssertTrue([UInt8](decompressed) == plain, firstDifference([UInt8](decompressed), plain))
    }

    func testZstdFileDecompressesToTheUncompressedJSONLines() throws {
        let (schema, batches) = try allTypesBatches()
        let plain = try Decode.jsonLines(batches, schema: schema)
        let path = temporaryPath("out.jsonl.zst")
        let file = try FileByteSink(path: path)
        let zstd = try ZstdSink(wrapping: file)
        let writer = JSONLinesWriter(schema: schema, sink: zstd)
        for b in batches { try writer.write(b) }
        try writer.finish()
        XCTAssertEqual(writer.bytesWritten, plain.count)
        XCTAssertEqual(file.bytesWritten, zstd.bytesOut)
        let decompressed = try TestProcess.run("/usr/bin/env", ["zstd", "-dc", path])
        XCTAssertTrue([UInt8](decompressed) == plain, firstDifference([UInt8](decompressed), plain))
    }

    func testLargeWritesAndEmptyStreamsRoundTrip() throws {
        // 5 MB of varied bytes in uneven writes, bigger than every internal buffer.
        var rng = SplitMix64(state: 42)
        let data = (0..<5_000_000).map { i in UInt8(truncatingIfNeeded: i % 251 == 0 ? rng.next() : UInt64(i / 1000)) }
        for kind in ["gzip", "zstd"] {
            for payload in [data, []] {
                let path = temporaryPath("big.\(kind)")
                let file = try FileByteSink(path: path, bufferSize: 4096)
                let sink: any ByteSink = kind == "gzip" ? try GzipSink(wrapping: file, level: 1) : try ZstdSink(wrapping: file, level: 1)
                var pos = 0
                try payload.withUnsafeBytes { raw in
                    while pos < raw.count {
                        let n = min(raw.count - pos, Int(rng.next() % 3_000_000) + 1)
                        try sink.write(UnsafeRawBufferPointer(rebasing: raw[pos..<(pos + n)]))
                        pos += n
                    }
                }
                try sink.finish()
                let out = try TestProcess.run("/usr/bin/env", [kind, "-dc", path])
                XCTAssertEqual([UInt8](out).count, payload.count, kind)
                XCTAssertTrue([UInt8](out) == payload, kind)
            }
        }
    }

    func testWritingAfterFinishIsAnError() throws {
        let gzip = try GzipSink(wrapping: MemoryByteSink())
        try gzip.finish()
        XCTAssertThrowsError(try [UInt8(1)].withUnsafeBytes { try gzip.write($0) })
        let zstd = try ZstdSink(wrapping: MemoryByteSink())
        try zstd.finish()
        XCTAssertThrowsError(try [UInt8(1)].withUnsafeBytes { try zstd.write($0) })
    }

    func testFileSinkReportsAnUnwritablePath() {
        XCTAssertThrowsError(try FileByteSink(path: "/nonexistent-dir/x.csv")) { error in
            XCTAssertTrue("\(error)".hasPrefix("write failed: cannot open /nonexistent-dir/x.csv"))
        }
    }
}
