import Foundation

/// A database the metadata store runs on: SQLite (`SQLiteDatabase`) or PostgreSQL (`PostgresStoreDatabase`).
///
/// The store's SQL is written once, with `?` parameters and the SQL both engines share; `perform` hands it a
/// connection on which it runs synchronously, off Swift's cooperative pool (a Dispatch queue owned by the
/// connection), so a transaction's statements run in one hop.
protocol StoreDatabase: Sendable {
    /// Where the store lives, for messages: a file path, or a server and database without credentials.
    var displayName: String { get }
    var dialect: StoreDialect { get }
    /// Runs `body` with a connection (on its queue) and returns its result. The body must not keep the
    /// connection or its statements beyond its return.
    func perform<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T
    /// Closes the connections (a no-op for SQLite, which closes when released).
    func close() async
}

/// One connection, used only inside `StoreDatabase.perform`.
protocol StoreConnection: AnyObject {
    var dialect: StoreDialect { get }
    /// Where the store lives, for messages.
    var displayName: String { get }
    /// A statement for `sql` (`?` parameters), cached by the connection.
    func prepare(_ sql: String, operation: @autoclosure () -> String) throws -> any StoreStatement
    /// Runs SQL that may hold several statements (no parameters) and returns no rows.
    func execute(_ sql: String, operation: @autoclosure () -> String) throws
    /// Runs `body` in a transaction that behaves as if it ran alone (SQLite's single writer; PostgreSQL's
    /// SERIALIZABLE, retried when the server reports a serialization failure), rolling back if it throws.
    /// `body` may run more than once, so it must only touch the database. It gets the results of `reading`,
    /// statements run first in the transaction (on PostgreSQL sent with its `BEGIN`: one round trip for both).
    func transaction<T>(_ operation: @autoclosure () -> String, isolation: StoreIsolation, reading: [BatchedStatement],
                        _ body: ([BatchedResult]) throws -> T) throws -> T
    /// Runs `statements` in order in one READ COMMITTED transaction (each sees what was committed before it began,
    /// and the batch's own changes), rolled back when one fails. The statements cannot depend on each other's
    /// answers, so PostgreSQL gets them all at once: one round trip for the whole transaction (libpq's pipeline
    /// mode) instead of one per statement. Not inside another transaction.
    func batch(_ statements: [BatchedStatement], operation: @autoclosure () -> String) throws -> [BatchedResult]
    /// Rows changed by the last statement run with `run`.
    var changes: Int { get }
}

/// How a PostgreSQL transaction sees others (SQLite has one writer at a time: always as if alone).
enum StoreIsolation: Sendable {
    /// As if it ran alone (SERIALIZABLE, retried on serialization failures): for reads that decide writes.
    case serializable
    /// Each statement sees what was committed before it (READ COMMITTED): for conditional updates of rows the
    /// transaction locks itself (claims with `FOR UPDATE SKIP LOCKED`, heartbeats, a try's end), which are
    /// correct without it and would otherwise fail to serialize whenever processes touch neighbouring rows.
    case readCommitted
}

/// One statement of `StoreConnection.batch`.
struct BatchedStatement {
    /// Its SQL, with `?` parameters.
    var sql: String
    var values: [StoreValue]
    /// How many columns its rows have; 0 for a statement that returns none (whose changed rows are counted).
    var columns: Int32

    init(_ sql: String, _ values: [StoreValue], columns: Int32 = 0) {
        self.sql = sql
        self.values = values
        self.columns = columns
    }
}

/// What one statement of a batch did.
struct BatchedResult {
    /// The rows it changed (a statement without columns).
    var changes: Int
    /// The rows it returned (a statement with columns).
    var rows: [TextStoreRow]
}

extension StoreConnection {
    /// The statements one after another in a transaction (SQLite's: one writer at a time, no round trips).
    func batch(_ statements: [BatchedStatement], operation: @autoclosure () -> String) throws -> [BatchedResult] {
        try transaction(operation(), isolation: .readCommitted, reading: statements) { $0 }
    }

    /// Runs `statements` one after another, each its own round trip (what a batch is where round trips cost nothing).
    func runOneByOne(_ statements: [BatchedStatement], operation: @autoclosure () -> String) throws -> [BatchedResult] {
        try statements.map { statement in
            let prepared = try prepare(statement.sql, operation: "preparing " + operation())
            guard statement.columns > 0 else {
                try prepared.run(statement.values, operation: operation())
                return BatchedResult(changes: changes, rows: [])
            }
            let rows = try prepared.query(statement.values, operation: operation()) { row in
                TextStoreRow(values: (0..<statement.columns).map { row.isNull($0) ? nil : row.text($0) })
            }
            return BatchedResult(changes: 0, rows: rows)
        }
    }

    /// A transaction without statements run first (see `transaction(_:isolation:reading:_:)`).
    func transaction<T>(_ operation: @autoclosure () -> String, isolation: StoreIsolation, _ body: () throws -> T) throws -> T {
        try transaction(operation(), isolation: isolation, reading: []) { _ in try body() }
    }

    /// A SERIALIZABLE transaction (see `transaction(_:isolation:reading:_:)`).
    func transaction<T>(_ operation: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        try transaction(operation(), isolation: .serializable, reading: []) { _ in try body() }
    }
}

/// A statement of a `StoreConnection`.
protocol StoreStatement: AnyObject {
    /// Runs a statement that returns no rows.
    func run(_ values: [StoreValue], operation: @autoclosure () -> String) throws
    /// Runs a query and maps each row.
    func query<T>(_ values: [StoreValue], operation: @autoclosure () -> String, row: (any StoreRow) throws -> T) throws -> [T]
}

/// The current row of a query, by column index from 0.
protocol StoreRow {
    func isNull(_ column: Int32) -> Bool
    func int64(_ column: Int32) -> Int64
    func double(_ column: Int32) -> Double
    func text(_ column: Int32) -> String
}

extension StoreRow {
    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func optionalDouble(_ column: Int32) -> Double? {
        isNull(column) ? nil : double(column)
    }

    func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }
}

/// What differs between the two engines, kept to a few expressions.
enum StoreDialect: Sendable, Equatable {
    case sqlite
    case postgres

    /// The database's clock as microseconds since 1970 (never a worker's clock).
    var nowMicros: String {
        switch self {
        case .sqlite: return "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)"
        case .postgres: return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)"
        }
    }

    /// What ends a query that locks the rows it returns, skipping rows another transaction has locked (a
    /// claim in progress elsewhere); SQLite has one writer at a time and needs nothing.
    var forUpdateSkipLocked: String {
        switch self {
        case .sqlite: return ""
        case .postgres: return " FOR UPDATE SKIP LOCKED"
        }
    }

    /// A statement that holds a lock on each of `count` names (one `?` each, given in name order) until the
    /// transaction ends, so processes counting and taking one limit's room do it one at a time; nil on SQLite (one
    /// writer at a time). The locks are taken left to right, in the order given: always name order, so no two
    /// processes wait on each other (a deadlock all the same is PostgreSQL's to find, and the transaction's to retry).
    func nameLocks(_ count: Int) -> String? {
        switch self {
        case .sqlite: return nil
        // Two int4 keys: a key space apart from the one-key lock of migrations. 0x736C6F74 is "slot".
        case .postgres:
            return "SELECT " + Array(repeating: "pg_advisory_xact_lock(1936486260, hashtext(?))", count: count).joined(separator: ", ")
        }
    }

    /// The schema migrations of this engine.
    var migrations: [SchemaMigration] {
        switch self {
        case .sqlite: return SchemaMigration.all
        case .postgres: return SchemaMigration.postgres
        }
    }
}
