import Foundation
@testable import SluicePostgres
import SluiceTestSupport
import XCTest

/// A server that stops answering (its processes SIGSTOPped) while a statement runs: the caller is released a
/// bounded time after the statement's timeout, with a message naming the server, and the connection is never
/// used again. Each test freezes a private cluster of its own.
final class FrozenServerTests: XCTestCase {
    private func privateServer() throws -> ThrowawayPostgres {
        let server = try ThrowawayPostgres.start(in: NSTemporaryDirectory() + "sluice-frozen-\(UUID().uuidString.prefix(8))")
        addTeardownBlock { server.stop() }
        return server
    }

    /// Polls psql until a statement starting with `prefix` is active on the server (before freezing it).
    private func waitUntilActive(_ prefix: String, on server: ThrowawayPostgres) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let count = try server.psql(["SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '\(prefix)%'"])
            if count != "0" { return }
            usleep(50_000)
        }
        XCTFail("'\(prefix)' never became active")
    }

    func testAStatementOnAFrozenServerIsAbandonedAfterTheCancelGraceNamingTheServer() async throws {
        let server = try privateServer()
        let config = try ConnectionConfig(uri: server.uri)
        let connection = try await PostgresConnection.connect(config, cancelGrace: 2)
        let running = Task { try await connection.execute("SELECT pg_sleep(120)", timeout: 4) }
        try waitUntilActive("SELECT pg_sleep(120)", on: server)
        try server.freeze()
        defer { server.thaw() }
        do {
            _ = try await running.value
            XCTFail("the statement on a frozen server returned")
        } catch let error as PostgresError {
            XCTAssertEqual(error, .cancelUnanswered(server: "127.0.0.1:\(config.port ?? 0)", seconds: 2, timeout: 4))
            XCTAssertEqual(error.executionTimeoutMessage(configured: 4, server: connection.server),
                           "execution_timeout of 4s exceeded; PostgreSQL at 127.0.0.1:\(config.port ?? 0) did not answer the cancel request within 2 s, connection abandoned")
        }
        XCTAssertTrue(connection.isBroken, "an abandoned connection must never go back to a pool")
        do {
            _ = try await connection.execute("SELECT 1")
            XCTFail("an abandoned connection ran a statement")
        } catch let error as PostgresError {
            XCTAssertEqual(error, .connectionAbandoned(server: "127.0.0.1:\(config.port ?? 0)"))
        }
        // Closing does not wait for the frozen server.
        await connection.close()
    }

    func testAPoolReplacesAConnectionAbandonedOnAFrozenServerOnceItAnswersAgain() async throws {
        let server = try privateServer()
        let pool = ConnectionPool(id: "frozen", config: try ConnectionConfig(uri: server.uri), maxConnections: 1)
        let running = Task {
            try await pool.withConnection { try await $0.execute("SELECT pg_sleep(120)", timeout: 3) }
        }
        try waitUntilActive("SELECT pg_sleep(120)", on: server)
        try server.freeze()
        do {
            _ = try await running.value
            XCTFail("the statement on a frozen server returned")
        } catch let error as PostgresError {
            guard case .cancelUnanswered = error else { return XCTFail("unexpected \(error)") }
        }
        server.thaw()
        let answer = try await pool.withConnection { try await $0.execute("SELECT 'fresh'", timeout: 30) }
        XCTAssertEqual(answer.scalar, "fresh")
        await pool.shutdown()
    }
}
