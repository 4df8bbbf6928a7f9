import Foundation
import SluiceCore
import SluicePostgres
@testable import SluiceStore
import SluiceTestSupport
import XCTest

/// The engine the store tests run on: SQLite, or PostgreSQL when `SLUICE_TEST_STORE=postgres` (`make test`
/// runs the shared store suites both ways).
enum TestStoreEngine {
    static var isPostgres: Bool {
        ProcessInfo.processInfo.environment["SLUICE_TEST_STORE"] == "postgres"
    }
}

/// A temporary Sluice home for one test, removed afterwards, and sample values. On PostgreSQL the store is a
/// fresh database of the shared test server, dropped afterwards.
struct StoreFixture {
    let folder: URL
    /// The test's own database on PostgreSQL; nil on SQLite.
    let postgresURL: String?

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        postgresURL = TestStoreEngine.isPostgres ? try ThrowawayPostgres.shared().createDatabase(prefix: "sluice_store") : nil
    }

    var databasePath: String {
        folder.appendingPathComponent("nested/home/sluice.db").path
    }

    /// Where the store is, as its error messages name it.
    var displayName: String {
        postgresURL.map { (try? ConnectionConfig(uri: $0).redacted) ?? $0 } ?? databasePath
    }

    func open(lease: TimeInterval = SQLMetadataStore.defaultLease) async throws -> SQLMetadataStore {
        if let postgresURL { return try await SQLMetadataStore.open(url: postgresURL, lease: lease) }
        return try await SQLMetadataStore.open(path: databasePath, lease: lease)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
        if let postgresURL { try? ThrowawayPostgres.shared().dropDatabase(uri: postgresURL) }
    }

    /// A date with a non-zero microsecond part, to check microsecond round trips.
    static let t0 = Date(timeIntervalSince1970: 1_610_668_800.123456)

    static func day(_ n: Int) -> Date {
        Date(timeIntervalSince1970: 1_609_459_200 + Double(n) * 86_400)
    }

    static func run(_ dagId: String = "etl", day n: Int, type: RunType = .scheduled, state: RunState = .queued) -> DagRun {
        DagRun(dagId: dagId, runType: type, logicalDate: day(n), dataIntervalStart: day(n), dataIntervalEnd: day(n + 1),
               state: state, queuedAt: day(n + 1))
    }
}

/// Microseconds since 1970, the precision the store keeps.
func micros(_ date: Date?) -> Int64? {
    date.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded()) }
}

func XCTAssertThrowsErrorAsync<T>(_ body: @autoclosure () async throws -> T, file: StaticString = #filePath, line: UInt = #line,
                                  _ check: (any Error) -> Void = { _ in }) async {
    do {
        _ = try await body()
        XCTFail("expected an error", file: file, line: line)
    } catch {
        check(error)
    }
}
