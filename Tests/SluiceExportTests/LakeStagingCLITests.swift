import Foundation
import SluiceDestinations
import SluiceExport
import SluiceTestSupport
import XCTest

/// Staging through the built `sluice` binary: a process killed mid-export, and `sluice lake gc`.
final class LakeStagingCLITests: XCTestCase {
    var pg: TestPostgres!
    var table = ""
    var root: URL!

    override func setUp() async throws {
        pg = try TestPostgres.get()
        table = "lakecli_" + UUID().uuidString.prefix(8).lowercased()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-lake-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dags"), withIntermediateDirectories: true)
        // slow(id) sleeps at row 20000 (after two batches of 8192 rows were written) while the gate table has a row: a try that is surely mid-export.
        try pg.psql("""
            CREATE TABLE \(table) (id BIGINT, pad TEXT);
            INSERT INTO \(table) SELECT g, md5(g::text) FROM generate_series(1, 30000) g;
            CREATE TABLE \(table)_gate (open BOOLEAN);
            CREATE FUNCTION \(table)_slow(v BIGINT) RETURNS BIGINT LANGUAGE plpgsql AS $$
            BEGIN
              IF v = 20000 AND EXISTS (SELECT 1 FROM \(table)_gate) THEN PERFORM pg_sleep(120); END IF;
              RETURN v;
            END $$;
            """)
    }

    override func tearDown() async throws {
        _ = try? pg.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%\(table)_slow%' AND pid <> pg_backend_pid()")
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)", "DROP TABLE IF EXISTS \(table)_gate", "DROP FUNCTION IF EXISTS \(table)_slow")
        try? FileManager.default.removeItem(at: root)
    }

    private var lake: URL { root.appendingPathComponent("lake") }
    private var stagingArea: String { root.appendingPathComponent(".lake.sluice-staging").path }

    private func writeDag(_ id: String, retries: Int = 1, extra: String = "") throws {
        try """
            dag_id: \(id)
            schedule: "@daily"
            start_date: 2026-01-01
            default_args: {connection: warehouse, retries: \(retries), retry_delay: 1s}
            tasks:
              - task_id: export
                type: export
            \(StagingTaskYAML.export(query: "SELECT \(table)_slow(id) AS id, pad FROM \(table)", path: "\(table)/day={{ ds }}", extra: extra, indent: 4))
            """.write(to: root.appendingPathComponent("dags/\(id).yaml"), atomically: true, encoding: .utf8)
    }

    private func sluice(_ arguments: [String]) throws -> Process {
        guard let binary = CLIBackfillExportTests.binary else { throw TestProcessError(message: "the sluice binary is not built: run swift build") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLUICE_") }
        env["SLUICE_HOME"] = root.appendingPathComponent("home").path
        env["SLUICE_CONN_WAREHOUSE"] = pg.uri
        env["SLUICE_DEST_LAKE"] = "file://" + lake.path
        process.environment = env
        let out = root.appendingPathComponent("out-\(UUID().uuidString.prefix(6)).txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        outputs[process.processIdentifier] = out
        return process
    }

    private var outputs: [Int32: URL] = [:]

    /// Runs `sluice arguments` to the end; returns its exit status and output.
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = try sluice(arguments)
        try Deadline.wait(for: "sluice \(arguments.joined(separator: " "))", timeout: 180) { !process.isRunning }
        return (process.terminationStatus, output(of: process))
    }

    private func output(of process: Process) -> String {
        outputs[process.processIdentifier].flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
    }

    private func stagedFiles() -> [String] {
        (FileManager.default.enumerator(atPath: stagingArea)?.allObjects as? [String] ?? []).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: stagingArea + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    private func lakeRows() throws -> Int {
        Int(try TestProcess.python("""
            import duckdb, sys; print(duckdb.sql(f"SELECT count(*) FROM read_parquet('{sys.argv[1]}/**/*.parquet')").fetchone()[0])
            """, [lake.path])) ?? -1
    }

    func testASluiceKilledMidExportThenRunAgainPublishesTheSourceRowsAndLeavesNoStaging() throws {
        try writeDag("killed")
        try pg.psql("INSERT INTO \(table)_gate VALUES (true)")
        let backfill = ["dags", "backfill", "killed", "--start-date", "2026-01-02", "--end-date", "2026-01-02"]
        let first = try sluice(backfill)
        try Deadline.wait(for: "staged part files of the first try", timeout: 120) {
            stagedFiles().contains { $0.hasSuffix(".parquet") } || !first.isRunning
        }
        XCTAssertTrue(first.isRunning, output(of: first))
        kill(first.processIdentifier, SIGKILL)
        try Deadline.wait(for: "the killed process to end") { !first.isRunning }
        XCTAssertTrue(stagedFiles().contains { $0.hasSuffix(".parquet") }, "\(stagedFiles())")
        XCTAssertFalse(FileManager.default.fileExists(atPath: lake.appendingPathComponent(table).path), "a killed try published")

        try pg.psql("DELETE FROM \(table)_gate",
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE '%\(table)_slow%' AND pid <> pg_backend_pid()")
        let again = try run(backfill)
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertEqual(try lakeRows(), Int(try pg.psql("SELECT count(*) FROM \(table)")))
        XCTAssertEqual(try lakeRows(), 30000)
        XCTAssertEqual(stagedFiles(), [])
    }

    func testLakeGCRemovesFailedAuditsAndDeadTriesButNotARunningTry() async throws {
        try writeDag("audited", retries: 0, extra: "audits:\n  - min_rows: 100000")
        let failed = try run(["dags", "backfill", "audited", "--start-date", "2026-01-02", "--end-date", "2026-01-02"])
        XCTAssertNotEqual(failed.status, 0, failed.output)
        XCTAssertTrue(failed.output.contains("min_rows(100000)"), failed.output)
        XCTAssertTrue(stagedFiles().contains { $0.contains(".audited.export/part-00000.parquet") }, "\(stagedFiles())")

        // A try whose process died, and one the metadata store says is running (same dead pid: the store decides).
        let staging = try ExportStaging(destination: LocalDestination(root: lake.path))
        let dead = StagedTry(dagId: "other", taskId: "t", runId: "manual__1", tryNumber: 1, partition: "x/day=1", pid: 999_999)
        let running = StagedTry(dagId: "other", taskId: "t", runId: "manual__2", tryNumber: 3, partition: "x/day=2", pid: 999_999)
        for entry in [dead, running] {
            let folder = try await staging.begin(entry)
            _ = try await staging.area.put(key: folder + "part-00000.parquet", data: Data("PAR1".utf8))
        }
        let database = try XCTUnwrap(FileManager.default.enumerator(atPath: root.appendingPathComponent("home").path)?
            .allObjects.compactMap { $0 as? String }.first { $0.hasSuffix("sluice.db") })
        _ = try TestProcess.python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("INSERT INTO task_instance (dag_id, run_id, task_id, try_number, state) VALUES ('other', 'manual__2', 't', 3, 'running')")
            db.commit()
            """, [root.appendingPathComponent("home").path + "/" + database])

        // What an earlier Sluice version left inside the lake.
        let legacy = lake.appendingPathComponent("old/day=1/_staging/scheduled__x.1")
        try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
        try Data("PAR1".utf8).write(to: legacy.appendingPathComponent("part-00000.parquet"))
        try Data("keep".utf8).write(to: lake.appendingPathComponent("old/day=1/part-00000.parquet"))

        let before = stagedFiles()
        XCTAssertEqual(before.filter { $0.hasSuffix(".json") }.count, 3, "\(before)")
        let dry = try run(["lake", "gc", "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.output)
        XCTAssertTrue(dry.output.contains("would remove 3 staging folders"), dry.output)
        XCTAssertTrue(dry.output.contains("old/day=1/_staging/ (staging of an earlier Sluice version"), dry.output)
        XCTAssertTrue(dry.output.contains("manual__1 try 1, dead try") && dry.output.contains("audited.export"), dry.output)
        XCTAssertFalse(dry.output.contains("manual__2"), dry.output)
        XCTAssertEqual(stagedFiles(), before, "a dry run removed files")

        let gc = try run(["lake", "gc"])
        XCTAssertEqual(gc.status, 0, gc.output)
        XCTAssertTrue(gc.output.contains("removed 3 staging folders"), gc.output)
        XCTAssertTrue(gc.output.contains("failed audit"), gc.output)
        XCTAssertEqual(stagedFiles(), ["x%2Fday=2/manual__2.3.other.t.json", "x%2Fday=2/manual__2.3.other.t/part-00000.parquet"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: lake.path + "/" + table))
        XCTAssertFalse(FileManager.default.fileExists(atPath: legacy.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: lake.path + "/old/day=1/part-00000.parquet"))
    }
}
