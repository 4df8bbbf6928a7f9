import Foundation
import SluiceTestSupport
import XCTest
@testable import SluiceDestinations

/// Against a real moto_server started for each test; no mocks.
final class S3DestinationTests: XCTestCase {
    var moto: MotoS3Server!

    override func setUp() async throws {
        moto = try await MotoS3Server()
    }

    override func tearDown() async throws {
        moto?.stop()
    }

    func testPutGetExistsAndDescribeRoundTripBytes() async throws {
        let destination = S3Destination(configuration: moto.configuration())
        let data = TestBytes.make(count: 70_001, seed: 7)
        let info = try await destination.put(key: "dir/a file+ü.bin", data: data, contentType: "application/x-test")
        XCTAssertEqual(info, ObjectInfo(key: "dir/a file+ü.bin", bytes: 70_001, sha256: TestBytes.sha256(data)))
        let readBack = try await destination.get(key: "dir/a file+ü.bin")
        XCTAssertEqual(readBack, data)
        let present = try await destination.exists(key: "dir/a file+ü.bin")
        let absent = try await destination.exists(key: "dir/other.bin")
        XCTAssertTrue(present)
        XCTAssertFalse(absent)
        XCTAssertEqual(destination.describe(key: "dir/x.csv"), "s3://sluice-test/base/prefix/dir/x.csv")
        let oracle = try S3Oracle.object(endpoint: moto.endpointURL, bucket: moto.bucket, key: "base/prefix/dir/a file+ü.bin")
        XCTAssertEqual(oracle.sha256, TestBytes.sha256(data))
    }

    func testGetOfMissingObjectThrowsNotFound() async throws {
        let destination = S3Destination(configuration: moto.configuration())
        do {
            _ = try await destination.get(key: "missing.bin")
            XCTFail("expected notFound")
        } catch let error as DestinationError {
            XCTAssertEqual(error, .notFound(uri: "s3://sluice-test/base/prefix/missing.bin"))
        }
        do {
            try await destination.copy(from: "missing.bin", to: "other.bin")
            XCTFail("expected notFound")
        } catch let error as DestinationError {
            XCTAssertEqual(error, .notFound(uri: "s3://sluice-test/base/prefix/missing.bin"))
        }
    }

    func testErrorOfMissingBucketCarriesStatusAndCodeButNoSecret() async throws {
        var configuration = moto.configuration()
        configuration.bucket = "no-such-bucket"
        let destination = S3Destination(configuration: configuration)
        do {
            _ = try await destination.put(key: "a.bin", data: Data([1, 2, 3]))
            XCTFail("expected an S3 error")
        } catch let error as DestinationError {
            guard case let .s3(operation, uri, status, code, _, _) = error else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(operation, "PutObject")
            XCTAssertEqual(uri, "s3://no-such-bucket/base/prefix/a.bin")
            XCTAssertEqual(status, 404)
            XCTAssertEqual(code, "NoSuchBucket")
            XCTAssertFalse(error.description.contains(MotoS3Server.credentials.secretAccessKey))
            XCTAssertFalse(error.description.contains("Signature="))
        }
    }

    func testListReturnsEveryKeyAcrossSmallPages() async throws {
        let destination = S3Destination(configuration: moto.configuration(listPageSize: 7))
        let keys = (0..<23).map { String(format: "staging/part-%03d.csv", $0) }
        for (index, key) in keys.enumerated() {
            _ = try await destination.put(key: key, data: Data(repeating: UInt8(index), count: index))
        }
        _ = try await destination.put(key: "published/x.csv", data: Data([1]))
        let listed = try await destination.list(prefix: "staging/")
        XCTAssertEqual(listed.map(\.key), keys)
        XCTAssertEqual(listed.map(\.bytes), (0..<23).map(Int64.init))
        let all = try await destination.list(prefix: "")
        XCTAssertEqual(all.count, 24)
    }

    func testMoreThanAThousandKeysListInPagesAndDeleteInBatches() async throws {
        let destination = S3Destination(configuration: moto.configuration())
        let keys = (0..<1005).map { String(format: "many/%04d", $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in stride(from: worker, to: keys.count, by: 8) {
                        _ = try await destination.put(key: keys[index], data: Data([UInt8(index % 256)]))
                    }
                }
            }
            try await group.waitForAll()
        }
        let listed = try await destination.list(prefix: "many/")
        XCTAssertEqual(listed.map(\.key), keys)
        try await destination.delete(keys: keys)
        let after = try await destination.list(prefix: "many/")
        XCTAssertEqual(after, [])
    }

    func testStreamedMultipartUploadOf20MBReadsBackIdenticalForBoto3() async throws {
        let destination = S3Destination(configuration: moto.configuration(partSize: 5 * 1024 * 1024))
        let data = TestBytes.make(count: 20 * 1024 * 1024 + 12_345, seed: 42)
        let writer = try await destination.openWriter(key: "big/object.bin", contentType: "application/octet-stream")
        var offset = 0
        let chunk = 1_000_003
        while offset < data.count {
            let end = min(offset + chunk, data.count)
            if (offset / chunk) % 2 == 0 {
                try await writer.write(data[offset..<end])
            } else {
                try await writer.write(Array(data[offset..<end]))
            }
            offset = end
        }
        let beforeFinish = try await destination.exists(key: "big/object.bin")
        XCTAssertFalse(beforeFinish, "a multipart object must not be visible before finish")
        let info = try await writer.finish()
        XCTAssertEqual(info, ObjectInfo(key: "big/object.bin", bytes: Int64(data.count), sha256: TestBytes.sha256(data)))
        let readBack = try await destination.get(key: "big/object.bin")
        XCTAssertTrue(readBack == data, "read back differs")
        let oracle = try S3Oracle.object(endpoint: moto.endpointURL, bucket: moto.bucket, key: "base/prefix/big/object.bin")
        XCTAssertEqual(oracle.sha256, TestBytes.sha256(data))
        XCTAssertEqual(oracle.size, data.count)
        XCTAssertTrue(oracle.etag.hasSuffix("-5\""), "expected a 5-part multipart ETag, got \(oracle.etag)")
        let uploads = try S3Oracle.uploads(endpoint: moto.endpointURL, bucket: moto.bucket)
        XCTAssertEqual(uploads, [])
    }

    func testSmallStreamedObjectIsOnePutWithChecksum() async throws {
        let destination = S3Destination(configuration: moto.configuration())
        let writer = try await destination.openWriter(key: "small.jsonl")
        try await writer.write(Array("{\"a\":1}\n".utf8))
        try await writer.write(Data("{\"a\":2}\n".utf8))
        let info = try await writer.finish()
        let expected = Data("{\"a\":1}\n{\"a\":2}\n".utf8)
        XCTAssertEqual(info.sha256, TestBytes.sha256(expected))
        let readBack = try await destination.get(key: "small.jsonl")
        XCTAssertEqual(readBack, expected)
    }

    func testCopyMoveDeleteAndDeleteMany() async throws {
        let destination = S3Destination(configuration: moto.configuration())
        let data = TestBytes.make(count: 1234, seed: 3)
        _ = try await destination.put(key: "staging/run 1/a.parquet", data: data)
        try await destination.copy(from: "staging/run 1/a.parquet", to: "copy/a.parquet")
        try await destination.move(from: "staging/run 1/a.parquet", to: "published/a.parquet")
        let copied = try await destination.get(key: "copy/a.parquet")
        let moved = try await destination.get(key: "published/a.parquet")
        XCTAssertEqual(copied, data)
        XCTAssertEqual(moved, data)
        let sourceExists = try await destination.exists(key: "staging/run 1/a.parquet")
        XCTAssertFalse(sourceExists)

        try await destination.delete(keys: ["copy/a.parquet"])
        let copyExists = try await destination.exists(key: "copy/a.parquet")
        XCTAssertFalse(copyExists)

        for index in 0..<5 { _ = try await destination.put(key: "tmp/\(index)&<x>", data: Data([UInt8(index)])) }
        try await destination.delete(keys: (0..<5).map { "tmp/\($0)&<x>" } + ["tmp/never-existed"])
        let left = try await destination.list(prefix: "")
        XCTAssertEqual(left.map(\.key), ["published/a.parquet"])
    }

    func testAbortedMultipartWriterLeavesNoUploadBehind() async throws {
        let destination = S3Destination(configuration: moto.configuration())
        let writer = try await destination.openWriter(key: "aborted.bin")
        try await writer.write(TestBytes.make(count: 6 * 1024 * 1024, seed: 9))
        let during = try S3Oracle.uploads(endpoint: moto.endpointURL, bucket: moto.bucket)
        XCTAssertEqual(during, ["base/prefix/aborted.bin"])
        await writer.abort()
        let after = try S3Oracle.uploads(endpoint: moto.endpointURL, bucket: moto.bucket)
        XCTAssertEqual(after, [])
        let exists = try await destination.exists(key: "aborted.bin")
        XCTAssertFalse(exists)
        do {
            try await writer.write([1])
            XCTFail("expected writerClosed")
        } catch let error as DestinationError {
            XCTAssertEqual(error, .writerClosed(uri: "s3://sluice-test/base/prefix/aborted.bin"))
        }
    }

    func testAbortIncompleteUploadsCleansUpAbandonedWriters() async throws {
        let destination = S3Destination(configuration: moto.configuration())
        for name in ["one.bin", "two.bin"] {
            let writer = try await destination.openWriter(key: "crashed/\(name)")
            try await writer.write(TestBytes.make(count: 5 * 1024 * 1024, seed: 1))
            // Abandoned: neither finished nor aborted, as after a crash.
        }
        let found = try await destination.incompleteUploads(prefix: "crashed/")
        XCTAssertEqual(Set(found.map(\.key)), ["crashed/one.bin", "crashed/two.bin"])
        let aborted = try await destination.abortIncompleteUploads(prefix: "crashed/")
        XCTAssertEqual(aborted, 2)
        let remaining = try S3Oracle.uploads(endpoint: moto.endpointURL, bucket: moto.bucket)
        XCTAssertEqual(remaining, [])
    }

    func testMultipartListAndCopySurviveSlowDownsAndDroppedConnections() async throws {
        let proxy = try FaultProxy(upstreamPort: moto.port, every: 3)
        defer { proxy.stop() }
        var configuration = moto.configuration(port: proxy.port, listPageSize: 2)
        configuration.partsInFlight = 3
        let destination = S3Destination(configuration: configuration)
        let data = TestBytes.make(count: 12 * 1024 * 1024 + 77, seed: 1234)
        let writer = try await destination.openWriter(key: "faulty/big.bin")
        try await writer.write(data)
        let info = try await writer.finish()
        XCTAssertEqual(info.sha256, TestBytes.sha256(data))
        for index in 0..<4 { _ = try await destination.put(key: "faulty/small-\(index)", data: Data([UInt8(index)])) }
        let listed = try await destination.list(prefix: "faulty/")
        XCTAssertEqual(listed.map(\.key), ["faulty/big.bin"] + (0..<4).map { "faulty/small-\($0)" })
        try await destination.copy(from: "faulty/big.bin", to: "faulty-copy/big.bin")
        let copied = try S3Oracle.object(endpoint: moto.endpointURL, bucket: moto.bucket, key: "base/prefix/faulty-copy/big.bin")
        XCTAssertEqual(copied.sha256, TestBytes.sha256(data))
        let original = try S3Oracle.object(endpoint: moto.endpointURL, bucket: moto.bucket, key: "base/prefix/faulty/big.bin")
        XCTAssertEqual(original.sha256, TestBytes.sha256(data))
        let stats = try proxy.stats()
        XCTAssertGreaterThanOrEqual(stats.slowdowns, 2, "the proxy should have answered SlowDown")
        XCTAssertGreaterThanOrEqual(stats.drops, 2, "the proxy should have dropped connections")
    }

    func testRejectedPartFailsTheWriterAndAbortsTheUpload() async throws {
        let proxy = try FaultProxy(upstreamPort: moto.port, every: 0, reject: "partNumber=2&")
        defer { proxy.stop() }
        let destination = S3Destination(configuration: moto.configuration(port: proxy.port))
        let writer = try await destination.openWriter(key: "rejected.bin")
        do {
            try await writer.write(TestBytes.make(count: 16 * 1024 * 1024, seed: 8))
            _ = try await writer.finish()
            XCTFail("expected the rejected part to fail the writer")
        } catch let error as DestinationError {
            guard case let .s3(operation, uri, status, code, _, _) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(operation, "UploadPart")
            XCTAssertEqual(uri, "s3://sluice-test/base/prefix/rejected.bin")
            XCTAssertEqual(status, 400)
            XCTAssertEqual(code, "InvalidDigest")
        }
        let uploads = try S3Oracle.uploads(endpoint: moto.endpointURL, bucket: moto.bucket)
        XCTAssertEqual(uploads, [])
        let exists = try await destination.exists(key: "rejected.bin")
        XCTAssertFalse(exists)
        XCTAssertEqual(try proxy.stats().rejections, 1, "a non-retryable error must not be retried")
    }
}
