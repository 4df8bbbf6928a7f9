import Foundation
import SluicePostgres
import XCTest

final class ConnectionPoolTests: PostgresServerTestCase {
    /// A pool whose connections carry a unique application name, so the test can count them on the server.
    func makePool(max: Int, healthCheckAfter: Duration = .seconds(5)) throws -> (ConnectionPool, String) {
        let name = "sluice-pool-test-\(UUID().uuidString.prefix(8))"
        var config = try server.config
        config.options["application_name"] = name
        let pool = ConnectionPool(id: "test", config: config, maxConnections: max, healthCheckAfter: healthCheckAfter)
        addTeardownBlock { await pool.shutdown() }
        return (pool, name)
    }

    static func serverConnectionCount(_ applicationName: String, using observer: PostgresConnection) async throws -> Int {
        let result = try await observer.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", parameters: [applicationName])
        return Int(result.scalar ?? "") ?? -1
    }

    func testPoolNeverOpensMoreThanMaxConnections() async throws {
        let (pool, name) = try makePool(max: 3)
        let observer = try await connect()
        let concurrency = ConcurrencyProbe()
        let monitor = Task { () -> Int in
            var peak = 0
            while !Task.isCancelled {
                peak = max(peak, (try? await ConnectionPoolTests.serverConnectionCount(name, using: observer)) ?? 0)
                try? await Task.sleep(nanoseconds: 10_000_000)
            }
            return peak
        }
        let pids = try await withThrowingTaskGroup(of: Int32.self) { group in
            for _ in 0..<15 {
                group.addTask {
                    try await pool.withConnection { connection in
                        await concurrency.enter()
                        _ = try await connection.execute("SELECT pg_sleep(0.1)")
                        await concurrency.leave()
                        return connection.backendPID
                    }
                }
            }
            var pids: Set<Int32> = []
            for try await pid in group { pids.insert(pid) }
            return pids
        }
        monitor.cancel()
        let serverPeak = await monitor.value
        let peak = await concurrency.peak
        XCTAssertLessThanOrEqual(peak, 3)
        XCTAssertGreaterThanOrEqual(peak, 2, "the pool should run statements concurrently")
        XCTAssertLessThanOrEqual(serverPeak, 3)
        XCTAssertGreaterThanOrEqual(serverPeak, 1)
        XCTAssertLessThanOrEqual(pids.count, 3, "15 tasks must share at most 3 backends")
        let statistics = await pool.statistics
        XCTAssertLessThanOrEqual(statistics.open, 3)
        XCTAssertEqual(statistics.idle, statistics.open)
        XCTAssertEqual(statistics.waiting, 0)
    }

    func testIdleConnectionIsReused() async throws {
        let (pool, _) = try makePool(max: 2)
        let first = try await pool.withConnection { $0.backendPID }
        let second = try await pool.withConnection { $0.backendPID }
        XCTAssertEqual(first, second)
        let statistics = await pool.statistics
        XCTAssertEqual(statistics.open, 1)
    }

    func testTerminatedConnectionIsReplacedByTheHealthCheck() async throws {
        let (pool, _) = try makePool(max: 1, healthCheckAfter: .zero)
        let admin = try await connect()
        let first = try await pool.withConnection { $0.backendPID }
        _ = try await admin.execute("SELECT pg_terminate_backend($1)", parameters: [String(first)])
        let gone = try await eventually {
            try await admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = $1",
                                    parameters: [String(first)]).scalar == "0"
        }
        XCTAssertTrue(gone)
        let (second, value) = try await pool.withConnection { connection in
            (connection.backendPID, try await connection.execute("SELECT 'works'").scalar)
        }
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(value, "works")
        let statistics = await pool.statistics
        XCTAssertEqual(statistics.open, 1)
    }

    func testAConnectionTheServerEndedIsNotLentEvenBeforeItsHealthCheckIsDue() async throws {
        // As after `pg_ctl restart`: the next try must not inherit the dead connection.
        let (pool, _) = try makePool(max: 1, healthCheckAfter: .seconds(3600))
        let admin = try await connect()
        let first = try await pool.withConnection { $0.backendPID }
        _ = try await admin.execute("SELECT pg_terminate_backend($1)", parameters: [String(first)])
        // Gone from the server and, the test server being local, its process has exited (its socket is closed).
        let gone = try await eventually {
            try await admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = $1",
                                    parameters: [String(first)]).scalar == "0" && kill(first, 0) == -1
        }
        XCTAssertTrue(gone)
        let (second, value) = try await pool.withConnection { connection in
            (connection.backendPID, try await connection.execute("SELECT 'works'").scalar)
        }
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(value, "works")
    }

    func testOpenTransactionIsRolledBackWhenTheConnectionReturns() async throws {
        struct Failure: Error {}
        let (pool, _) = try makePool(max: 1)
        let pid = try await pool.withConnection { $0.backendPID }
        do {
            try await pool.withConnection { connection in
                _ = try await connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
                _ = try await connection.execute("CREATE TEMP TABLE pool_rollback_t (a int)")
                throw Failure()
            }
            XCTFail("expected the body's error")
        } catch is Failure {}
        let (samePID, table) = try await pool.withConnection { connection in
            (connection.backendPID, try await connection.execute("SELECT to_regclass('pg_temp.pool_rollback_t')::text").scalar)
        }
        XCTAssertEqual(samePID, pid)
        XCTAssertNil(table, "the temp table must have been rolled back")
    }

    func testConnectionReturnedByCancelledTaskIsRolledBackAndReused() async throws {
        let (pool, _) = try makePool(max: 1)
        let observer = try await connect()
        let pid = try await pool.withConnection { $0.backendPID }
        let running = Task {
            try await pool.withConnection { connection in
                _ = try await connection.execute("BEGIN")
                _ = try await connection.execute("SELECT pg_sleep(30)")
            }
        }
        let active = try await eventually {
            try await observer.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'",
                parameters: [String(pid)]).scalar == "1"
        }
        XCTAssertTrue(active)
        running.cancel()
        do {
            try await running.value
            XCTFail("expected a cancellation")
        } catch let error as PostgresError {
            XCTAssertEqual(error, .cancelled)
        }
        let (samePID, inTransaction) = try await pool.withConnection { connection in
            (connection.backendPID, try await connection.execute("SELECT now() <> statement_timestamp()").scalar)
        }
        XCTAssertEqual(samePID, pid, "the cancelled task's connection should be rolled back and reused")
        XCTAssertEqual(inTransaction, "f", "no transaction may survive the checkin")
    }

    func testWaitingTaskCanBeCancelled() async throws {
        let (pool, _) = try makePool(max: 1)
        let (held, heldContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await pool.withConnection { _ in
                heldContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in held { break }
        let waiter = Task { try await pool.withConnection { $0.backendPID } }
        let queued = try await eventually { await pool.statistics.waiting == 1 }
        XCTAssertTrue(queued)
        waiter.cancel()
        do {
            _ = try await waiter.value
            XCTFail("expected a cancellation")
        } catch is CancellationError {}
        let afterCancel = await pool.statistics
        XCTAssertEqual(afterCancel.waiting, 0)
        releaseContinuation.yield()
        try await holder.value
        let pid = try await pool.withConnection { $0.backendPID }
        XCTAssertGreaterThan(pid, 0)
        let statistics = await pool.statistics
        XCTAssertEqual(statistics.open, 1)
    }

    func testWaitersAreServedInArrivalOrder() async throws {
        let (pool, _) = try makePool(max: 1)
        let order = OrderProbe()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let (held, heldContinuation) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await pool.withConnection { _ in
                heldContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in held { break }
        var waiters: [Task<Void, any Error>] = []
        for index in 0..<4 {
            waiters.append(Task { try await pool.withConnection { _ in await order.append(index) } })
            let queued = try await eventually { await pool.statistics.waiting == index + 1 }
            XCTAssertTrue(queued)
        }
        releaseContinuation.yield()
        try await holder.value
        for waiter in waiters { try await waiter.value }
        let served = await order.items
        XCTAssertEqual(served, [0, 1, 2, 3])
    }

    func testShutdownClosesConnectionsAndRefusesNewWork() async throws {
        let (pool, name) = try makePool(max: 2)
        let observer = try await connect()
        _ = try await pool.withConnection { try await $0.execute("SELECT 1") }
        let before = try await ConnectionPoolTests.serverConnectionCount(name, using: observer)
        XCTAssertEqual(before, 1)
        await pool.shutdown()
        let closed = try await eventually { try await ConnectionPoolTests.serverConnectionCount(name, using: observer) == 0 }
        XCTAssertTrue(closed)
        do {
            _ = try await pool.withConnection { $0.backendPID }
            XCTFail("expected poolShutDown")
        } catch let error as PostgresError {
            XCTAssertEqual(error, .poolShutDown)
        }
    }

    func testFailedConnectGivesTheSlotBack() async throws {
        let pool = ConnectionPool(
            id: "nowhere", config: ConnectionConfig(host: "127.0.0.1", port: try unusedPort(), user: "x"),
            maxConnections: 1)
        for _ in 0..<2 {
            do {
                _ = try await pool.withConnection { $0.backendPID }
                XCTFail("expected a connection failure")
            } catch let error as PostgresError {
                guard case .connectionFailed = error else { return XCTFail("unexpected \(error)") }
            }
        }
        let statistics = await pool.statistics
        XCTAssertEqual(statistics.open, 0)
    }

    func testPoolsAreCreatedPerIdFromTheRegistry() async throws {
        let registry = ConnectionRegistry(environment: [
            "SLUICE_CONN_WAREHOUSE": try server.uri,
            "SLUICE_CONN_WAREHOUSE_POOL": "2",
        ])
        let pools = ConnectionPools(registry: registry)
        let lower = try await pools.pool(for: "warehouse")
        let upper = try await pools.pool(for: "WAREHOUSE")
        XCTAssertTrue(lower === upper)
        XCTAssertEqual(lower.maxConnections, 2)
        let value = try await pools.withConnection("Warehouse") { try await $0.execute("SELECT 40 + 2").scalar }
        XCTAssertEqual(value, "42")
        do {
            _ = try await pools.pool(for: "missing")
            XCTFail("expected unknownConnection")
        } catch let error as PostgresError {
            XCTAssertEqual(error, .unknownConnection(id: "missing", environmentVariable: "SLUICE_CONN_MISSING"))
        }
        await pools.shutdown()
        let statistics = await lower.statistics
        XCTAssertEqual(statistics.open, 0)
    }
}

/// Counts how many pool bodies run at once.
actor ConcurrencyProbe {
    private(set) var current = 0
    private(set) var peak = 0
    func enter() {
        current += 1
        peak = max(peak, current)
    }
    func leave() { current -= 1 }
}

/// Records the order in which waiters got their connection.
actor OrderProbe {
    private(set) var items: [Int] = []
    func append(_ item: Int) { items.append(item) }
}
