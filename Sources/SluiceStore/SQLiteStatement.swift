import CSQLite

/// One prepared statement, owned by its `SQLiteDatabase` (which caches it) and used only
/// on that database's queue. `deinit` finalizes it.
///
/// From SQLite's docs: "The application must finalize every prepared statement in order
/// to avoid resource leaks"; finalizing is harmless after the last `sqlite3_step`.
final class SQLiteStatement: StoreStatement, StoreRow {
    let handle: OpaquePointer
    private unowned let database: SQLiteDatabase

    init(handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// SQLite copies bound text before `sqlite3_bind_text` returns when told
    /// `SQLITE_TRANSIENT` (a destructor of -1), so Swift's buffer may go away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Resets the statement and binds `values` to parameters 1...n.
    func bind(_ values: [StoreValue], operation: @autoclosure () -> String) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case let .integer(v): rc = sqlite3_bind_int64(handle, index, v)
            case let .real(v): rc = sqlite3_bind_double(handle, index, v)
            case let .text(v): rc = sqlite3_bind_text(handle, index, v, Int32(v.utf8.count), Self.transient)
            }
            if rc != SQLITE_OK { throw database.error(code: rc, operation: operation()) }
        }
    }

    /// Steps once: `true` when a row is ready, `false` when the statement is done.
    func step(operation: @autoclosure () -> String) throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(code: rc, operation: operation())
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs a statement that returns no rows and resets it.
    func run(_ values: [StoreValue], operation: @autoclosure () -> String) throws {
        try bind(values, operation: operation())
        defer { sqlite3_reset(handle) }
        while try step(operation: operation()) {}
    }

    /// Runs a query and maps each row; the statement is reset afterwards.
    func query<T>(_ values: [StoreValue], operation: @autoclosure () -> String, row: (any StoreRow) throws -> T) throws -> [T] {
        try bind(values, operation: operation())
        defer { sqlite3_reset(handle) }
        var rows: [T] = []
        while try step(operation: operation()) {
            rows.append(try row(self))
        }
        return rows
    }

    // MARK: Columns of the current row

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
