import Foundation
@testable import SluiceDestinations
import SluiceTestSupport
import XCTest

/// The staging area of a local destination and the atomic publication of a partition folder.
final class LocalStagingTests: XCTestCase {
    var base = ""

    override func setUp() {
        base = NSTemporaryDirectory() + "sluice-staging-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: base)
    }

    func testStagedFilesAreInvisibleToDuckDBAndPyarrowReadingTheDestinationRootRecursively() async throws {
        let lake = try LocalDestination(root: base + "/lake")
        _ = try await lake.put(key: "t/day=1/part-0.csv", data: Data("a\n1\n".utf8))
        let area = try lake.stagingArea()
        _ = try await area.put(key: "t%2Fday=1/run.1.d.t/part-0.csv", data: Data("a\n2\n".utf8))
        let writer = try await area.openWriter(key: "t%2Fday=1/run.1.d.t/part-1.csv")
        try await writer.write(Data("a\n3\n".utf8)) // unfinished: a .partial file stays while it writes

        let seen = try TestProcess.python("""
            import duckdb, sys, pyarrow.dataset as ds
            root = sys.argv[1]
            duck = sorted(r[0][len(root):] for r in duckdb.sql(f"SELECT file FROM glob('{root}/**')").fetchall())
            arrow = sorted(f[len(root):] for f in ds.dataset(root, format='csv').files)
            print(",".join(duck) + "|" + ",".join(arrow))
            """, [base + "/lake"])
        XCTAssertEqual(seen, "/t/day=1/part-0.csv|/t/day=1/part-0.csv")
        XCTAssertTrue(area.describe(key: "x").hasPrefix("file://" + base + "/.lake.sluice-staging/"), area.describe(key: "x"))
        await writer.abort()
    }

    func testPublishingSwapsThePartitionFolderAndKeepsNestedPartitions() async throws {
        let lake = try LocalDestination(root: base + "/lake")
        let area = try lake.stagingArea()
        _ = try await lake.put(key: "t/day=1/old-0.csv", data: Data("old".utf8))
        _ = try await lake.put(key: "t/day=1/_SUCCESS", data: Data())
        _ = try await lake.put(key: "t/day=1/hour=01/nested.csv", data: Data("nested".utf8))
        _ = try await area.put(key: "p/try/new-0.csv", data: Data("new".utf8))
        _ = try await area.put(key: "p/try/_SUCCESS", data: Data())

        XCTAssertNotNil(RenameExchange.function, "renameat2 is missing: publishing would not be atomic")
        try await lake.publishPartition("t/day=1", stagedPrefix: "p/try/", from: area, renaming: ["new-0.csv": "new-0-1f.csv"])

        let published = try await lake.list(prefix: "t/").map(\.key)
        XCTAssertEqual(published, ["t/day=1/_SUCCESS", "t/day=1/hour=01/nested.csv", "t/day=1/new-0-1f.csv"])
        // What was replaced is left in the staging folder, for the caller to remove.
        let replaced = try await area.list(prefix: "p/try/").map(\.key)
        XCTAssertTrue(replaced.contains("p/try/old-0.csv"), "\(replaced)")
        try await area.deleteTree(prefix: "p/try/")
        let left = try await area.list(prefix: "")
        XCTAssertEqual(left, [])
        let nested = try await lake.get(key: "t/day=1/hour=01/nested.csv")
        XCTAssertEqual(nested, Data("nested".utf8))
    }

    func testPublishingAPartitionThatDoesNotExistYetCreatesItsParents() async throws {
        let lake = try LocalDestination(root: base + "/lake")
        let area = try lake.stagingArea()
        _ = try await area.put(key: "p/try/a.csv", data: Data("a".utf8))
        try await lake.publishPartition("t/year=2026/day=1", stagedPrefix: "p/try/", from: area, renaming: [:])
        let published = try await lake.list(prefix: "").map(\.key)
        XCTAssertEqual(published, ["t/year=2026/day=1/a.csv"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: base + "/.lake.sluice-staging/p/try"))
    }

    func testADestinationThatIsAMountPointIsRefusedBeforeAnythingIsStaged() throws {
        let disk = try Tmpfs(megabytes: 1)
        defer { disk.unmount() }
        let lake = try LocalDestination(root: disk.path)
        XCTAssertThrowsError(try lake.stagingArea()) { error in
            XCTAssertTrue("\(error)".contains("it is a mount point"), "\(error)")
        }
        XCTAssertNoThrow(try LocalDestination(root: disk.path + "/lake").stagingArea())
    }

    func testAFullDiskFailsTheWriteWithNoSpaceLeftOnDeviceAndThePath() async throws {
        let disk = try Tmpfs(megabytes: 1)
        defer { disk.unmount() }
        let lake = try LocalDestination(root: disk.path + "/lake")
        let area = try lake.stagingArea()
        let writer = try await area.openWriter(key: "p/try/big.csv")
        let chunk = Data(repeating: 65, count: 256 * 1024)
        do {
            for _ in 0..<16 { try await writer.write(chunk) }
            _ = try await writer.finish()
            XCTFail("2 MiB fit on a 1 MiB file system")
        } catch let error as DestinationError {
            XCTAssertTrue(error.description.hasPrefix("no space left on device writing " + disk.path + "/.lake.sluice-staging/p/try/big.csv"), error.description)
            XCTAssertTrue(error.description.contains("disk is full"), error.description)
        }
        await writer.abort()
        let left = try await area.list(prefix: "")
        XCTAssertEqual(left, [])
    }
}
