import CLibPQ
import Foundation

/// One open libpq connection (`PGconn`), safe to share between tasks.
///
/// A `PGconn` is not thread-safe, so this class owns it alone and confines it to a private serial
/// `DispatchQueue`: every blocking libpq call runs there and is bridged to `async` with a checked continuation,
/// so the cooperative thread pool is never blocked. Calls from several tasks simply queue up. `deinit` (or
/// `close()`) calls `PQfinish`.
///
/// Statements can be cancelled on the server (`PQcancel`) by a per-call timeout, by cancelling the calling task,
/// or by `cancel()` from any thread. Results are text; large results should be streamed with `copyOut`.
/// It deliberately has no transaction helper: `execute("BEGIN ...")` and `execute("COMMIT")` are enough.
public final class PostgresConnection: @unchecked Sendable {
    /// The server process serving this connection (`pg_backend_pid()`), for logs and `pg_stat_activity`.
    public let backendPID: Int32

    private let queue: DispatchQueue
    /// Only read or written on `queue`; `nil` once closed.
    private var handle: OpaquePointer?
    private let canceller: StatementCanceller
    /// Scrubbed from libpq's messages.
    private let password: String?

    private let stateLock = NSLock()
    private var brokenState = false
    private var transactionState = PQTRANS_IDLE

    private init(handle: OpaquePointer, queue: DispatchQueue, password: String?) {
        self.handle = handle
        self.queue = queue
        self.password = password
        self.backendPID = PQbackendPID(handle)
        // libpq: "PQgetCancel creates a data structure containing the information needed to cancel a command
        // issued through a particular database connection." It stays valid after the connection closes.
        self.canceller = StatementCanceller(handle: PQgetCancel(handle))
    }

    deinit {
        // No queued work can hold the last reference: every block on `queue` retains `self`.
        if let handle { PQfinish(handle) }
    }

    /// Opens a connection with `PQconnectdbParams` (keywords and values, never a concatenated string).
    /// - Throws: `PostgresError.connectionFailed` with libpq's message, scrubbed of the password.
    public static func connect(_ config: ConnectionConfig) async throws -> PostgresConnection {
        if Task.isCancelled { throw PostgresError.cancelled }
        let queue = DispatchQueue(label: "sluice.postgres.connection")
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try open(config, on: queue) })
            }
        }
    }

    private static func open(_ config: ConnectionConfig, on queue: DispatchQueue) throws -> PostgresConnection {
        let parameters = config.libpqParameters
        let keywords = CStringArray(parameters.map(\.keyword), nullTerminated: true)
        let values = CStringArray(parameters.map(\.value), nullTerminated: true)
        // expand_dbname = 0: the database name is a name, never parsed as a connection string.
        let connection = keywords.withUnsafePointer { keywords in
            values.withUnsafePointer { values in PQconnectdbParams(keywords, values, 0) }
        }
        guard let connection else {
            throw PostgresError.connectionFailed("libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
            PQfinish(connection)
            throw PostgresError.connectionFailed(PostgresError.scrubbed(message, password: config.password))
        }
        // The default notice processor prints NOTICEs to stderr; a daemon must stay quiet.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        return PostgresConnection(handle: connection, queue: queue, password: config.password)
    }

    /// Runs one statement (or, without parameters, a semicolon-separated script) and returns its complete
    /// text result; for a script, the last statement's result.
    ///
    /// With `parameters`, the statement goes through `PQsendQueryParams` and refers to them as `$1`, `$2`, ...
    /// (`nil` is SQL NULL); without, through the simple protocol (`PQsendQuery`), as CrateDB's `COPY TO`
    /// and multi-statement scripts need.
    /// - Parameter timeout: seconds after which the statement is cancelled on the server, throwing `.timeout`.
    /// - Throws: `PostgresError.server` for SQL errors, `.timeout`, `.cancelled`, `.connectionLost`, ...
    public func execute(_ sql: String, parameters: [String?] = [], timeout: TimeInterval? = nil) async throws -> QueryResult {
        let password = self.password
        return try await run(timeout: timeout) { handle, _ in
            try Self.sendQuery(handle, sql, parameters: parameters, password: password)
            return try Self.collectResults(handle, password: password)
        }
    }

    /// The result columns of `sql` without running it: prepares it as the unnamed statement and describes it
    /// (`PQprepare` + `PQdescribePrepared`). `$n` parameters are allowed; their types are inferred.
    public func describe(_ sql: String, timeout: TimeInterval? = nil) async throws -> [ColumnDescription] {
        let password = self.password
        return try await run(timeout: timeout) { handle, _ in
            try Self.describe(handle, sql, password: password)
        }
    }

    /// Streams `COPY ... TO STDOUT` (any format), passing each chunk to `onData` as libpq receives it (one row
    /// per chunk for PostgreSQL), and returns the row count from the `COPY n` command tag.
    ///
    /// `onData` runs on the connection's queue and must not block on async work; the buffer is only valid
    /// during the call. If it throws, the copy is cancelled on the server, the rest is drained so the
    /// connection stays usable, and that error is rethrown.
    public func copyOut(
        _ sql: String, timeout: TimeInterval? = nil,
        onData: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int {
        let password = self.password
        let canceller = self.canceller
        let callback = UnsafeTransfer(onData)
        return try await run(timeout: timeout) { handle, id in
            try Self.copyOut(handle, sql, password: password) { chunk in
                try callback.value(chunk)
            } cancel: {
                canceller.cancel(id, reason: .callbackFailed)
            }
        }
    }

    /// Whether the connection is open and answers `SELECT 1` within five seconds.
    /// Not interrupted by task cancellation (a pool checks health on behalf of its callers).
    public func isHealthy() async -> Bool {
        guard !isBroken else { return false }
        let password = self.password
        let result = try? await run(timeout: 5, cancellable: false) { handle, _ in
            try Self.sendQuery(handle, "SELECT 1", parameters: [], password: password)
            return try Self.collectResults(handle, password: password)
        }
        return result?.scalar == "1" && !isBroken
    }

    /// Rolls back an open transaction, ignoring task cancellation (used when a pool takes a connection back).
    func rollback() async {
        let password = self.password
        _ = try? await run(timeout: 10, cancellable: false) { handle, _ in
            try Self.sendQuery(handle, "ROLLBACK", parameters: [], password: password)
            return try Self.collectResults(handle, password: password)
        }
    }

    /// Asks the server to cancel the statement running now, if any; safe from any thread. The statement's
    /// caller gets `PostgresError.cancelled`.
    public func cancel() {
        canceller.cancelRunning(reason: .cancelled)
    }

    /// Closes the connection (`PQfinish`) after the statements already queued. Later calls throw
    /// `.connectionClosed`.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                if let handle = self.handle {
                    PQfinish(handle)
                    self.handle = nil
                }
                self.recordState()
                continuation.resume()
            }
        }
    }

    /// True once the connection is closed or libpq reports it bad (e.g. the server terminated it).
    var isBroken: Bool { stateLock.withLock { brokenState } }

    /// True when a transaction block is open (or failed and awaits ROLLBACK).
    var isInTransaction: Bool {
        stateLock.withLock { transactionState == PQTRANS_INTRANS || transactionState == PQTRANS_INERROR }
    }

    /// Runs `work` on the queue with the handle, under a timeout and task cancellation.
    /// - Parameter cancellable: whether cancelling the calling task cancels the statement.
    private func run<T: Sendable>(
        timeout: TimeInterval?, cancellable: Bool = true, _ work: @escaping (OpaquePointer, UInt64) throws -> T
    ) async throws -> T {
        let id = canceller.reserve()
        let transfer = UnsafeTransfer(work)
        let onQueue = { () async throws -> T in
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                self.queue.async {
                    continuation.resume(with: Result { try self.perform(id, timeout: timeout, transfer.value) })
                }
            }
        }
        guard cancellable else { return try await onQueue() }
        return try await withTaskCancellationHandler(operation: onQueue) {
            self.canceller.cancel(id, reason: .cancelled)
        }
    }

    /// On the queue: starts operation `id`, arms its timer, runs it and maps a server-side cancel (SQLSTATE
    /// 57014 query_canceled) to the reason we asked for it.
    private func perform<T>(_ id: UInt64, timeout: TimeInterval?, _ work: (OpaquePointer, UInt64) throws -> T) throws -> T {
        if let reason = canceller.begin(id) { throw Self.error(for: reason) }
        var timer: DispatchWorkItem?
        if let timeout {
            let canceller = self.canceller
            let item = DispatchWorkItem { canceller.cancel(id, reason: .timeout(timeout)) }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
            timer = item
        }
        let outcome = Result { () throws -> T in
            guard let handle else { throw PostgresError.connectionClosed }
            return try work(handle, id)
        }
        timer?.cancel()
        let reason = canceller.end(id)
        recordState()
        switch outcome {
        case .success(let value):
            return value
        case .failure(let error):
            if let reason, reason != .callbackFailed, (error as? PostgresError)?.sqlstate == "57014" {
                throw Self.error(for: reason)
            }
            throw error
        }
    }

    private static func error(for reason: StatementCanceller.Reason) -> PostgresError {
        switch reason {
        case .timeout(let seconds): return .timeout(seconds: seconds)
        case .cancelled, .callbackFailed: return .cancelled
        }
    }

    /// On the queue: remembers libpq's view of the connection for the pool.
    private func recordState() {
        let broken = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        let transaction = handle.map { PQtransactionStatus($0) } ?? PQTRANS_UNKNOWN
        stateLock.withLock {
            brokenState = broken
            transactionState = transaction
        }
    }
}
