import Foundation
@testable import SluiceStore
import XCTest

/// Statements sent together (`StoreConnection.batch`, and a transaction's first reads): in order, each seeing the
/// ones before it, all or nothing. On SQLite and, with SLUICE_TEST_STORE=postgres, on PostgreSQL (pipelined).
final class StoreBatchTests: XCTestCase {
    private var fixture: StoreFixture!

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    private func scratch(_ store: SQLMetadataStore) async throws {
        try await store.database.perform { db in
            try db.execute("DROP TABLE IF EXISTS batch_scratch", operation: "dropping")
            try db.execute("CREATE TABLE batch_scratch (id BIGINT PRIMARY KEY, name TEXT)", operation: "creating")
        }
    }

    func testABatchRunsInOrderEachStatementSeeingTheOnesBeforeIt() async throws {
        let store = try await fixture.open()
        try await scratch(store)
        let results = try await store.database.perform { db in
            try db.batch([
                BatchedStatement("INSERT INTO batch_scratch (id, name) VALUES (?, ?), (?, ?)", [.integer(1), .text("a"), .integer(2), .text("O'Brien; --")]),
                BatchedStatement("UPDATE batch_scratch SET name = name || ? WHERE id >= ?", [.text("!"), .integer(2)]),
                BatchedStatement("SELECT id, name FROM batch_scratch ORDER BY id", [], columns: 2),
            ], operation: "a test batch")
        }
        XCTAssertEqual(results.map(\.changes), [2, 1, 0])
        XCTAssertEqual(results[2].rows.map(\.values), [["1", "a"], ["2", "O'Brien; --!"]])
    }

    func testABatchWithAFailingStatementLeavesNothingAndTheConnectionWorks() async throws {
        let store = try await fixture.open()
        try await scratch(store)
        do {
            _ = try await store.database.perform { db in
                try db.batch([
                    BatchedStatement("INSERT INTO batch_scratch (id, name) VALUES (?, ?)", [.integer(1), .text("a")]),
                    BatchedStatement("INSERT INTO batch_scratch (id, name) VALUES (?, ?)", [.integer(1), .text("again")]),
                    BatchedStatement("INSERT INTO batch_scratch (id, name) VALUES (?, ?)", [.integer(2), .text("b")]),
                ], operation: "a failing batch")
            }
            XCTFail("a duplicate key must fail the batch")
        } catch let error as StoreError {
            XCTAssertTrue("\(error)".contains("a failing batch"), "\(error)")
        }
        let count = try await store.database.perform { db in
            try db.prepare("SELECT count(*) FROM batch_scratch", operation: "counting").query([], operation: "counting") { $0.int64(0) }
        }
        XCTAssertEqual(count, [0])
    }

    func testATransactionGetsItsFirstReadsAndCommitsWhatItsBodyWrites() async throws {
        let store = try await fixture.open()
        try await scratch(store)
        let seen = try await store.database.perform { db in
            try db.transaction("a test transaction", isolation: .serializable,
                               reading: [BatchedStatement("SELECT count(*), ? FROM batch_scratch", [.text("x")], columns: 2)]) { read in
                try db.prepare("INSERT INTO batch_scratch (id, name) VALUES (?, ?)", operation: "inserting")
                    .run([.integer(7), .text("seven")], operation: "inserting")
                return read[0].rows.map(\.values)
            }
        }
        XCTAssertEqual(seen, [["0", "x"]])
        let names = try await store.database.perform { db in
            try db.prepare("SELECT name FROM batch_scratch", operation: "reading").query([], operation: "reading") { $0.text(0) }
        }
        XCTAssertEqual(names, ["seven"])
    }
}
