/// One `ConnectionPool` per connection id, created on first use from a `ConnectionRegistry`.
///
/// Ids are matched like the registry matches them (case-insensitively), so `warehouse` and `WAREHOUSE` share a
/// pool. It owns its pools: `shutdown()` shuts them all down.
public actor ConnectionPools {
    private let registry: ConnectionRegistry
    private let healthCheckAfter: Duration
    private var pools: [String: ConnectionPool] = [:]
    private var isShutDown = false

    public init(registry: ConnectionRegistry, healthCheckAfter: Duration = .seconds(5)) {
        self.registry = registry
        self.healthCheckAfter = healthCheckAfter
    }

    /// The pool of connection `id`.
    /// - Throws: `PostgresError.unknownConnection` naming the variable to set, `.invalidConfiguration`,
    ///   `.poolShutDown`.
    public func pool(for id: String) throws -> ConnectionPool {
        guard !isShutDown else { throw PostgresError.poolShutDown }
        let key = ConnectionRegistry.variableName(for: id)
        if let pool = pools[key] { return pool }
        let entry = try registry.entry(for: id)
        let pool = ConnectionPool(
            id: entry.id, config: entry.config, maxConnections: entry.maxConnections,
            healthCheckAfter: healthCheckAfter)
        pools[key] = pool
        return pool
    }

    /// Runs `body` with a connection from the pool of `id` (see `ConnectionPool.withConnection`).
    public nonisolated func withConnection<T>(_ id: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await pool(for: id).withConnection(body)
    }

    /// Shuts every pool down; later calls throw `.poolShutDown`.
    public func shutdown() async {
        isShutDown = true
        let all = Array(pools.values)
        pools.removeAll()
        for pool in all { await pool.shutdown() }
    }
}
