import CLibPQ
import Foundation

extension PostgresConnection {
    /// Runs `body` on the connection's queue with a `PostgresSession`, so a caller can run several statements
    /// (a transaction, with its reads and writes) in one hop, synchronously, without a thread of the cooperative
    /// pool waiting on each. Cancelling the calling task (or `timeout`) cancels the statement running at the time.
    /// The session is valid only during `body`. With `cancellable` false, cancelling the calling task does not
    /// interrupt the body (a metadata store's write must land even when the task that asked for it is cancelled).
    public func session<T: Sendable>(timeout: TimeInterval? = nil, cancellable: Bool = true,
                                     _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        let password = self.password
        return try await run(timeout: timeout, cancellable: cancellable) { handle, _ in
            try body(PostgresSession(connection: self, handle: handle, password: password))
        }
    }
}

/// Synchronous access to one connection, lent by `PostgresConnection.session` for the length of its body (on the
/// connection's queue). Statements with parameters are prepared once per connection and reused.
public struct PostgresSession {
    let connection: PostgresConnection
    let handle: OpaquePointer
    let password: String?

    /// The server process serving this connection.
    public var backendPID: Int32 { connection.backendPID }

    /// Runs a script (no parameters, simple protocol) and returns the last statement's result.
    @discardableResult
    public func execute(_ sql: String) throws -> QueryResult {
        try PostgresConnection.sendQuery(handle, sql, parameters: [], password: password)
        return try PostgresConnection.collectResults(handle, password: password)
    }

    /// Runs one statement with `$1`, `$2`, ... parameters (text values, `nil` for NULL) of the given type OIDs
    /// (0 lets the server infer one), prepared on first use on this connection.
    @discardableResult
    public func execute(_ sql: String, parameters: [String?], types: [UInt32]) throws -> QueryResult {
        let name = try prepared(sql, types: types)
        let values = CStringArray(parameters)
        let sent = values.withUnsafePointer { values in
            PQsendQueryPrepared(handle, name, Int32(parameters.count), values, nil, nil, 0)
        }
        guard sent == 1 else { throw PostgresConnection.connectionError(handle, password: password) }
        return try PostgresConnection.collectResults(handle, password: password)
    }

    /// The name of the statement prepared for `sql` (and `types`) on this connection, preparing it when new.
    func prepared(_ sql: String, types: [UInt32]) throws -> String {
        let key = types.map(String.init).joined(separator: ",") + "\u{0}" + sql
        if let name = connection.preparedStatements[key] { return name }
        let name = "sluice_\(connection.preparedStatements.count + 1)"
        let oids = types.map { Oid($0) }
        let sent = oids.withUnsafeBufferPointer { oids in
            PQsendPrepare(handle, name, sql, Int32(oids.count), oids.baseAddress)
        }
        guard sent == 1 else { throw PostgresConnection.connectionError(handle, password: password) }
        _ = try PostgresConnection.collectResults(handle, password: password)
        connection.preparedStatements[key] = name
        return name
    }
}
