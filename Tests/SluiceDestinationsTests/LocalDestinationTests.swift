import Foundation
import XCTest
@testable import SluiceDestinations

final class LocalDestinationTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "sluice-local-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func filesUnder(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    }

    func testWriterPublishesAtomicallyOnFinish() async throws {
        let destination = try LocalDestination(root: root)
        let writer = try await destination.openWriter(key: "out/part-0.csv")
        let data = TestBytes.make(count: 3 * 1024 * 1024 + 5, seed: 11)
        try await writer.write(data[0..<1000])
        let rest = Array(data[1000...])
        try await writer.write(rest)
        let visibleBefore = try await destination.exists(key: "out/part-0.csv")
        XCTAssertFalse(visibleBefore)
        let listedBefore = try await destination.list(prefix: "")
        XCTAssertEqual(listedBefore, [])
        XCTAssertEqual(filesUnder(root + "/out").count, 1)
        XCTAssertTrue(filesUnder(root + "/out")[0].hasSuffix(".partial"))

        let info = try await writer.finish()
        XCTAssertEqual(info, ObjectInfo(key: "out/part-0.csv", bytes: Int64(data.count), sha256: TestBytes.sha256(data)))
        XCTAssertEqual(filesUnder(root + "/out"), ["part-0.csv"])
        let readBack = try await destination.get(key: "out/part-0.csv")
        XCTAssertTrue(readBack == data)
    }

    func testAbortRemovesThePartialFile() async throws {
        let destination = try LocalDestination(root: root)
        let writer = try await destination.openWriter(key: "a/b/c.json")
        try await writer.write(Data("{}".utf8))
        XCTAssertEqual(filesUnder(root + "/a/b").count, 1)
        await writer.abort()
        XCTAssertEqual(filesUnder(root + "/a/b"), [])
        do {
            _ = try await writer.finish()
            XCTFail("expected writerClosed")
        } catch let error as DestinationError {
            XCTAssertEqual(error, .writerClosed(uri: "file://\(root)/a/b/c.json"))
        }
    }

    func testUnsafeBufferWriteAndPut() async throws {
        let destination = try LocalDestination(root: root)
        let writer = try await destination.openWriter(key: "raw.bin")
        let bytes: [UInt8] = [0, 1, 2, 255]
        let pointer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        defer { pointer.deallocate() }
        pointer.copyBytes(from: bytes)
        try await writer.write(UnsafeRawBufferPointer(pointer))
        let info = try await writer.finish()
        XCTAssertEqual(info.bytes, 4)
        let put = try await destination.put(key: "put.txt", data: Data("hello".utf8))
        XCTAssertEqual(put.sha256, TestBytes.sha256(Data("hello".utf8)))
        let raw = try await destination.get(key: "raw.bin")
        XCTAssertEqual(Array(raw), bytes)
    }

    func testListIsRecursiveSortedAndFiltersByStringPrefix() async throws {
        let destination = try LocalDestination(root: root)
        for key in ["staging/run1/b.csv", "staging/run1/a.csv", "staging/run2/x/y.csv", "stage-other.csv", "published/p.csv"] {
            _ = try await destination.put(key: key, data: Data(key.utf8))
        }
        let staging = try await destination.list(prefix: "staging/")
        XCTAssertEqual(staging.map(\.key), ["staging/run1/a.csv", "staging/run1/b.csv", "staging/run2/x/y.csv"])
        XCTAssertEqual(staging[0].bytes, Int64("staging/run1/a.csv".utf8.count))
        let stage = try await destination.list(prefix: "stag")
        XCTAssertEqual(stage.count, 4)
        let missing = try await destination.list(prefix: "nothing/")
        XCTAssertEqual(missing, [])
    }

    func testMoveCopyAndDelete() async throws {
        let destination = try LocalDestination(root: root)
        _ = try await destination.put(key: "staging/a.csv", data: Data("a".utf8))
        _ = try await destination.put(key: "published/a.csv", data: Data("old".utf8))
        try await destination.move(from: "staging/a.csv", to: "published/a.csv")
        let moved = try await destination.get(key: "published/a.csv")
        XCTAssertEqual(moved, Data("a".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/staging"), "empty folders are pruned")

        try await destination.copy(from: "published/a.csv", to: "backup/deep/a.csv")
        let copied = try await destination.get(key: "backup/deep/a.csv")
        XCTAssertEqual(copied, Data("a".utf8))

        try await destination.delete(keys: ["published/a.csv", "backup/deep/a.csv", "never/there.csv"])
        let left = try await destination.list(prefix: "")
        XCTAssertEqual(left, [])
        do {
            try await destination.move(from: "published/a.csv", to: "x.csv")
            XCTFail("expected notFound")
        } catch let error as DestinationError {
            XCTAssertEqual(error, .notFound(uri: "file://\(root)/published/a.csv"))
        }
    }

    func testKeysThatEscapeTheFolderAreRejected() async throws {
        let destination = try LocalDestination(root: root)
        for key in ["../outside.csv", "/abs.csv", "a//b.csv", "a/./b.csv", ""] {
            do {
                _ = try await destination.put(key: key, data: Data())
                XCTFail("accepted \(key)")
            } catch let error as DestinationError {
                guard case .invalidKey = error else { return XCTFail("unexpected \(error)") }
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: (root as NSString).deletingLastPathComponent + "/outside.csv"))
    }
}
