import CLibPQ

/// The libpq calls behind `PostgresConnection`'s methods. They block, and run only on the connection's queue.
extension PostgresConnection {
    /// Sends a statement: `PQsendQuery` without parameters, `PQsendQueryParams` (text values) with.
    static func sendQuery(_ handle: OpaquePointer, _ sql: String, parameters: [String?], password: String?) throws {
        let sent: Int32
        if parameters.isEmpty {
            sent = PQsendQuery(handle, sql)
        } else {
            let values = CStringArray(parameters)
            sent = values.withUnsafePointer { values in
                PQsendQueryParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
            }
        }
        guard sent == 1 else { throw connectionError(handle, password: password) }
    }

    /// Reads every result of the statement(s) sent, until libpq returns NULL, so the connection is ready for
    /// the next one. Returns the last result; throws the first error.
    static func collectResults(_ handle: OpaquePointer, password: String?) throws -> QueryResult {
        var last: QueryResult?
        var firstError: PostgresError?
        while let pointer = PQgetResult(handle) {
            let result = LibPQResult(pointer)
            switch result.status {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                if firstError == nil { last = result.queryResult }
            case PGRES_COPY_OUT:
                drainCopyOut(handle)
                firstError = firstError ?? .protocolError("COPY ... TO STDOUT must be run with copyOut, not execute")
            case PGRES_COPY_IN:
                _ = PQputCopyEnd(handle, "COPY FROM STDIN is not supported by Sluice")
                firstError = firstError ?? .protocolError("COPY ... FROM STDIN is not supported")
            case PGRES_COPY_BOTH:
                // Only replication connections enter this state; it cannot be left from here.
                throw PostgresError.protocolError("the server started a replication (COPY BOTH) stream")
            default:
                firstError = firstError ?? error(from: result, handle, password: password)
            }
        }
        if let firstError { throw firstError }
        if let last { return last }
        throw connectionError(handle, password: password)
    }

    /// Discards the rest of a COPY OUT stream.
    static func drainCopyOut(_ handle: OpaquePointer) {
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if let buffer { PQfreemem(buffer) }
            if length < 0 { return }
        }
    }

    /// Prepares `sql` as the unnamed statement and returns its result columns.
    static func describe(_ handle: OpaquePointer, _ sql: String, password: String?) throws -> [ColumnDescription] {
        guard let prepared = PQprepare(handle, "", sql, 0, nil).map(LibPQResult.init) else {
            throw connectionError(handle, password: password)
        }
        guard prepared.status == PGRES_COMMAND_OK else {
            throw error(from: prepared, handle, password: password)
        }
        guard let described = PQdescribePrepared(handle, "").map(LibPQResult.init) else {
            throw connectionError(handle, password: password)
        }
        guard described.status == PGRES_COMMAND_OK else {
            throw error(from: described, handle, password: password)
        }
        return described.columns
    }

    /// Streams a `COPY ... TO STDOUT`; see `PostgresConnection.copyOut`. `cancel` asks the server to stop
    /// after `onData` has thrown.
    static func copyOut(
        _ handle: OpaquePointer, _ sql: String, password: String?,
        onData: (UnsafeRawBufferPointer) throws -> Void, cancel: () -> Void
    ) throws -> Int {
        try sendQuery(handle, sql, parameters: [], password: password)
        guard let first = PQgetResult(handle).map(LibPQResult.init) else {
            throw connectionError(handle, password: password)
        }
        guard first.status == PGRES_COPY_OUT else {
            let failure: PostgresError
            switch first.status {
            case PGRES_FATAL_ERROR, PGRES_BAD_RESPONSE, PGRES_NONFATAL_ERROR:
                failure = error(from: first, handle, password: password)
            default:
                let tag = first.commandTag.isEmpty ? "no rows" : first.commandTag
                failure = .protocolError("copyOut needs a COPY ... TO STDOUT statement, but the server answered '\(tag)'")
            }
            _ = try? collectResults(handle, password: password)
            throw failure
        }

        var callbackError: (any Error)?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            guard length > 0, let buffer else {
                // -1: the copy is complete; -2: it failed, and the next result says why.
                if let buffer { PQfreemem(buffer) }
                break
            }
            defer { PQfreemem(buffer) }
            guard callbackError == nil else { continue }
            do {
                try onData(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
            } catch {
                callbackError = error
                cancel()
            }
        }

        // The final result carries the command tag (`COPY n`) or the error that ended the copy.
        let outcome = Result { try collectResults(handle, password: password) }
        if let callbackError { throw callbackError }
        return try outcome.get().affectedRows ?? 0
    }

    /// The error a failed result stands for: the server's, or a lost connection when there is no SQLSTATE.
    static func error(from result: LibPQResult, _ handle: OpaquePointer, password: String?) -> PostgresError {
        if let serverError = result.serverError { return .server(serverError) }
        let message = PostgresError.scrubbed(result.errorMessage, password: password)
        return PQstatus(handle) == CONNECTION_OK ? .protocolError(message) : .connectionLost(message)
    }

    /// The error for a call that returned no result, from `PQerrorMessage`.
    static func connectionError(_ handle: OpaquePointer, password: String?) -> PostgresError {
        let message = PostgresError.scrubbed(PQerrorMessage(handle).map { String(cString: $0) } ?? "", password: password)
        return PQstatus(handle) == CONNECTION_OK ? .protocolError(message) : .connectionLost(message)
    }
}
