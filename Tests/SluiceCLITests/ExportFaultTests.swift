import Foundation
import SluiceCore
import SluiceStore
import SluiceTestSupport
import XCTest

/// Exports under the faults of several processes: a backfill beside the scheduler on the same dates,
/// `--replace` of a run the scheduler is exporting, the scheduler SIGKILLed mid-export. Each checks the
/// published rows against the source (read back by DuckDB), the store's final states, and that no
/// staging is left.
final class ExportFaultTests: CLIProjectTestCase {
    private static let rowsPerDay = 20_000
    private var table = ""
    private var env: [String: String] = [:]

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "xfault_" + UUID().uuidString.prefix(8).lowercased()
        env = ["SLUICE_DEST_LAKE": "file://" + lake.path]
    }

    override func tearDownWithError() throws {
        _ = try? pg.psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE '%\(table)_slow%' AND pid <> pg_backend_pid()")
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table); DROP FUNCTION IF EXISTS \(table)_slow(BIGINT, FLOAT8)")
        try super.tearDownWithError()
    }

    private var lake: URL { project.root.appendingPathComponent("lake") }
    private var stagingArea: String { project.root.appendingPathComponent(".lake.sluice-staging").path }

    /// `rowsPerDay` rows on each of `days` days from `first`; `<table>_slow(id, seconds)` sleeps at row
    /// 17,000 of each day, after two batches of 8,192 rows were staged as part files.
    private func createSource(from first: String, days: Int) throws {
        let n = Self.rowsPerDay
        try pg.psql("""
            CREATE TABLE \(table) (id BIGINT PRIMARY KEY, ts TIMESTAMPTZ NOT NULL, pad TEXT);
            INSERT INTO \(table) SELECT g, timestamptz '\(first) 00:00:00+00' + ((g - 1) / \(n)) * interval '1 day'
                + ((g - 1) % \(n)) * interval '4 seconds', md5(g::text) FROM generate_series(1, \(n * days)) g;
            CREATE FUNCTION \(table)_slow(v BIGINT, seconds FLOAT8) RETURNS BIGINT LANGUAGE plpgsql AS $$
            BEGIN
              IF (v - 1) % \(n) = 17000 THEN PERFORM pg_sleep(seconds); END IF;
              RETURN v;
            END $$;
            """)
    }

    /// One export task per day: `{{ params.sleep }}` seconds of sleep mid-export, `{{ params.version }}`
    /// in every row, Parquet in 16 KB parts under `lake/<table>/day=<ds>/`.
    private func writeDag(_ id: String, schedule: String, sleep: Double, maxActiveRuns: Int = 1, startDate: String? = nil, retries: Int = 0) throws {
        let start = startDate.map { "start_date: \($0)\ncatchup: true" } ?? "catchup: false"
        try project.write("dags/\(id).yaml", """
            dag_id: \(id)
            schedule: \(schedule)
            \(start)
            max_active_runs: \(maxActiveRuns)
            params: {sleep: \(sleep), version: "v1"}
            default_args: {connection: pg, retries: \(retries), retry_delay: 1s}
            tasks:
              - task_id: export
                type: export
                query: "SELECT \(table)_slow(id, {{ params.sleep }}) AS id, ts, pad, '{{ params.version }}' AS version FROM \(table) WHERE ts >= '{{ ds }} 00:00:00+00' AND ts < '{{ macros.ds_add(ds, 1) }} 00:00:00+00'"
                mode: full
                format: parquet
                compression: snappy
                max_file_size: 16KB
                row_group_size: 500
                destination: lake
                path: "\(table)/day={{ ds }}"
            """)
    }

    private func activeExports() throws -> Int {
        Int(try pg.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(table)_slow%' AND query NOT LIKE '%pg_stat_activity%' AND state = 'active'")) ?? -1
    }

    private func stagedFiles() -> [String] {
        (FileManager.default.enumerator(atPath: stagingArea)?.allObjects as? [String] ?? []).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: stagingArea + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    /// What a recursive reader of the task's path sees, per day: `day|rows|sum(id)|versions`.
    private func published() throws -> String {
        try TestProcess.python("""
            import duckdb, sys
            rows = duckdb.sql(f"SELECT day, count(*), sum(id), string_agg(DISTINCT version, ',') FROM read_parquet('{sys.argv[1]}/**/*.parquet', hive_partitioning = true) GROUP BY day ORDER BY day").fetchall()
            print("\\n".join("|".join(str(v) for v in r) for r in rows))
            """, [lake.appendingPathComponent(table).path])
    }

    /// The same figures from the source, for the days `from...through`.
    private func source(from: String, through: String, version: String) throws -> String {
        try pg.psql("""
            SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*), sum(id), '\(version)' FROM \(table)
            WHERE ts >= '\(from) 00:00:00+00' AND ts < timestamptz '\(through) 00:00:00+00' + interval '1 day' GROUP BY 1 ORDER BY 1
            """)
    }

    func testABackfillOfExportsBesideTheSchedulerPublishesEachDayOnceWithTheSourceRows() async throws {
        let day = { (offset: Int) in String(DateText.iso(Date().addingTimeInterval(Double(offset) * 86400)).prefix(10)) }
        let (start, end) = (day(-7), day(-2))
        try createSource(from: start, days: 8)
        try writeDag("shared_export", schedule: "\"@daily\"", sleep: 0.5, maxActiveRuns: 3, startDate: start)
        let (scheduler, buffer) = try startScheduler(env)
        XCTAssertTrue(try eventually { try activeExports() > 0 }, buffer.text)

        let backfill = try project.sluice(["dags", "backfill", "shared_export", "--start-date", start, "--end-date", end], pg: pg, env: env)
        XCTAssertEqual(backfill.status, 0, backfill.stderr + backfill.stdout)
        XCTAssertTrue(backfill.stderr.contains("skipped export") && backfill.stderr.contains("pid \(scheduler.processIdentifier)"),
                      "the backfill says which tries the scheduler holds: \(backfill.stderr)")

        // Every backfilled day is published once, with exactly the source's rows.
        let s = try await store()
        let last = try XCTUnwrap(DateText.parse(end, in: .gmt))
        let runs = try await s.runs(dagId: "shared_export", state: nil, limit: nil).filter { $0.logicalDate <= last }
        XCTAssertEqual(runs.count, 6)
        for run in runs {
            XCTAssertEqual(run.state, .success, run.runId)
            let tis = try await s.taskInstances(dagId: "shared_export", runId: run.runId)
            XCTAssertEqual(tis.map(\.tryNumber), [1], "\(run.runId) ran once")
        }
        let lines = try published().split(separator: "\n").map(String.init).filter { $0.prefix(10) <= end }
        XCTAssertEqual(lines.joined(separator: "\n"), try source(from: start, through: end, version: "v1"))
        XCTAssertTrue(try eventually { try activeExports() == 0 && stagedFiles().isEmpty }, "staging left: \(stagedFiles())")
    }

    func testReplacingAnExportTheSchedulerIsRunningPublishesOnlyTheNewRunsRows() async throws {
        try createSource(from: "2026-05-01", days: 1)
        try writeDag("replace_export", schedule: "null", sleep: 0)
        let (_, buffer) = try startScheduler(env)
        XCTAssertTrue(eventually { buffer.text.contains("scheduler started") }, buffer.text)
        let first = try project.sluice(["dags", "trigger", "replace_export", "--logical-date", "2026-05-01",
                                        "--param", "sleep=120", "--param", "version=old"], pg: pg, env: env)
        XCTAssertEqual(first.status, 0, first.stderr)
        // The old run is mid-export: its statement sleeps and its first parts are staged.
        XCTAssertTrue(try eventually(timeout: 60) { try activeExports() == 1 && stagedFiles().contains { $0.hasSuffix(".parquet") } },
                      buffer.text + "\(stagedFiles())")

        let second = try project.sluice(["dags", "trigger", "replace_export", "--logical-date", "2026-05-01", "--replace",
                                         "--param", "version=new", "--wait"], pg: pg, env: env)
        XCTAssertEqual(second.status, 0, second.stderr + second.stdout + buffer.text)
        XCTAssertTrue(try eventually { try activeExports() == 0 }, "the old export's statement was cancelled on the server")
        XCTAssertEqual(try published(), try source(from: "2026-05-01", through: "2026-05-01", version: "new"), "only the new run's rows")
        let s = try await store()
        let runs = try await s.runs(dagId: "replace_export", state: nil, limit: nil)
        XCTAssertEqual(runs.map(\.state), [.success])
        let tis = try await s.taskInstances(dagId: "replace_export", runId: try XCTUnwrap(runs.first).runId)
        XCTAssertEqual(tis.map(\.state), [.success])
        XCTAssertTrue(eventually { stagedFiles().isEmpty }, "the cancelled try's staging is removed: \(stagedFiles())")
    }

    func testASchedulerKilledMidExportPublishesTheSourceRowsOnceAfterRestartAndLeavesNoStaging() async throws {
        try createSource(from: "2026-05-01", days: 1)
        try writeDag("killed_export", schedule: "null", sleep: 120, retries: 1)
        let (scheduler, buffer) = try startScheduler(env)
        XCTAssertTrue(eventually { buffer.text.contains("scheduler started") }, buffer.text)
        let trigger = try project.sluice(["dags", "trigger", "killed_export", "--logical-date", "2026-05-01"], pg: pg, env: env)
        XCTAssertEqual(trigger.status, 0, trigger.stderr)
        XCTAssertTrue(try eventually(timeout: 60) { try activeExports() == 1 && stagedFiles().contains { $0.hasSuffix(".parquet") } },
                      buffer.text + "\(stagedFiles())")
        kill(scheduler.processIdentifier, SIGKILL)
        scheduler.waitUntilExit()
        XCTAssertFalse(FileManager.default.fileExists(atPath: lake.appendingPathComponent(table).path), "a killed try published")
        _ = try pg.psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE '%\(table)_slow%' AND pid <> pg_backend_pid()")

        // The next scheduler recovers the try (a crashed try counts as failed: it is retried), removes its
        // staging and runs the export to the end.
        try writeDag("killed_export", schedule: "null", sleep: 0, retries: 1)
        let (_, again) = try startScheduler(env)
        let s = try await store()
        var state: RunState?
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            state = try await s.runs(dagId: "killed_export", state: nil, limit: nil).first?.state
            if state == .success || state == .failed { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        XCTAssertEqual(state, .success, again.text)
        let runs = try await s.runs(dagId: "killed_export", state: nil, limit: nil)
        let runId = try XCTUnwrap(runs.first).runId
        let tis = try await s.taskInstances(dagId: "killed_export", runId: runId)
        XCTAssertEqual(tis.map(\.state), [.success])
        XCTAssertEqual(tis.map(\.tryNumber), [2], "the killed try was the first")
        XCTAssertEqual(try published(), try source(from: "2026-05-01", through: "2026-05-01", version: "v1"))
        XCTAssertEqual(stagedFiles(), [])
    }
}
