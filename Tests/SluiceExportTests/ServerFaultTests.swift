import Foundation
import SluiceCore
import SluiceDefinitions
@testable import SluiceExecution
import SluiceExport
import SluicePostgres
import SluiceTasks
import SluiceTestSupport
import XCTest

/// Real servers failing under a running try: PostgreSQL frozen (SIGSTOP) during a SQL task and during an
/// export, restarted (`pg_ctl restart -m fast`) during an export, and the S3 server (moto) frozen or killed
/// during an export. Every try must end (bounded by each test's own waiting, never by the frozen party), with
/// a message naming the timeout and the party that stopped answering, and publish nothing partial.
final class ServerFaultTests: XCTestCase {
    private var frozen: [() -> Void] = []

    override func tearDown() {
        for thaw in frozen { thaw() }
        frozen = []
        super.tearDown()
    }

    /// A private cluster (it gets frozen or restarted), stopped after the test.
    private func privateServer() throws -> TestPostgres {
        let server = try ThrowawayPostgres.start(in: NSTemporaryDirectory() + "sluice-fault-\(UUID().uuidString.prefix(8))")
        addTeardownBlock { server.stop() }
        return TestPostgres(server: server)
    }

    /// An export task `id` to `<id>/ds=...` of destination `lake`, from a table `table` of `rows` rows made here,
    /// read through `source` (the export's `table:` or `query:` line).
    private func export(_ pg: TestPostgres, destinations: [String: String] = [:], table: String, rows: Int, id: String,
                        source: String, format: String, timeout: String?) throws -> (ExportHarness, Dag) {
        try pg.psql("DROP TABLE IF EXISTS \(table)", """
            CREATE TABLE \(table) AS SELECT g AS hash_id, '2026-01-01'::timestamptz + g * interval '1 second' AS "timestamp",
              'name ' || g AS name FROM generate_series(1, \(rows)) g
            """)
        let harness = try ExportHarness(pg: pg, destinations: destinations)
        let dag = try harness.dag(id, """
            \(source)
            mode: full
            format: \(format)
            compression: \(format == "csv" ? "none" : "zstd")
            destination: lake
            path: \(id)/ds={{ ds }}
            \(timeout.map { "execution_timeout: \($0)" } ?? "")
            """)
        return (harness, dag)
    }

    /// An uncompressed CSV export of a table `src` read through a query that yields about one row per
    /// millisecond (so the export is still running when the test freezes or restarts the server).
    private func slowExport(_ pg: TestPostgres, rows: Int, id: String, timeout: String? = nil) throws -> (ExportHarness, Dag) {
        try export(pg, table: "src", rows: rows, id: id,
                   source: #"query: "SELECT hash_id, \"timestamp\", name FROM src CROSS JOIN LATERAL (SELECT pg_sleep(0.001 + hash_id * 0)) AS pause""#,
                   format: "csv", timeout: timeout)
    }

    /// The message of a try whose PostgreSQL froze.
    private func frozenPostgresMessage(_ pg: TestPostgres) throws -> String {
        let port = try XCTUnwrap(ConnectionConfig(uri: pg.uri).port)
        return "execution_timeout of 5s exceeded; PostgreSQL at 127.0.0.1:\(port) did not answer the cancel request within 5 s, connection abandoned"
    }

    private func waitUntilActive(_ fragment: String, on pg: TestPostgres) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let count = try pg.psql("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%\(fragment)%' AND pid <> pg_backend_pid()")
            if count != "0" { return }
            usleep(50_000)
        }
        XCTFail("no active statement with '\(fragment)'")
    }

    private func waitForProgress(_ harness: ExportHarness) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if harness.progressSnapshot.contains(where: { $0.0 > 0 }) { return }
            usleep(20_000)
        }
        XCTFail("the export reported no rows")
    }

    private func message(_ result: Result<TaskResult, any Error>) -> String {
        switch result {
        case .success(let value): return "success: \(value)"
        case .failure(let error): return "\(error)"
        }
    }

    // MARK: PostgreSQL frozen

    func testASQLTaskOnAFrozenPostgresFailsWithItsExecutionTimeoutNamingTheServer() async throws {
        let pg = try privateServer()
        let harness = try ExportHarness(pg: pg)
        let dag = try harness.dag(id: "frozen_sql", yaml: """
            tasks:
              - task_id: sleep
                sql: SELECT pg_sleep(120) AS frozen_sql_marker
                execution_timeout: 5s
            """)
        let running = Task { await harness.run(dag, taskId: "sleep", day: "2026-01-02", runner: SQLTaskRunner(pools: harness.pools, renderer: TaskRenderer(environment: harness.environment))) }
        try waitUntilActive("frozen_sql_marker", on: pg)
        try pg.server.freeze()
        frozen.append { pg.server.thaw() }
        let outcome = await running.value
        XCTAssertEqual(message(outcome.result), try frozenPostgresMessage(pg), outcome.log)
    }

    func testAnExportFromAFrozenPostgresFailsWithItsExecutionTimeoutNamingTheServer() async throws {
        let pg = try privateServer()
        let (harness, dag) = try slowExport(pg, rows: 60_000, id: "frozen", timeout: "5s")
        let running = Task { await harness.run(dag, day: "2026-01-02") }
        try waitForProgress(harness)
        try pg.server.freeze()
        frozen.append { pg.server.thaw() }
        let outcome = await running.value
        XCTAssertEqual(message(outcome.result), try frozenPostgresMessage(pg), outcome.log)
        XCTAssertFalse(harness.files(under: "frozen").contains { $0.hasSuffix("_SUCCESS") || $0.hasSuffix("_manifest.json") })
    }

    // MARK: PostgreSQL restarted

    func testAnExportCutByAPostgresRestartFailsClearlyAndItsRetryPublishesTheSourceRows() async throws {
        let pg = try privateServer()
        let (harness, dag) = try slowExport(pg, rows: 8000, id: "restarted")
        let running = Task { await harness.run(dag, day: "2026-01-02", tryNumber: 1) }
        try waitForProgress(harness)
        try pg.server.restart()
        let first = await running.value
        let failure = message(first.result)
        XCTAssertTrue(failure.hasPrefix("reading the export's rows failed: "), failure)
        XCTAssertTrue(failure.contains("terminating connection due to administrator command") || failure.contains("connection was lost"), failure)
        XCTAssertFalse(harness.files(under: "restarted").contains { $0.hasSuffix("_SUCCESS") }, "a cut export published")

        let retry = await harness.run(dag, day: "2026-01-02", tryNumber: 2)
        XCTAssertEqual(try retry.result.get().rowsAffected, 8000, retry.log)
        let published = harness.files(under: "restarted/ds=2026-01-02").filter { $0.hasPrefix("part-") }
        XCTAssertFalse(published.isEmpty)
        var exported: [Int] = []
        for file in published {
            let text = try String(contentsOf: harness.lake.appendingPathComponent("restarted/ds=2026-01-02/" + file), encoding: .utf8)
            exported += text.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",").first ?? "") }
        }
        let source = try pg.psql("SELECT hash_id FROM src ORDER BY hash_id").split(separator: "\n").compactMap { Int($0) }
        XCTAssertEqual(exported.sorted(), source)
    }

    // MARK: S3 frozen or killed

    private func s3Export(_ moto: MotoServer, pg: TestPostgres, id: String, timeout: String?) throws -> (ExportHarness, Dag) {
        try export(pg, destinations: moto.environment(prefix: "faults"), table: "s3src", rows: 5000, id: id,
                   source: "table: s3src", format: "parquet", timeout: timeout)
    }

    func testAnExportToAFrozenS3FailsWithItsExecutionTimeoutNamingTheDestinationAndPublishesNothing() async throws {
        let pg = try TestPostgres.get()
        let moto = try MotoServer()
        defer { moto.stop() }
        let (harness, dag) = try s3Export(moto, pg: pg, id: "s3frozen", timeout: "5s")
        let pid = moto.process.processIdentifier
        kill(pid, SIGSTOP)
        frozen.append { kill(pid, SIGCONT) }
        let outcome = await harness.run(dag, day: "2026-01-02")
        let failure = message(outcome.result)
        XCTAssertTrue(failure.hasPrefix("execution_timeout of 5s exceeded; the destination s3://\(moto.bucket)/faults/s3frozen/ds=2026-01-02"), failure)
        XCTAssertTrue(failure.contains("(S3 endpoint http://127.0.0.1:\(moto.port)) stopped accepting data, upload abandoned"), failure)
        XCTAssertFalse(failure.contains("PostgreSQL"), failure)
        kill(pid, SIGCONT)
        let keys = try moto.download(prefix: "faults/s3frozen/", to: FileManager.default.temporaryDirectory.appendingPathComponent("sluice-s3frozen-\(UUID().uuidString)"))
        XCTAssertFalse(keys.contains { $0.hasSuffix("_SUCCESS") || $0.hasSuffix("_manifest.json") }, "\(keys)")
    }

    func testAnExportToAKilledS3FailsNamingTheDestinationAndItsEndpoint() async throws {
        let pg = try TestPostgres.get()
        let moto = try MotoServer()
        let (harness, dag) = try s3Export(moto, pg: pg, id: "s3killed", timeout: nil)
        moto.stop()
        let outcome = await harness.run(dag, day: "2026-01-02")
        let failure = message(outcome.result)
        XCTAssertTrue(failure.hasPrefix("the export's destination failed: S3 "), failure)
        XCTAssertTrue(failure.contains("s3://\(moto.bucket)/faults/s3killed/"), failure)
        XCTAssertTrue(failure.contains("at endpoint http://127.0.0.1:\(moto.port)"), failure)
    }
}
