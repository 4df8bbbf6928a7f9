/// At most `maxConnections` open connections to one database, shared by many tasks.
///
/// `withConnection` lends a connection for the duration of its closure: an idle one when there is one (replaced
/// when the server has ended it: its first call finds that out, running nothing, and the closure runs again on
/// another; checked with `SELECT 1` first if it has been idle longer than `healthCheckAfter`), a new one
/// while fewer than `maxConnections` are open, otherwise it waits in FIFO order; waiting ends early when the
/// task is cancelled. A connection returned inside a transaction is rolled back, and a broken one is closed.
/// `shutdown()` fails the waiters and closes every connection, the busy ones when they come back.
public actor ConnectionPool {
    /// The connection id this pool serves (for logs).
    public nonisolated let id: String
    /// The most connections open at once.
    public nonisolated let maxConnections: Int

    private let config: ConnectionConfig
    private let healthCheckAfter: Duration
    private let clock = ContinuousClock()
    private var idle: [(connection: PostgresConnection, since: ContinuousClock.Instant)] = []
    /// Idle, lent and being-opened connections.
    private var openCount = 0
    private var isShutDown = false
    private let waiters = PoolWaiters<Grant>()

    /// What a waiting task receives: a connection handed over directly, or the right to open one.
    enum Grant: Sendable {
        case connection(PostgresConnection)
        case slot
    }

    /// A snapshot of the pool, for tests and status output.
    public struct Statistics: Sendable, Equatable {
        public var open: Int
        public var idle: Int
        public var waiting: Int
    }

    public init(id: String, config: ConnectionConfig, maxConnections: Int = 4, healthCheckAfter: Duration = .seconds(5)) {
        self.id = id
        self.config = config
        self.maxConnections = max(1, maxConnections)
        self.healthCheckAfter = healthCheckAfter
    }

    public var statistics: Statistics {
        Statistics(open: openCount, idle: idle.count, waiting: waiters.count)
    }

    /// Runs `body` with a connection of the pool and takes it back afterwards, whatever `body` does.
    /// - Parameter cancellable: false: cancelling the task does not end the wait for a connection (a call that
    ///   must complete once made, such as a metadata store's write during shutdown).
    /// - Throws: what `body` throws; `PostgresError.connectionFailed` when no connection can be opened;
    ///   `CancellationError` when the task is cancelled while waiting (`cancellable`); `.poolShutDown`.
    public nonisolated func withConnection<T>(cancellable: Bool = true, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        while true {
            let connection = try await checkout(cancellable: cancellable)
            let result: T
            do {
                result = try await body(connection)
            } catch {
                await checkin(connection)  // closed, when the server had ended it
                // The server ended this idle connection: its first call ran nothing, so `body` runs again on another.
                if connection.endedWhileIdle { continue }
                throw error
            }
            await checkin(connection)
            return result
        }
    }

    /// Closes the idle connections, fails the waiting tasks, and closes lent connections as they come back.
    public func shutdown() async {
        isShutDown = true
        waiters.failAll(PostgresError.poolShutDown)
        let closing = idle
        idle.removeAll()
        for entry in closing {
            await entry.connection.close()
            openCount -= 1
        }
    }

    func checkout(cancellable: Bool = true) async throws -> PostgresConnection {
        while true {
            guard !isShutDown else { throw PostgresError.poolShutDown }
            if let entry = idle.popLast() {
                let stale = clock.now - entry.since > healthCheckAfter
                if entry.connection.isBroken {
                    await discard(entry.connection)
                    continue
                }
                if stale, !(await entry.connection.isHealthy()) {
                    await discard(entry.connection)
                    continue
                }
                // Whether the server ended it while idle is checked by its first call, in the same trip to its queue.
                entry.connection.checkBeforeNextCall()
                return entry.connection
            }
            if openCount < maxConnections {
                openCount += 1
                return try await openReserved(cancellable: cancellable)
            }
            let ticket = waiters.register()
            switch try await waiters.wait(ticket, cancellable: cancellable) {
            case .connection(let connection):
                if connection.isBroken {
                    await discard(connection)
                    continue
                }
                return connection
            case .slot:
                return try await openReserved(cancellable: cancellable)
            }
        }
    }

    func checkin(_ connection: PostgresConnection) async {
        if !isShutDown, !connection.isBroken, connection.isInTransaction {
            await connection.rollback()
        }
        if isShutDown || connection.isBroken || connection.isInTransaction {
            await discard(connection)
            grantFreedSlot()
            return
        }
        if waiters.grantFirst(.connection(connection)) { return }
        idle.append((connection, clock.now))
    }

    /// Opens a connection for a slot already counted in `openCount`, giving the slot back on failure.
    private func openReserved(cancellable: Bool) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(config, cancellable: cancellable)
        } catch {
            openCount -= 1
            grantFreedSlot()
            throw error
        }
    }

    private func discard(_ connection: PostgresConnection) async {
        await connection.close()
        openCount -= 1
    }

    /// Lets the oldest waiter open a connection in a slot that just became free.
    private func grantFreedSlot() {
        guard !isShutDown, openCount < maxConnections else { return }
        if waiters.grantFirst(.slot) { openCount += 1 }
    }
}
