import Foundation
@testable import SluiceStore
import XCTest

final class SQLiteDatabaseTests: XCTestCase {
    private var fixture: StoreFixture!

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    func testErrorsCarrySQLiteMessageAndOperation() async throws {
        let database = try await SQLiteDatabase.open(path: fixture.folder.appendingPathComponent("x.db").path)
        await XCTAssertThrowsErrorAsync(try await database.perform { db in
            _ = try db.prepare("SELECT nope FROM missing_table", operation: "reading the missing table")
        }) { error in
            XCTAssertEqual("\(error)", "the metadata store failed while reading the missing table: no such table: missing_table (SQLite code 1)")
        }
    }

    func testTextWithNulAndUnicodeRoundTripsAndStatementsAreCached() async throws {
        let database = try await SQLiteDatabase.open(path: fixture.folder.appendingPathComponent("x.db").path)
        let text = "a\u{0}b ✓ 𝄞"
        let result = try await database.perform { db -> (String, Bool) in
            try db.execute("CREATE TABLE t (v TEXT)", operation: "t")
            let insert = try db.prepare("INSERT INTO t (v) VALUES (?)", operation: "t")
            try insert.run([.text(text)], operation: "t")
            let again = try db.prepare("INSERT INTO t (v) VALUES (?)", operation: "t")
            let read = try db.prepare("SELECT v FROM t", operation: "t").query([], operation: "t") { $0.text(0) }
            return (read.first ?? "", insert === again)
        }
        XCTAssertEqual(result.0, text)
        XCTAssertTrue(result.1)
    }

    func testTransactionRollsBackWhenItsBodyThrows() async throws {
        let database = try await SQLiteDatabase.open(path: fixture.folder.appendingPathComponent("x.db").path)
        struct Boom: Error {}
        let count = try await database.perform { db -> Int64 in
            try db.execute("CREATE TABLE t (v INTEGER)", operation: "t")
            _ = try? db.transaction("test") {
                try db.prepare("INSERT INTO t (v) VALUES (1)", operation: "t").run([], operation: "t")
                throw Boom()
            }
            return try db.prepare("SELECT COUNT(*) FROM t", operation: "t").query([], operation: "t") { $0.int64(0) }.first ?? -1
        }
        XCTAssertEqual(count, 0)
    }

    func testUnopenablePathIsAClearError() async throws {
        let blocker = fixture.folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        await XCTAssertThrowsErrorAsync(try await SQLMetadataStore.open(path: blocker.appendingPathComponent("sub/sluice.db").path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot create the folder"), "\(error)")
        }
    }
}
