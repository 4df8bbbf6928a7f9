import CSQLite
import Dispatch
import Foundation
import SluiceBlocking

/// The one owner of a `sqlite3*` connection, confined to one serial `DispatchQueue`.
///
/// Every use of the connection goes through `perform`, which runs its body on that queue
/// and bridges the result back with a continuation, so SQLite's blocking calls never run
/// on Swift's cooperative pool and the connection is never used from two threads at once
/// (it is opened with `SQLITE_OPEN_NOMUTEX`). Prepared statements are cached by SQL text.
/// `deinit` finalizes the cached statements and closes the connection.
///
/// It sets the PRAGMAs the store relies on: WAL journal, `synchronous=NORMAL` (durable
/// across process crashes; a power loss may lose the last commits), a 5 s busy timeout
/// and foreign keys. It knows nothing about Sluice's tables.
final class SQLiteDatabase: StoreDatabase, StoreConnection, @unchecked Sendable {
    // @unchecked: `handle` and `statements` are touched only on `queue` (see `perform`).
    let path: String
    private let blocking: BlockingQueue
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]

    private init(path: String, handle: OpaquePointer, blocking: BlockingQueue) {
        self.path = path
        self.handle = handle
        self.blocking = blocking
    }

    deinit {
        statements.removeAll()
        // sqlite3_close_v2 defers the close until the last statement is finalized.
        sqlite3_close_v2(handle)
    }

    /// Opens (creating if needed) the database file at `path` and applies the PRAGMAs.
    static func open(path: String) async throws -> SQLiteDatabase {
        let blocking = BlockingQueue(label: "sluice.sqlite")
        return try await blocking.run { try openOnQueue(path: path, blocking: blocking) }
    }

    private static func openOnQueue(path: String, blocking: BlockingQueue) throws -> SQLiteDatabase {
        var raw: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &raw, flags, nil)
        guard let handle = raw else {
            throw StoreError.cannotOpen(path: path, message: String(cString: sqlite3_errstr(rc)))
        }
        guard rc == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(handle))
            sqlite3_close_v2(handle)
            throw StoreError.cannotOpen(path: path, message: message)
        }
        sqlite3_extended_result_codes(handle, 1)
        let database = SQLiteDatabase(path: path, handle: handle, blocking: blocking)
        // The busy timeout first: switching to WAL needs a lock another connection may hold.
        try database.execute("PRAGMA busy_timeout = 5000", operation: "setting the busy timeout")
        let mode = try database.prepare("PRAGMA journal_mode = WAL", operation: "switching to WAL")
            .query([], operation: "switching to WAL") { row in row.text(0) }
        guard mode.first?.lowercased() == "wal" else {
            throw StoreError.cannotOpen(path: path, message: "SQLite refused WAL mode (journal mode is \(mode.first ?? "unknown"))")
        }
        try database.execute("PRAGMA synchronous = NORMAL", operation: "setting synchronous mode")
        try database.execute("PRAGMA foreign_keys = ON", operation: "enabling foreign keys")
        return database
    }

    var displayName: String { path }
    var dialect: StoreDialect { .sqlite }

    /// Runs `body` on the database's queue and returns its result.
    /// The body must not keep the database or its statements beyond its own return.
    func perform<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        try await blocking.run { try body(self) }
    }

    /// Nothing to do: the connection closes when the last reference goes.
    func close() async {}

    // MARK: On-queue helpers (call only inside `perform`)

    /// Runs SQL that may hold several statements and returns no rows.
    func execute(_ sql: String, operation: @autoclosure () -> String) throws {
        dispatchPrecondition(condition: .onQueue(blocking.queue))
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw StoreError.sqlite(code: sqlite3_extended_errcode(handle), message: text, operation: operation())
        }
    }

    /// The cached prepared statement for `sql`, preparing it on first use.
    func prepare(_ sql: String, operation: @autoclosure () -> String) throws -> any StoreStatement {
        dispatchPrecondition(condition: .onQueue(blocking.queue))
        if let cached = statements[sql] { return cached }
        var raw: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard rc == SQLITE_OK, let statement = raw else {
            sqlite3_finalize(raw)
            throw error(code: rc, operation: operation())
        }
        let wrapped = SQLiteStatement(handle: statement, database: self)
        statements[sql] = wrapped
        return wrapped
    }

    /// Runs `body` inside `BEGIN IMMEDIATE ... COMMIT`, rolling back if it throws.
    ///
    /// IMMEDIATE takes the write lock up front, so a second connection waits for it under
    /// the busy timeout instead of failing with SQLITE_BUSY when a read would upgrade to a write.
    func transaction<T>(_ operation: @autoclosure () -> String, isolation: StoreIsolation, reading: [BatchedStatement],
                        _ body: ([BatchedResult]) throws -> T) throws -> T {
        try prepare("BEGIN IMMEDIATE", operation: "starting a transaction").run([], operation: "starting a transaction for " + operation())
        do {
            let result = try body(try runOneByOne(reading, operation: operation()))
            try prepare("COMMIT", operation: "committing").run([], operation: "committing " + operation())
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 {
                _ = try? prepare("ROLLBACK", operation: "rolling back").run([], operation: "rolling back")
            }
            throw error
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int {
        Int(sqlite3_changes(handle))
    }

    /// The store error for result code `code`, with SQLite's message for this connection.
    func error(code: Int32, operation: String) -> StoreError {
        let extended = sqlite3_extended_errcode(handle)
        let message = String(cString: sqlite3_errmsg(handle))
        return .sqlite(code: extended != 0 ? extended : code, message: message, operation: operation)
    }
}
