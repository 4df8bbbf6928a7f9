import Foundation
import SluiceCore
import SluiceStore
import Synchronization
import XCTest

/// Running tasks against a real PostgreSQL: backfills, retries, timeouts, failures, crashes,
/// the scheduler lock and secrets — through the built `sluice` binary, as a user runs it.
final class ExecutionCommandsTests: CLIProjectTestCase {
    private var table = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "audit_" + UUID().uuidString.prefix(8).lowercased()
        try pg.psql("CREATE TABLE \(table) (ds date NOT NULL, task_id text NOT NULL, PRIMARY KEY (ds, task_id))")
    }

    private func auditDag(id: String, tasks: Int, sleep: Double = 0, retries: Int = 2) -> String {
        """
        dag_id: \(id)
        schedule: "@daily"
        start_date: 2026-01-01
        max_active_runs: 4
        default_args: {connection: pg, retries: \(retries), retry_delay: 1s}
        tasks:
          - task_id: start
          - group: writers
            for_each: [\((1...tasks).map { "{n: \($0)}" }.joined(separator: ", "))]
            task_id: "write_{{ item.n }}"
            sql: "\(sleep > 0 ? "SELECT pg_sleep(\(sleep)); " : "")INSERT INTO \(table) VALUES ('{{ ds }}', '{{ task.task_id }}') ON CONFLICT DO NOTHING"
            depends_on: start
        """
    }

    func testABackfillOfThirtyDaysWritesEveryDateAndTaskPairExactlyOnce() async throws {
        try project.write("dags/audit.yaml", auditDag(id: "audit", tasks: 3))
        let r = try project.sluice(["dags", "backfill", "audit", "--start-date", "2026-01-01", "--end-date", "2026-01-30"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
        XCTAssertTrue(r.stdout.contains("30 succeeded, 0 failed"), r.stdout)
        XCTAssertEqual(try pg.psql("SELECT count(*), count(DISTINCT (ds, task_id)), min(ds), max(ds) FROM \(table)"), "90|90|2026-01-01|2026-01-30")
        let runs = try await store().runs(dagId: "audit", state: nil, limit: nil)
        XCTAssertEqual(runs.count, 30)
        XCTAssertTrue(runs.allSatisfy { $0.state == .success && $0.runType == .backfill })
        XCTAssertEqual(runs.last?.runId, "backfill__2026-01-01T00:00:00+00:00")

        // Running it again skips every finished date; --reprocess all runs them again.
        let again = try project.sluice(["dags", "backfill", "audit", "--start-date", "2026-01-01", "--end-date", "2026-01-30"], pg: pg)
        XCTAssertTrue(again.stderr.contains("0 to run, 30 skipped"), again.stderr)
        let dry = try project.sluice(["dags", "backfill", "audit", "--start-date", "2026-01-01", "--end-date", "2026-01-03", "--dry-run", "--json"], pg: pg)
        // The dry run says what the backfill would do with each date: these are finished, so skipped.
        let plan = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [[String: Any]], dry.stdout)
        XCTAssertEqual(plan.map { $0["logical_date"] as? String ?? "" }, ["2026-01-01T00:00:00+00:00", "2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00"])
        XCTAssertEqual(plan.map { $0["action"] as? String ?? "" }, ["skip", "skip", "skip"])
        XCTAssertEqual(plan.map { $0["state"] as? String ?? "" }, ["success", "success", "success"])
        let redo = try project.sluice(["dags", "backfill", "audit", "--start-date", "2026-01-30", "--end-date", "2026-01-31", "--dry-run", "--reprocess", "all"], pg: pg)
        XCTAssertEqual(redo.stdout.split(separator: "\n").map { String($0.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") }, ["rerun", "run"], redo.stdout)
    }

    func testAFailingStatementSucceedsOnItsThirdTry() async throws {
        let seq = table + "_tries"
        try pg.psql("CREATE SEQUENCE \(seq)")
        try project.write("dags/flaky.yaml", """
            dag_id: flaky
            schedule: null
            default_args: {connection: pg, retries: 2, retry_delay: 1s}
            tasks:
              - task_id: flaky
                sql: |
                  DO $$ BEGIN IF nextval('\(seq)') < 3 THEN RAISE EXCEPTION 'not yet: try %', currval('\(seq)'); END IF; END $$;
            """)
        let r = try project.sluice(["dags", "trigger", "flaky", "--local"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
        let s = try await store()
        let flakyRuns = try await s.runs(dagId: "flaky", state: nil, limit: 1)
        let run = try XCTUnwrap(flakyRuns.first)
        XCTAssertEqual(run.state, .success)
        let flakyTIs = try await s.taskInstances(dagId: "flaky", runId: run.runId)
        let ti = try XCTUnwrap(flakyTIs.first)
        XCTAssertEqual(ti.state, .success)
        XCTAssertEqual(ti.tryNumber, 3)
        let logs = try CLIRunner.run(["tasks", "logs", "flaky", run.runId, "flaky", "--try", "1"], in: project.root)
        XCTAssertTrue(logs.stdout.contains("not yet: try 1"), logs.stdout)
        XCTAssertTrue(logs.stdout.contains("will retry"), logs.stdout)
        let third = try CLIRunner.run(["tasks", "logs", "flaky", run.runId, "flaky"], in: project.root)
        XCTAssertTrue(third.stdout.contains("3.log"), third.stdout)
        XCTAssertTrue(third.stdout.contains("success"), third.stdout)
    }

    func testAStatementOverItsTimeoutIsCancelledOnTheServer() async throws {
        let marker = "sluice_timeout_" + table
        try project.write("dags/slow.yaml", """
            dag_id: slow
            schedule: null
            default_args: {connection: pg, retries: 0, execution_timeout: 1s}
            tasks:
              - task_id: sleepy
                sql: "SELECT pg_sleep(60) AS \(marker)"
            """)
        let started = Date()
        let r = try project.sluice(["dags", "trigger", "slow", "--local"], pg: pg)
        XCTAssertEqual(r.status, 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        let s = try await store()
        let slowRuns = try await s.runs(dagId: "slow", state: nil, limit: 1)
        let run = try XCTUnwrap(slowRuns.first)
        let slowTIs = try await s.taskInstances(dagId: "slow", runId: run.runId)
        let ti = try XCTUnwrap(slowTIs.first)
        XCTAssertEqual(ti.state, .failed)
        XCTAssertTrue((ti.error ?? "").lowercased().contains("timeout") || (ti.error ?? "").contains("execution_timeout"), ti.error ?? "")
        let stillRunning = try pg.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(marker)%' AND query NOT LIKE '%pg_stat_activity%' AND state = 'active'")
        XCTAssertEqual(stillRunning, "0")
    }

    func testAFailedTaskMarksItsDownstreamUpstreamFailedAndTheRunFailed() async throws {
        try project.write("dags/chain.yaml", """
            dag_id: chain
            schedule: null
            default_args: {connection: pg, retries: 0}
            tasks:
              - {task_id: a, sql: "SELECT 1/0"}
              - {task_id: b, sql: "SELECT 1", depends_on: a}
              - {task_id: c, sql: "SELECT 1", depends_on: b}
              - {task_id: independent, sql: "SELECT 1"}
            """)
        let r = try project.sluice(["dags", "trigger", "chain", "--local"], pg: pg)
        XCTAssertEqual(r.status, 1)
        let s = try await store()
        let chainRuns = try await s.runs(dagId: "chain", state: nil, limit: 1)
        let run = try XCTUnwrap(chainRuns.first)
        XCTAssertEqual(run.state, .failed)
        let chainTIs = try await s.taskInstances(dagId: "chain", runId: run.runId)
        let states = Dictionary(uniqueKeysWithValues: chainTIs.map { ($0.taskId, $0.state) })
        XCTAssertEqual(states, ["a": .failed, "b": .upstreamFailed, "c": .upstreamFailed, "independent": .success])
        let ti = try await s.taskInstances(dagId: "chain", runId: run.runId).first { $0.taskId == "a" }
        XCTAssertTrue(ti?.error?.contains("22012") ?? false, ti?.error ?? "")  // division_by_zero
    }

    func testABackfillKilledMidwayAndRunAgainCompletesEveryTaskExactlyOnce() async throws {
        try project.write("dags/crash.yaml", auditDag(id: "crash", tasks: 3, sleep: 0.15))
        let args = ["dags", "backfill", "crash", "--start-date", "2026-02-01", "--end-date", "2026-02-20"]
        let (process, _, _) = try project.start(args, pg: pg)
        XCTAssertTrue(try eventually { Int(try pg.psql("SELECT count(*) FROM \(table)")) ?? 0 >= 10 })
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        let partial = Int(try pg.psql("SELECT count(*) FROM \(table)")) ?? 0
        XCTAssertLessThan(partial, 60, "the backfill was killed before it finished")

        let r = try project.sluice(args, pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
        let s = try await store()
        let runs = try await s.runs(dagId: "crash", state: nil, limit: nil)
        XCTAssertEqual(runs.count, 20)
        for run in runs {
            XCTAssertEqual(run.state, .success, run.runId)
            for ti in try await s.taskInstances(dagId: "crash", runId: run.runId) {
                XCTAssertEqual(ti.state, .success, "\(run.runId) \(ti.taskId)")
            }
        }
        let active = try await s.activeTaskInstances()
        XCTAssertTrue(active.isEmpty)
        XCTAssertEqual(try pg.psql("SELECT count(*), count(DISTINCT (ds, task_id)) FROM \(table)"), "60|60")
    }

    func testASecondSchedulerOnTheSameHomeRefusesToStartAndTheFirstStopsOnSIGTERM() throws {
        try project.write("dags/idle.yaml", "dag_id: idle\nschedule: null\ntasks:\n  - task_id: t\n")
        let (first, out, _) = try project.start(["scheduler"], pg: pg)
        let buffer = OutputBuffer(out)
        XCTAssertTrue(eventually { buffer.text.contains("scheduler started") }, buffer.text)
        let second = try project.sluice(["scheduler"], pg: pg)
        XCTAssertNotEqual(second.status, 0)
        XCTAssertTrue(second.stderr.contains("another Sluice scheduler"), second.stderr)
        XCTAssertTrue(second.stderr.contains("pid \(first.processIdentifier)"), second.stderr)
        XCTAssertEqual(second.stderr.split(separator: "\n").count, 1, second.stderr)
        kill(first.processIdentifier, SIGTERM)
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        XCTAssertTrue(eventually { buffer.text.contains("scheduler stopped") }, buffer.text)
    }

    func testSIGTERMDrainsCancelsTheRunningStatementAndTheTaskRunsAgainOnRestart() async throws {
        let marker = "sluice_drain_" + table
        try project.write("dags/long.yaml", """
            dag_id: long
            schedule: null
            default_args: {connection: pg, retries: 0}
            tasks:
              - task_id: sleepy
                sql: "SELECT pg_sleep(60) AS \(marker)"
            """)
        let (scheduler, out, _) = try project.start(["scheduler", "--grace", "1"], pg: pg)
        let buffer = OutputBuffer(out)
        XCTAssertTrue(eventually { buffer.text.contains("scheduler started") }, buffer.text)
        XCTAssertEqual(try project.sluice(["dags", "trigger", "long"], pg: pg).status, 0)
        let activeQuery = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(marker)%' AND query NOT LIKE '%pg_stat_activity%' AND state = 'active'"
        XCTAssertTrue(try eventually { try pg.psql(activeQuery) == "1" }, buffer.text)
        let stopAsked = Date()
        kill(scheduler.processIdentifier, SIGTERM)
        scheduler.waitUntilExit()
        XCTAssertEqual(scheduler.terminationStatus, 0)
        XCTAssertLessThan(Date().timeIntervalSince(stopAsked), 20, "drained after the grace period, not after the statement")
        XCTAssertTrue(try eventually(timeout: 5) { try pg.psql(activeQuery) == "0" }, "the statement was cancelled on the server")
        let s = try await store()
        let longRuns = try await s.runs(dagId: "long", state: nil, limit: 1)
        let run = try XCTUnwrap(longRuns.first)
        XCTAssertEqual(run.state, .running, "the run stays open for the next start")
        let tis = try await s.taskInstances(dagId: "long", runId: run.runId)
        XCTAssertEqual(tis.first?.state, .scheduled, "interrupted, to run again: \(String(describing: tis.first))")
        XCTAssertTrue(tis.first?.error?.contains("interrupted by shutdown") ?? false)
    }

    func testDagsTestPrintsEachTaskLogAndStoresNothing() throws {
        try project.write("dags/audit.yaml", auditDag(id: "audit", tasks: 2))
        let r = try project.sluice(["dags", "test", "audit", "2026-03-01"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
        XCTAssertTrue(r.stderr.contains("[write_1]") && r.stderr.contains("INSERT INTO \(table) VALUES ('2026-03-01', 'write_1')"), r.stderr)
        XCTAssertTrue(r.stdout.contains("write_2: success"), r.stdout)
        XCTAssertEqual(try pg.psql("SELECT count(*) FROM \(table) WHERE ds = '2026-03-01'"), "2")
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.home.path), "dags test keeps no state")
    }

    func testClearingFailedTasksQueuesTheirRunAgain() async throws {
        try project.write("dags/chain.yaml", """
            dag_id: chain
            schedule: "@daily"
            start_date: 2026-01-01
            default_args: {connection: pg, retries: 0}
            tasks:
              - {task_id: a, sql: "SELECT 1/0"}
              - {task_id: b, sql: "SELECT 1", depends_on: a}
              - {task_id: ok, sql: "SELECT 1"}
            """)
        XCTAssertEqual(try project.sluice(["dags", "backfill", "chain", "--start-date", "2026-01-01", "--end-date", "2026-01-02"], pg: pg).status, 1)
        let cleared = try project.sluice(["tasks", "clear", "chain", "--start-date", "2026-01-02", "--end-date", "2026-01-02", "--only-failed", "--yes"], pg: pg)
        XCTAssertEqual(cleared.status, 0, cleared.stderr)
        XCTAssertTrue(cleared.stdout.contains("cleared 2 task instances"), cleared.stdout)
        let s = try await store()
        let run = try await s.run(dagId: "chain", runId: "backfill__2026-01-02T00:00:00+00:00")
        XCTAssertEqual(run?.state, .queued)
        let states = Dictionary(uniqueKeysWithValues: try await s.taskInstances(dagId: "chain", runId: "backfill__2026-01-02T00:00:00+00:00").map { ($0.taskId, $0.state) })
        XCTAssertEqual(states, ["a": .none, "b": .none, "ok": .success])
        let untouched = try await s.run(dagId: "chain", runId: "backfill__2026-01-01T00:00:00+00:00")
        XCTAssertEqual(untouched?.state, .failed)
    }

    func testTheSchedulerLoadsANewDagFileWithoutRestartAndSkipsPausedDags() async throws {
        try project.write("dags/first.yaml", "dag_id: first\nschedule: null\ntasks:\n  - task_id: t\n")
        let (_, buffer) = try startScheduler()
        XCTAssertTrue(eventually { buffer.text.contains("loaded 1 DAG") }, buffer.text)
        try project.write("dags/second.yaml", """
            dag_id: second
            schedule: null
            default_args: {connection: pg}
            tasks:
              - task_id: write
                sql: "INSERT INTO \(table) VALUES ('{{ ds }}', 'second')"
            """)
        let trigger = try project.sluice(["dags", "trigger", "second", "--wait"], pg: pg)
        XCTAssertEqual(trigger.status, 0, trigger.stderr + buffer.text)
        XCTAssertTrue(buffer.text.contains("DAG folder changed: 2 DAGs loaded"), buffer.text)
        XCTAssertEqual(try pg.psql("SELECT count(*) FROM \(table) WHERE task_id = 'second'"), "1")

        XCTAssertEqual(try project.sluice(["dags", "pause", "second"], pg: pg).status, 0)
        let refused = try project.sluice(["dags", "trigger", "second", "--logical-date", "2020-05-05"], pg: pg)
        XCTAssertEqual(refused.status, 1, "a paused DAG's trigger is refused")
        XCTAssertTrue(refused.stderr.contains("is paused"), refused.stderr)
        // A run queued before the pause (written straight into the store here).
        let s = try await store()
        let day = try XCTUnwrap(DateText.parse("2020-05-05", in: TimeZone(secondsFromGMT: 0)!))
        try await s.createRun(DagRun(dagId: "second", runType: .manual, logicalDate: day, dataIntervalStart: day, dataIntervalEnd: day),
                              taskIds: ["write"], maxTries: [:])
        // A run of another DAG queued after it and finished: the scheduler has passed the paused run by.
        let other = try project.sluice(["dags", "trigger", "first", "--wait"], pg: pg)
        XCTAssertEqual(other.status, 0, other.stderr + buffer.text)
        let pausedRun = try await s.run(dagId: "second", runId: "manual__2020-05-05T00:00:00+00:00")
        XCTAssertEqual(pausedRun?.state, .queued)
        XCTAssertEqual(try project.sluice(["dags", "unpause", "second"], pg: pg).status, 0)
        XCTAssertTrue(try eventually { try pg.psql("SELECT count(*) FROM \(table) WHERE task_id = 'second'") == "2" }, buffer.text)
    }

    func testTriggerWaitShowsALongExportsRowsPerSecondWhileTheSchedulerRunsIt() throws {
        try project.write("dags/slow_export.yaml", """
            dag_id: slow_export
            schedule: null
            default_args: {connection: pg, retries: 0}
            tasks:
              - task_id: export_series
                type: export
                query: "SELECT g AS n, pg_sleep(0.001) IS NULL AS slept FROM generate_series(1, 5000) AS g"
                format: csv
                destination: lake
                path: "series/day={{ ds }}"
            """)
        let lake = project.root.appendingPathComponent("lake")
        let env = ["SLUICE_DEST_LAKE": "file://" + lake.path]
        let (_, buffer) = try startScheduler(env)
        XCTAssertTrue(eventually { buffer.text.contains("scheduler started") }, buffer.text)
        let r = try project.sluice(["dags", "trigger", "slow_export", "--wait"], pg: pg, env: env)
        XCTAssertEqual(r.status, 0, r.stderr + r.stdout + buffer.text)
        XCTAssertTrue(r.stderr.contains("export_series (") && r.stderr.contains("rows/s"), r.stderr)
        let published = try FileManager.default.subpathsOfDirectory(atPath: lake.path)
        XCTAssertTrue(published.contains { $0.hasSuffix("_SUCCESS") }, "\(published)")
    }

    func testTheSchedulerRunsDueRunsAndPicksUpAManualTrigger() async throws {
        let yesterday = DateText.iso(Date().addingTimeInterval(-3 * 86400)).prefix(10)
        try project.write("dags/daily.yaml", """
            dag_id: daily
            schedule: "@daily"
            start_date: \(yesterday)
            catchup: true
            default_args: {connection: pg}
            tasks:
              - task_id: write
                sql: "INSERT INTO \(table) VALUES ('{{ ds }}', '{{ run_id }}') ON CONFLICT DO NOTHING"
            """)
        try project.write("dags/manual.yaml", """
            dag_id: manual
            schedule: null
            params: {who: nobody}
            default_args: {connection: pg}
            tasks:
              - task_id: write
                sql: "INSERT INTO \(table) VALUES ('1999-01-01', '{{ params.who }}')"
            """)
        let (_, buffer) = try startScheduler()
        // catchup: the three complete days since start_date run without anyone asking.
        XCTAssertTrue(try eventually { try pg.psql("SELECT count(*) FROM \(table) WHERE task_id LIKE 'scheduled__%'") == "3" }, buffer.text)
        let trigger = try project.sluice(["dags", "trigger", "manual", "--param", "who=alice", "--wait"], pg: pg)
        XCTAssertEqual(trigger.status, 0, trigger.stderr + trigger.stdout)
        XCTAssertTrue(trigger.stdout.contains("success"), trigger.stdout)
        XCTAssertEqual(try pg.psql("SELECT task_id FROM \(table) WHERE ds = '1999-01-01'"), "alice")
        let refused = try project.sluice(["dags", "trigger", "manual", "--logical-date", "2020-01-01"], pg: pg)
        XCTAssertEqual(refused.status, 0)
        let duplicate = try project.sluice(["dags", "trigger", "manual", "--logical-date", "2020-01-01"], pg: pg)
        XCTAssertNotEqual(duplicate.status, 0)
        XCTAssertTrue(duplicate.stderr.contains("--replace"), duplicate.stderr)
        let list = try project.sluice(["runs", "list", "--json"], pg: pg)
        let runs = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        XCTAssertTrue(runs.contains { ($0["run_type"] as? String) == "scheduled" && ($0["state"] as? String) == "success" })
        for run in runs { XCTAssertEqual(Set(run.keys).isSuperset(of: ["dag_id", "run_id", "run_type", "logical_date", "state"]), true) }
    }

    func testSecretsNeverReachLogsTheStoreOrTheTerminal() async throws {
        let password = "pw-\(UUID().uuidString.prefix(12))"
        let token = "tok-\(UUID().uuidString.prefix(12))"
        let role = "app_" + table
        try pg.psql("CREATE ROLE \(role) LOGIN PASSWORD '\(password)'; GRANT ALL ON \(table) TO \(role)")
        let port = URLComponents(string: pg.uri)?.port ?? 5432
        let uri = "postgresql://\(role):\(password)@127.0.0.1:\(port)/postgres"
        try project.write("dags/secret.yaml", """
            dag_id: secret
            schedule: null
            default_args: {connection: app, retries: 0}
            params: {db_password: "{{ env.API_TOKEN }}"}
            tasks:
              - task_id: ok
                sql: "INSERT INTO \(table) VALUES ('2001-01-01', '{{ params.db_password }}')"
              - task_id: fails
                sql: "SELECT '{{ env.API_TOKEN }}'::int"
            """)
        let env = ["SLUICE_CONN_APP": uri, "API_TOKEN": token]
        let r = try project.sluice(["dags", "trigger", "secret", "--local"], pg: pg, env: env)
        XCTAssertEqual(r.status, 1, "the second task fails on purpose")
        XCTAssertEqual(try pg.psql("SELECT task_id FROM \(table) WHERE ds = '2001-01-01'"), token, "the real value reached the database")
        let s = try await store()
        let secretRuns = try await s.runs(dagId: "secret", state: nil, limit: 1)
        let run = try XCTUnwrap(secretRuns.first)
        let show = try project.sluice(["runs", "show", run.runId], pg: pg, env: env)
        let render = try project.sluice(["tasks", "render", "secret", "fails", "2026-01-01"], pg: pg, env: env)
        XCTAssertTrue(render.stdout.contains("'***'::int"), render.stdout)
        let fails = try await s.taskInstances(dagId: "secret", runId: run.runId).first { $0.taskId == "fails" }
        XCTAssertTrue(fails?.error?.contains("***") ?? false, fails?.error ?? "")
        // grep every file Sluice wrote (logs, the SQLite database and its WAL) and every output.
        var haystack = r.stdout + r.stderr + show.stdout + show.stderr + render.stdout + render.stderr
        let walker = FileManager.default.enumerator(at: project.home, includingPropertiesForKeys: nil)
        var files = 0
        while let url = walker?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: url.path) {
                haystack += String(decoding: data, as: UTF8.self)
                files += 1
            }
        }
        // A PostgreSQL store is read whole too (every row of every table).
        if let dump = try project.storeDump() {
            haystack += dump
            files += 1
        }
        XCTAssertGreaterThan(files, project.metadataURL == nil ? 3 : 2)  // SQLite: the database, its WAL and index

        XCTAssertTrue(haystack.contains("***"))
        XCTAssertFalse(haystack.contains(password), "the connection password leaked")
        XCTAssertFalse(haystack.contains(token), "the secret env value leaked")
    }
}

/// Collects a pipe's output in the background.
final class OutputBuffer: Sendable {
    private let data = Mutex(Data())

    init(_ pipe: Pipe) {
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            guard let self, !chunk.isEmpty else { return }
            self.data.withLock { $0.append(chunk) }
        }
    }

    var text: String {
        data.withLock { String(decoding: $0, as: UTF8.self) }
    }
}
