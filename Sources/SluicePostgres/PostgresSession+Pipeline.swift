import CLibPQ

/// One statement of `PostgresSession.pipeline`: `$1`, `$2`, ... parameters (text values, `nil` for NULL) of the
/// given type OIDs (0 lets the server infer one).
public struct PipelinedStatement: Sendable, Equatable {
    public var sql: String
    public var parameters: [String?]
    public var types: [UInt32]

    public init(_ sql: String, parameters: [String?] = [], types: [UInt32] = []) {
        self.sql = sql
        self.parameters = parameters
        self.types = types
    }
}

extension PostgresSession {
    /// Runs `statements` in libpq's pipeline mode: sent together and answered together, in one round trip instead
    /// of one per statement, in the order given. Until the end of the pipeline they form one transaction (the
    /// implicit one, or one they begin and commit themselves); the first that fails ends it, rolled back, and
    /// the ones after it do not run. Returns each statement's result, or throws the first failure, leaving the
    /// connection out of pipeline mode with no transaction open.
    ///
    /// Statements new to this connection are prepared first, each once (as `execute` does). Meant for a few small
    /// statements: the whole pipeline is written before its answers are read.
    public func pipeline(_ statements: [PipelinedStatement]) throws -> [QueryResult] {
        guard !statements.isEmpty else { return [] }
        let names = try statements.map { try prepared($0.sql, types: $0.types) }
        guard PQenterPipelineMode(handle) == 1 else { throw PostgresConnection.connectionError(handle, password: password) }
        var results: [QueryResult] = []
        var failure: PostgresError?
        do {
            for (statement, name) in zip(statements, names) {
                let values = CStringArray(statement.parameters)
                let sent = values.withUnsafePointer { values in
                    PQsendQueryPrepared(handle, name, Int32(statement.parameters.count), values, nil, nil, 0)
                }
                guard sent == 1 else { throw PostgresConnection.connectionError(handle, password: password) }
            }
            guard PQpipelineSync(handle) == 1 else { throw PostgresConnection.connectionError(handle, password: password) }
            (results, failure) = try collectPipeline(count: statements.count)
        } catch let error as PostgresError {
            // Nothing more can be read from this connection (it is lost): the pool drops it.
            _ = PQexitPipelineMode(handle)
            throw error
        }
        guard PQexitPipelineMode(handle) == 1 else { throw PostgresConnection.connectionError(handle, password: password) }
        if let failure {
            // A transaction the statements began stays open, failed, after the pipeline's end: close it.
            if PQtransactionStatus(handle) != PQTRANS_IDLE { _ = try? execute("ROLLBACK") }
            throw failure
        }
        return results
    }

    /// Reads the answers of `count` pipelined statements and of the sync that ends them: each statement's result
    /// (an empty one for those not run), and the first failure.
    private func collectPipeline(count: Int) throws -> ([QueryResult], PostgresError?) {
        var results: [QueryResult] = []
        results.reserveCapacity(count)
        var failure: PostgresError?
        var current: QueryResult?
        while true {
            guard let pointer = PQgetResult(handle) else {
                // The end of one statement's answer.
                guard results.count < count, PQstatus(handle) == CONNECTION_OK else {
                    throw PostgresConnection.connectionError(handle, password: password)
                }
                results.append(current ?? QueryResult(columns: [], rows: [], commandTag: "", affectedRows: nil))
                current = nil
                continue
            }
            let result = LibPQResult(pointer)
            switch result.status {
            case PGRES_PIPELINE_SYNC:
                guard results.count == count else {
                    throw PostgresError.protocolError("the pipeline ended after \(results.count) of \(count) statements")
                }
                return (results, failure)
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                current = result.queryResult
            case PGRES_PIPELINE_ABORTED:
                break  // not run: an earlier statement failed
            default:
                let error = PostgresConnection.error(from: result, handle, password: password)
                if case .connectionLost = error { throw error }
                failure = failure ?? error
            }
        }
    }
}
