import Foundation
import SluicePostgres
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The metadata store on a PostgreSQL server (`SLUICE_METADATA_URL`), shared by every scheduler and worker.
///
/// A small pool of connections (the existing libpq layer); `perform` borrows one and runs the store's body on
/// that connection's queue through a `PostgresSession`. The store's `?` parameters become `$1`, `$2`, ... with
/// types from their values, and each statement is prepared once per connection. Transactions are SERIALIZABLE,
/// so a transaction's reads and writes behave as if no other process ran at the same time (as SQLite's single
/// writer does): a serialization failure or deadlock rolls back and runs the body again.
final class PostgresStoreDatabase: StoreDatabase {
    let pool: ConnectionPool
    let config: ConnectionConfig
    let displayName: String
    var dialect: StoreDialect { .postgres }

    init(config: ConnectionConfig, connections: Int) {
        let tuned = Self.withGenericPlans(config)
        pool = ConnectionPool(id: "metadata", config: tuned, maxConnections: connections)
        self.config = tuned
        displayName = config.redacted
    }

    /// The store's statements are prepared once per connection and look rows up by key: generic plans fit them,
    /// and PostgreSQL's default (planning each of the first five runs anew, and again five times after every
    /// `ANALYZE` of a table the statement reads, which the busiest tables get every few seconds) spent a fifth of
    /// a claim's time planning it, once per connection of every process (PostgreSQL 12 or later).
    static func withGenericPlans(_ config: ConnectionConfig) -> ConnectionConfig {
        var tuned = config
        tuned.options["options"] = [config.options["options"], "-c plan_cache_mode=force_generic_plan"]
            .compactMap { $0 }.joined(separator: " ")
        return tuned
    }

    /// Listens on `channels` on a connection of its own (not the pool's) until the calling task is cancelled,
    /// calling `heard` with each notification's channel, and `connected` each time it listens (changes made
    /// while it did not went unheard). A lost connection is opened again a second later.
    func listen(channels: [String], connected: @escaping @Sendable () -> Void, heard: @escaping @Sendable (String) -> Void) async {
        while !Task.isCancelled {
            var connection: PostgresConnection?
            do {
                let listening = try await PostgresConnection.connect(config)
                connection = listening
                for channel in channels { _ = try await listening.execute("LISTEN \(channel)") }
                connected()
                while !Task.isCancelled {
                    for notification in try await listening.notifications(waitingUpTo: 1) { heard(notification.channel) }
                }
            } catch {
                try? await Task.sleep(for: .seconds(1))
            }
            await connection?.close()
        }
    }

    func perform<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        let name = displayName
        let pool = self.pool
        do {
            // Like SQLite's queue: a store call, once made, completes even if its caller is cancelled (waiting
            // for a pooled connection included), so a write the executor started during shutdown still lands.
            return try await pool.withConnection(cancellable: false) { connection in
                try await connection.session(cancellable: false) { session in
                    try body(PostgresStoreConnection(session: session, displayName: name))
                }
            }
        } catch let error as PostgresError {
            throw StoreError.postgres(sqlstate: error.sqlstate, message: error.description, operation: "using the metadata store at \(name)")
        }
    }

    func close() async {
        await pool.shutdown()
    }
}

/// One pooled connection during `perform`.
final class PostgresStoreConnection: StoreConnection {
    let session: PostgresSession
    let displayName: String
    private(set) var changes = 0
    private var inTransaction = false

    init(session: PostgresSession, displayName: String) {
        self.session = session
        self.displayName = displayName
    }

    var dialect: StoreDialect { .postgres }

    func prepare(_ sql: String, operation: @autoclosure () -> String) throws -> any StoreStatement {
        PostgresStoreStatement(connection: self, sql: Self.numberedParameters(sql))
    }

    func execute(_ sql: String, operation: @autoclosure () -> String) throws {
        do {
            try session.execute(sql)
        } catch {
            throw Self.storeError(error, operation: operation())
        }
    }

    /// SERIALIZABLE unless told otherwise; a body that fails to serialize or deadlocks is run again (`retrying`).
    func transaction<T>(_ operation: @autoclosure () -> String, isolation: StoreIsolation, reading: [BatchedStatement],
                        _ body: ([BatchedResult]) throws -> T) throws -> T {
        guard !inTransaction else {
            // What SQLite answers too; PostgreSQL would only warn and run the inner body outside any guarantee.
            throw StoreError.postgres(sqlstate: "25001", message: "a transaction is already open", operation: operation())
        }
        inTransaction = true
        defer { inTransaction = false }
        let begin = isolation == .serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN ISOLATION LEVEL READ COMMITTED"
        return try retrying(operation()) {
            do {
                let read: [BatchedResult]
                if reading.isEmpty {
                    try session.execute(begin)
                    read = []
                } else {
                    read = Self.batchedResults(reading, try session.pipeline([PipelinedStatement(begin)] + Self.pipelined(reading)).dropFirst())
                }
                let result = try body(read)
                try session.execute("COMMIT")
                return result
            } catch {
                _ = try? session.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs `attempt` until it neither fails to serialize (SQLSTATE 40001) nor deadlocks (40P01), up to 100 times,
    /// after a short random pause that grows with each attempt; other failures are the store's errors at once.
    private func retrying<T>(_ operation: @autoclosure () -> String, _ attempt: () throws -> T) throws -> T {
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try attempt()
            } catch {
                let sqlstate = Self.sqlstate(of: error)
                if (sqlstate == "40001" || sqlstate == "40P01") && attempts < 100 {
                    usleep(UInt32.random(in: 0...UInt32(min(attempts, 20) * 500)))
                    continue
                }
                throw Self.storeError(error, operation: operation())
            }
        }
    }

    /// The statements pipelined between `BEGIN` and `COMMIT`: one round trip (see `PostgresSession.pipeline`).
    /// Retried as `transaction` retries a body, on a serialization failure or deadlock.
    func batch(_ statements: [BatchedStatement], operation: @autoclosure () -> String) throws -> [BatchedResult] {
        guard !inTransaction else {
            throw StoreError.postgres(sqlstate: "25001", message: "a transaction is already open", operation: operation())
        }
        let pipelined = [PipelinedStatement("BEGIN ISOLATION LEVEL READ COMMITTED")] + Self.pipelined(statements) + [PipelinedStatement("COMMIT")]
        return try retrying(operation()) { Self.batchedResults(statements, try session.pipeline(pipelined).dropFirst()) }
    }


    /// `statements` as the session pipelines them (numbered parameters, typed values).
    static func pipelined(_ statements: [BatchedStatement]) -> [PipelinedStatement] {
        statements.map { statement in
            let (parameters, types) = parameters(statement.values)
            return PipelinedStatement(numberedParameters(statement.sql), parameters: parameters, types: types)
        }
    }

    /// What each of `statements` did, from its result (the results in the same order; extra ones ignored).
    static func batchedResults(_ statements: [BatchedStatement], _ results: ArraySlice<QueryResult>) -> [BatchedResult] {
        zip(statements, results).map { statement, result in
            statement.columns > 0 ? BatchedResult(changes: 0, rows: result.rows.map(TextStoreRow.init))
                : BatchedResult(changes: result.affectedRows ?? 0, rows: [])
        }
    }

    func run(_ sql: String, _ values: [StoreValue], operation: () -> String) throws -> QueryResult {
        let (parameters, types) = Self.parameters(values)
        do {
            let result = try session.execute(sql, parameters: parameters, types: types)
            changes = result.affectedRows ?? 0
            return result
        } catch {
            throw Self.storeError(error, operation: operation())
        }
    }

    // MARK: Translation

    /// `sql` with each `?` outside quotes numbered `$1`, `$2`, ... Byte by byte (every character that matters is
    /// ASCII, and UTF-8 never uses ASCII bytes inside another character), remembered per text: the store sends the
    /// same few statements many times a second.
    static func numberedParameters(_ sql: String) -> String {
        if let known = numbered.withLock({ $0[sql] }) { return known }
        var out: [UInt8] = []
        out.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: UInt8?
        for byte in sql.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
                out.append(byte)
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
                out.append(byte)
            } else if byte == UInt8(ascii: "?") {
                number += 1
                out.append(UInt8(ascii: "$"))
                out += String(number).utf8
            } else {
                out.append(byte)
            }
        }
        let numbered = String(decoding: out, as: UTF8.self)
        Self.numbered.withLock { known in
            if known.count >= 512 { known.removeAll() }  // statements built from data (many keys) do not pile up
            known[sql] = numbered
        }
        return numbered
    }

    private static let numbered = Mutex<[String: String]>([:])

    /// Text values and type OIDs (int8, float8, text; NULL untyped, so its type comes from its place).
    static func parameters(_ values: [StoreValue]) -> ([String?], [UInt32]) {
        var texts: [String?] = []
        var types: [UInt32] = []
        texts.reserveCapacity(values.count)
        types.reserveCapacity(values.count)
        for value in values {
            switch value {
            case .null:
                texts.append(nil)
                types.append(0)
            case .integer(let v):
                texts.append(String(v))
                types.append(20)
            case .real(let v):
                texts.append(v.isFinite ? "\(v)" : (v.isNaN ? "NaN" : (v > 0 ? "Infinity" : "-Infinity")))
                types.append(701)
            case .text(let v):
                // PostgreSQL text cannot hold NUL; SQLite keeps it. Stored values are user text (conf, errors).
                texts.append(v.contains("\u{0}") ? v.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : v)
                types.append(25)
            }
        }
        return (texts, types)
    }

    static func sqlstate(of error: any Error) -> String? {
        if case let StoreError.postgres(sqlstate, _, _) = error { return sqlstate }
        return (error as? PostgresError)?.sqlstate
    }

    static func storeError(_ error: any Error, operation: String) -> any Error {
        guard let postgres = error as? PostgresError else { return error }
        return StoreError.postgres(sqlstate: postgres.sqlstate, message: postgres.description, operation: operation)
    }
}

/// A statement of `PostgresStoreConnection`: its numbered SQL; preparing happens on first run.
final class PostgresStoreStatement: StoreStatement {
    private unowned let connection: PostgresStoreConnection
    private let sql: String

    init(connection: PostgresStoreConnection, sql: String) {
        self.connection = connection
        self.sql = sql
    }

    func run(_ values: [StoreValue], operation: @autoclosure () -> String) throws {
        _ = try connection.run(sql, values, operation: operation)
    }

    func query<T>(_ values: [StoreValue], operation: @autoclosure () -> String, row: (any StoreRow) throws -> T) throws -> [T] {
        let result = try connection.run(sql, values, operation: operation)
        return try result.rows.map { try row(TextStoreRow(values: $0)) }
    }
}
