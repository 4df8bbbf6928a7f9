import Foundation
@testable import SluiceStore
import XCTest

final class SchemaMigratorTests: XCTestCase {
    private var fixture: StoreFixture!

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    func testFreshDatabaseIsMigratedToLatestWithWALAndForeignKeys() async throws {
        let store = try await fixture.open()
        XCTAssertTrue(FileManager.default.fileExists(atPath: fixture.databasePath))
        let version = try await store.schemaVersion()
        XCTAssertEqual(version, SchemaMigration.latestVersion)
        let pragmas = try await store.database.perform { db -> [String] in
            try ["PRAGMA journal_mode", "PRAGMA foreign_keys", "PRAGMA synchronous", "PRAGMA busy_timeout", "PRAGMA user_version"].map { sql in
                try db.prepare(sql, operation: "test").query([], operation: "test") { $0.text(0) }.first ?? ""
            }
        }
        XCTAssertEqual(pragmas, ["wal", "1", "1", "5000", String(SchemaMigration.latestVersion)])
    }

    func testReopeningAppliesNothingAndKeepsData() async throws {
        do {
            let store = try await fixture.open()
            try await store.setPaused(dagId: "etl", paused: true)
        }
        let store = try await fixture.open()
        let applied = try await store.database.perform { db in try SchemaMigrator(dialect: .sqlite).migrate(db, now: Date()) }
        XCTAssertEqual(applied, [])
        let rows = try await store.database.perform { db in
            try db.prepare("SELECT COUNT(*) FROM schema_migrations", operation: "test").query([], operation: "test") { $0.int64(0) }
        }
        XCTAssertEqual(rows, [Int64(SchemaMigration.all.count)])
        let paused = try await store.isPaused(dagId: "etl")
        XCTAssertTrue(paused)
    }

    func testMigrationsAreAppliedInOrderEachOnce() async throws {
        let database = try await SQLiteDatabase.open(path: fixture.folder.appendingPathComponent("m.db").path)
        let first = SchemaMigrator(migrations: [SchemaMigration(version: 1, name: "a", sql: "CREATE TABLE a (x INTEGER)")])
        let both = SchemaMigrator(migrations: first.migrations + [SchemaMigration(version: 2, name: "b", sql: "CREATE TABLE b (y INTEGER)")])
        let applied = try await database.perform { db in
            [try first.migrate(db, now: Date()), try both.migrate(db, now: Date()), try both.migrate(db, now: Date())]
        }
        XCTAssertEqual(applied, [[1], [2], []])
    }

    func testFailingMigrationLeavesNoTrace() async throws {
        let database = try await SQLiteDatabase.open(path: fixture.folder.appendingPathComponent("m.db").path)
        let broken = SchemaMigrator(migrations: [SchemaMigration(version: 1, name: "half", sql: "CREATE TABLE a (x INTEGER); THIS IS NOT SQL")])
        await XCTAssertThrowsErrorAsync(try await database.perform { db in try broken.migrate(db, now: Date()) })
        let state = try await database.perform { db in
            (try SchemaMigrator(dialect: .sqlite).currentVersion(db),
             try db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'a'", operation: "t").query([], operation: "t") { $0.int64(0) })
        }
        XCTAssertEqual(state.0, 0)
        XCTAssertEqual(state.1, [0])
    }

    func testOlderBinaryRefusesNewerSchema() async throws {
        do {
            let store = try await fixture.open()
            try await store.database.perform { db in
                try db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)", operation: "test")
            }
        }
        await XCTAssertThrowsErrorAsync(try await self.fixture.open()) { error in
            XCTAssertEqual(error as? StoreError, .schemaTooNew(path: self.fixture.databasePath, found: 99, supported: SchemaMigration.latestVersion))
            XCTAssertTrue("\(error)".contains("schema version 99, but this Sluice knows only up to version \(SchemaMigration.latestVersion)"), "\(error)")
        }
    }
}
