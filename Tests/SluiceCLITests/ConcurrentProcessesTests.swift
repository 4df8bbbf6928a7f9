import Foundation
import SluiceCore
import SluiceStore
import XCTest

/// Several Sluice processes on one store, and a store that cannot be written: each try runs once,
/// a replaced run's tries stop and the new run runs, and nothing downstream starts before a try's
/// end is recorded. Real processes, a real PostgreSQL, a real full disk (tmpfs).
final class ConcurrentProcessesTests: CLIProjectTestCase {
    private var table = ""
    private var mounted: String?

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "exec_" + UUID().uuidString.prefix(8).lowercased()
        // No key: every execution of a task leaves a row, so a task run twice shows.
        try pg.psql("CREATE TABLE \(table) (ds date NOT NULL, task_id text NOT NULL, version text, pid int NOT NULL DEFAULT pg_backend_pid())")
    }

    override func tearDownWithError() throws {
        if let mounted { _ = try? Shell.run(["umount", "-l", mounted]) }
        try super.tearDownWithError()
    }

    private func activeStatements(_ marker: String) throws -> Int {
        Int(try pg.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(marker)%' AND query NOT LIKE '%pg_stat_activity%' AND state = 'active'")) ?? -1
    }

    func testABackfillBesideTheSchedulerOnTheSameDatesRunsEveryTryOnceAndSaysWhichItSkipped() async throws {
        let start = DateText.iso(Date().addingTimeInterval(-7 * 86400)).prefix(10)
        let end = DateText.iso(Date().addingTimeInterval(-2 * 86400)).prefix(10)
        let marker = "shared_" + table
        try project.write("dags/shared.yaml", """
            dag_id: shared
            schedule: "@daily"
            start_date: \(start)
            catchup: true
            max_active_runs: 3
            default_args: {connection: pg, retries: 0}
            tasks:
              - group: writers
                for_each: [{n: 1}, {n: 2}, {n: 3}]
                task_id: "write_{{ item.n }}"
                sql: "SELECT pg_sleep(0.7) AS \(marker); INSERT INTO \(table) (ds, task_id) VALUES ('{{ ds }}', '{{ task.task_id }}')"
            """)
        let (scheduler, buffer) = try startScheduler()
        XCTAssertTrue(try eventually { try activeStatements(marker) > 0 }, buffer.text)

        let backfill = try project.sluice(["dags", "backfill", "shared", "--start-date", String(start), "--end-date", String(end)], pg: pg)
        XCTAssertEqual(backfill.status, 0, backfill.stderr + backfill.stdout)
        XCTAssertTrue(backfill.stderr.contains("skipped write_"), backfill.stderr)
        XCTAssertTrue(backfill.stderr.contains("pid \(scheduler.processIdentifier)"), "the skip names the process holding the task: \(backfill.stderr)")

        // Every (date, task) pair of the backfilled dates ran exactly once, by one of the two processes.
        XCTAssertEqual(try pg.psql("SELECT count(*), count(DISTINCT (ds, task_id)), count(DISTINCT ds) FROM \(table) WHERE ds <= '\(end)'"), "18|18|6")
        XCTAssertEqual(try pg.psql("SELECT count(*) - count(DISTINCT (ds, task_id)) FROM \(table)"), "0", "no task ran twice")
        let last = try XCTUnwrap(DateText.parse(String(end), in: .gmt))
        let s = try await store()
        let all = try await s.runs(dagId: "shared", state: nil, limit: nil)
        let runs = all.filter { $0.logicalDate <= last }
        XCTAssertEqual(runs.count, 6)
        for run in runs {
            XCTAssertEqual(run.state, .success, run.runId)
            let tis = try await s.taskInstances(dagId: "shared", runId: run.runId)
            XCTAssertEqual(tis.map(\.tryNumber), [1, 1, 1], run.runId)
        }
    }

    func testReplacingARunTheSchedulerIsExecutingCancelsItsTriesAndRunsTheNewOne() async throws {
        let marker = "replace_" + table
        try project.write("dags/replace_me.yaml", """
            dag_id: replace_me
            schedule: null
            params: {version: "old", sleep: 0}
            default_args: {connection: pg, retries: 0}
            tasks:
              - task_id: load
                sql: "SELECT pg_sleep({{ params.sleep }}) AS \(marker); INSERT INTO \(table) (ds, task_id, version) VALUES ('{{ ds }}', 'load', '{{ params.version }}')"
            """)
        let (_, buffer) = try startScheduler()
        XCTAssertTrue(eventually { buffer.text.contains("scheduler started") }, buffer.text)
        let first = try project.sluice(["dags", "trigger", "replace_me", "--logical-date", "2026-05-01", "--param", "sleep=120"], pg: pg)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(try eventually { try activeStatements(marker) == 1 }, buffer.text)

        let second = try project.sluice(["dags", "trigger", "replace_me", "--logical-date", "2026-05-01", "--replace",
                                         "--param", "version=new", "--wait"], pg: pg)
        XCTAssertEqual(second.status, 0, second.stderr + second.stdout + buffer.text)
        XCTAssertTrue(second.stdout.contains("success"), second.stdout)
        XCTAssertTrue(try eventually { try activeStatements(marker) == 0 }, "the old statement was cancelled on the server")
        XCTAssertEqual(try pg.psql("SELECT string_agg(version, ',') FROM \(table)"), "new", "only the new run wrote")
        let s = try await store()
        let runs = try await s.runs(dagId: "replace_me", state: nil, limit: nil)
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs.first?.state, .success)
        let tis = try await s.taskInstances(dagId: "replace_me", runId: try XCTUnwrap(runs.first).runId)
        XCTAssertEqual(tis.first?.state, .success)
        let log = project.home.appendingPathComponent("logs/replace_me/\(runs[0].runId)/load/1.log")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        XCTAssertTrue(text.contains("cancelled: another process cleared or replaced this try"), text)
    }

    func testAFullDiskAtSluiceHomeHoldsDownstreamTasksUntilTheTryIsRecordedThenResumes() async throws {
        let home = project.home.path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let mount = try Shell.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", home])
        XCTAssertEqual(mount.status, 0, "mounting a small tmpfs for SLUICE_HOME: \(mount.stderr)")
        guard mount.status == 0 else { return }
        mounted = home
        let marker = "full_" + table
        try project.write("dags/chain.yaml", """
            dag_id: chain
            schedule: "@daily"
            start_date: 2026-01-01
            default_args: {connection: pg, retries: 0}
            tasks:
              - task_id: first
                sql: "SELECT pg_sleep(1.5) AS \(marker); INSERT INTO \(table) (ds, task_id) VALUES ('{{ ds }}', 'first')"
              - task_id: second
                sql: "INSERT INTO \(table) (ds, task_id) VALUES ('{{ ds }}', 'second')"
                depends_on: first
            """)
        let (backfill, out, err) = try project.start(["dags", "backfill", "chain", "--start-date", "2026-01-05", "--end-date", "2026-01-05"], pg: pg)
        let stdout = OutputBuffer(out)
        let stderr = OutputBuffer(err)
        XCTAssertTrue(try eventually { try activeStatements(marker) == 1 }, stderr.text)
        // Fill the disk while `first` runs.
        let filler = home + "/filler"
        _ = try Shell.run(["sh", "-c", "head -c 10000000 /dev/zero > \(filler)"])
        XCTAssertTrue(eventually { stderr.text.contains("disk full; waiting to write") }, stderr.text)
        XCTAssertTrue(stderr.text.contains("metadata store \(home)/sluice.db: disk full; waiting to write"), stderr.text)
        XCTAssertEqual(try pg.psql("SELECT string_agg(task_id, ',') FROM \(table)"), "first", "second does not start before first's end is recorded")
        let s = try await store()
        let during = try await s.runs(dagId: "chain", state: nil, limit: 1)
        let run = try XCTUnwrap(during.first)
        XCTAssertEqual(run.state, .running, "the run is not success while a task's end is unrecorded")
        XCTAssertEqual(backfill.isRunning, true)

        try FileManager.default.removeItem(atPath: filler)
        backfill.waitUntilExit()
        XCTAssertEqual(backfill.terminationStatus, 0, stderr.text + stdout.text)
        XCTAssertTrue(stderr.text.contains("writable again"), stderr.text)
        XCTAssertEqual(stderr.text.components(separatedBy: "waiting to write").count - 1, 1, "one line, not one per retry: \(stderr.text)")
        XCTAssertEqual(try pg.psql("SELECT string_agg(task_id, ',' ORDER BY task_id) FROM \(table)"), "first,second")
        let after = try await s.runs(dagId: "chain", state: nil, limit: 1)
        let done = try XCTUnwrap(after.first)
        XCTAssertEqual(done.state, .success)
        let states = try await s.taskInstances(dagId: "chain", runId: done.runId).map(\.state)
        XCTAssertEqual(states, [.success, .success])
    }

    func testASchedulerWhoseStoreBreaksForGoodStopsWithALoggedErrorAndANonZeroExit() throws {
        try project.write("dags/idle.yaml", "dag_id: idle\nschedule: \"* * * * *\"\nstart_date: 2026-01-01\ntasks:\n  - task_id: t\n")
        let (scheduler, out, _) = try project.start(["scheduler"], pg: pg)
        let buffer = OutputBuffer(out)
        XCTAssertTrue(eventually { buffer.text.contains("loaded 1 DAG") }, buffer.text)
        // Not a full disk that passes: another program breaks the store's schema.
        let db = project.home.appendingPathComponent("sluice.db").path
        let vandal = try Shell.run(["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('DROP TABLE dag'); c.commit()", db])
        XCTAssertEqual(vandal.status, 0, vandal.stderr)
        let ended = eventually(timeout: 30) { !scheduler.isRunning }
        if !ended { kill(scheduler.processIdentifier, SIGKILL) }
        XCTAssertTrue(ended, "the daemon did not stay half alive: \(buffer.text)")
        scheduler.waitUntilExit()
        XCTAssertEqual(scheduler.terminationStatus, 1, buffer.text)
        XCTAssertTrue(eventually { buffer.text.contains("error: scheduler stopped: ") }, buffer.text)
        XCTAssertTrue(buffer.text.contains("metadata store"), buffer.text)
    }
}
