import CLibPQ
import Foundation
import SluiceBlocking
import Synchronization

/// One open libpq connection (`PGconn`), safe to share between tasks.
///
/// A `PGconn` is not thread-safe, so this class owns it alone and confines it to a private serial queue
/// (`BlockingQueue`): every blocking libpq call runs there and the caller awaits it without blocking a thread of
/// the cooperative pool. Calls from several tasks simply queue up. `deinit` (or `close()`) calls `PQfinish`.
///
/// Statements can be cancelled on the server (`PQcancel`) by a per-call timeout, by cancelling the calling task,
/// or by `cancel()` from any thread. When the server does not answer a cancel within `cancelGrace` seconds (it is
/// frozen, or the network is gone), the caller is released with `PostgresError.cancelUnanswered` and the
/// connection is abandoned: its socket is shut down so the stuck libpq call returns, it is never used again, and
/// it is freed when that call has returned. Results are text; large results should be streamed with `copyOut`.
/// It deliberately has no transaction helper: `execute("BEGIN ...")` and `execute("COMMIT")` are enough.
// @unchecked: the PGconn `handle` is only touched on the serial `blocking` queue; the rest is immutable or in Mutexes.
public final class PostgresConnection: @unchecked Sendable {
    /// The server process serving this connection (`pg_backend_pid()`), for logs and `pg_stat_activity`.
    public let backendPID: Int32
    /// Where the server is (`host:port`, or the socket directory), for messages that name it.
    public let server: String
    /// Seconds the server has to answer a cancel request before the connection is abandoned.
    public let cancelGrace: TimeInterval

    private let blocking: BlockingQueue
    /// Only read or written on `blocking`'s queue; `nil` once closed.
    private var handle: OpaquePointer?
    private let canceller: StatementCanceller
    /// Statements prepared on this connection by `session` (SQL text -> statement name); only read or written
    /// on `blocking`'s queue.
    var preparedStatements: [String: String] = [:]
    /// Scrubbed from libpq's messages.
    let password: String?
    /// The connection's socket and whether `PQfinish` has closed it: an abandoned connection's socket is shut
    /// down from another thread, never after it was closed (its number could belong to another file by then).
    private let socket: Mutex<(fd: Int32, closed: Bool)>
    private let state = Mutex(State())

    private struct State {
        var broken = false
        var transaction = PQTRANS_IDLE
        /// Set once the connection is abandoned; every later call throws it.
        var abandoned: PostgresError?
        /// The next call first checks that the server did not end the connection while it was idle.
        var checksBeforeNextCall = false
        /// That check found the connection ended (the call ran nothing).
        var endedWhileIdle = false
    }

    private init(handle: OpaquePointer, blocking: BlockingQueue, config: ConnectionConfig, cancelGrace: TimeInterval) {
        self.handle = handle
        self.blocking = blocking
        self.password = config.password
        self.server = config.serverDescription
        self.cancelGrace = cancelGrace
        self.backendPID = PQbackendPID(handle)
        self.socket = Mutex((fd: PQsocket(handle), closed: false))
        // libpq: "PQgetCancel creates a data structure containing the information needed to cancel a command
        // issued through a particular database connection." It stays valid after the connection closes.
        self.canceller = StatementCanceller(handle: PQgetCancel(handle))
    }

    deinit {
        // No queued work can hold the last reference: every block on the queue retains `self`.
        if let handle { PQfinish(handle) }
    }

    /// Opens a connection with `PQconnectdbParams` (keywords and values, never a concatenated string). The
    /// configuration's `connect_timeout` bounds the wait for an unreachable or frozen server.
    /// - Parameter cancelGrace: seconds the server has to answer a cancel request (see the type's comment).
    /// - Parameter cancellable: false: a cancelled task connects all the same (a call that must complete once made).
    /// - Throws: `PostgresError.connectionFailed` with libpq's message, scrubbed of the password.
    public static func connect(_ config: ConnectionConfig, cancelGrace: TimeInterval = 5, cancellable: Bool = true) async throws -> PostgresConnection {
        if cancellable, Task.isCancelled { throw PostgresError.cancelled }
        let blocking = BlockingQueue(label: "sluice.postgres.connection")
        return try await blocking.run { try open(config, on: blocking, cancelGrace: cancelGrace) }
    }

    private static func open(_ config: ConnectionConfig, on blocking: BlockingQueue, cancelGrace: TimeInterval) throws -> PostgresConnection {
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
        // PostgreSQL 14+: the server checks every second that this client is still there while a statement
        // runs, and ends the statement when it is gone (a killed Sluice process), instead of running it to its
        // end. Its retry elsewhere then never overlaps it. Older servers and CrateDB lack the setting.
        if PQserverVersion(connection) >= 140_000, let result = PQexec(connection, "SET client_connection_check_interval = 1000") {
            PQclear(result)
        }
        return PostgresConnection(handle: connection, blocking: blocking, config: config, cancelGrace: cancelGrace)
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
        onData: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int {
        let password = self.password
        let canceller = self.canceller
        return try await run(timeout: timeout) { handle, id in
            try Self.copyOut(handle, sql, password: password, onData: onData) {
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

    /// Has the next call first read whatever the server sent while the connection was idle (`PQconsumeInput`,
    /// which does not wait), on the queue in the same trip as the call's own work: when the server ended the
    /// connection meanwhile (a restart, `pg_terminate_backend`), the call runs nothing, throws `.connectionLost`
    /// and `endedWhileIdle` turns true, so a pool lends another connection for it. Cheaper than `isHealthy` (no
    /// round trip), and weaker. A pool asks for this when it lends an idle connection.
    func checkBeforeNextCall() {
        state.withLock { $0.checksBeforeNextCall = true }
    }

    /// Whether the check asked for with `checkBeforeNextCall` found the connection ended by the server.
    var endedWhileIdle: Bool { state.withLock { $0.endedWhileIdle } }

    /// On the queue: the check `checkBeforeNextCall` asked for, if it did.
    private func checkIfAsked(_ handle: OpaquePointer) throws {
        guard state.withLock({ state in defer { state.checksBeforeNextCall = false }; return state.checksBeforeNextCall }) else { return }
        // A server ending a session sends a FATAL message (reported to the notice processor, as the connection is
        // idle) and then closes: the second read sees the close.
        for _ in 0..<2 where PQconsumeInput(handle) == 1 {}
        guard PQstatus(handle) == CONNECTION_OK else {
            state.withLock { $0.endedWhileIdle = true }
            throw PostgresError.connectionLost("the server ended the connection to \(server) while it was idle")
        }
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
    /// `.connectionClosed`. An abandoned connection is closed once its stuck call returns, without waiting.
    public func close() async {
        let finish: @Sendable () -> Void = { self.finish() }
        if state.withLock({ $0.abandoned != nil }) {
            blocking.queue.async(execute: finish)
            return
        }
        await blocking.run(finish)
    }

    /// On the queue: `PQfinish`, after which the socket number may be reused.
    private func finish() {
        socket.withLock { socket in
            if let handle { PQfinish(handle) }
            handle = nil
            socket.closed = true
        }
        recordState()
    }

    /// True once the connection is closed or libpq reports it bad (e.g. the server terminated it).
    var isBroken: Bool { state.withLock { $0.broken || $0.abandoned != nil } }

    /// True when a transaction block is open (or failed and awaits ROLLBACK).
    var isInTransaction: Bool {
        state.withLock { $0.transaction == PQTRANS_INTRANS || $0.transaction == PQTRANS_INERROR }
    }

    /// Runs `work` on the queue with the handle, under a timeout and task cancellation; abandons the connection
    /// when a cancel (for either) is not answered within `cancelGrace`.
    /// - Parameter cancellable: whether cancelling the calling task cancels the statement.
    func run<T: Sendable>(
        timeout: TimeInterval?, cancellable: Bool = true, _ work: @escaping @Sendable (OpaquePointer, UInt64) throws -> T
    ) async throws -> T {
        if let abandoned = state.withLock({ $0.abandoned }) { throw abandoned }
        let id = canceller.reserve()
        return try await blocking.run(onCancel: { call in
            guard cancellable else { return }
            self.canceller.cancel(id, reason: .cancelled)
            self.abandonUnlessAnswered(call, timeout: nil)
        }, watch: { call in
            guard let timeout else { return }
            // Not cancelled when the call ends early: it then finds the work returned and does nothing.
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak self] in
                guard let self, !call.workHasReturned else { return }
                self.canceller.cancel(id, reason: .timeout(timeout))
                self.abandonUnlessAnswered(call, timeout: timeout)
            }
        }) {
            try self.perform(id, work)
        }
    }

    /// Gives the server `cancelGrace` seconds to end the call after a cancel request; then releases the caller
    /// with `.cancelUnanswered` and abandons the connection.
    private func abandonUnlessAnswered<T>(_ call: PendingCall<T>, timeout: TimeInterval?) {
        let grace = cancelGrace
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
            guard !call.workHasReturned else { return }
            let error = PostgresError.cancelUnanswered(server: self.server, seconds: grace, timeout: timeout)
            if call.abandon(throwing: error) { self.abandon(error) }
        }
    }

    /// Marks the connection unusable and shuts its socket down, so the libpq call stuck on it returns (with a
    /// lost connection) and the queue can free it. Safe from any thread.
    private func abandon(_ error: PostgresError) {
        state.withLock { state in
            if state.abandoned == nil { state.abandoned = .connectionAbandoned(server: server) }
            state.broken = true
        }
        socket.withLock { socket in
            if !socket.closed && socket.fd >= 0 { _ = shutdown(socket.fd, Int32(SHUT_RDWR)) }
        }
    }

    /// On the queue: starts operation `id`, arms its timer, runs it and maps a server-side cancel (SQLSTATE
    /// 57014 query_canceled) to the reason we asked for it.
    private func perform<T>(_ id: UInt64, _ work: (OpaquePointer, UInt64) throws -> T) throws -> T {
        if let reason = canceller.begin(id) { throw Self.error(for: reason) }
        let outcome = Result { () throws -> T in
            guard let handle else { throw PostgresError.connectionClosed }
            try checkIfAsked(handle)
            return try work(handle, id)
        }
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
        state.withLock { state in
            state.broken = broken
            state.transaction = transaction
        }
    }
}
