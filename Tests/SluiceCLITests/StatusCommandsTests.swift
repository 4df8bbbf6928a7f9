import Foundation
import SluiceCore
import SluiceStore
import XCTest

/// The whole at a glance and honest waiting, through the built binary: `status`, `dags list`,
/// `runs list` filters, `runs show` by logical date, triggering paused DAGs, `--wait` without a scheduler.
final class StatusCommandsTests: CLIProjectTestCase {
    /// A daily DAG started `daysAgo` days ago (catchup off) whose one task runs `sql`.
    private func writeDag(_ id: String, sql: String, daysAgo: Int = 5) throws {
        let start = DateText.iso(Date().addingTimeInterval(-Double(daysAgo) * 86_400)).prefix(10)
        try project.write("dags/\(id).yaml", """
            dag_id: \(id)
            schedule: "@daily"
            start_date: \(start)
            catchup: false
            default_args: {connection: pg, retries: 0}
            tasks:
              - task_id: t
                sql: "\(sql)"
            """)
    }

    private func json(_ result: CLIRunner.Result) throws -> Any {
        XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// The logical date in the scheduler's last `next run of DAG: ...` line.
    private func loggedNextRun(_ log: String, dag: String) -> String? {
        let prefix = "next run of \(dag): "
        guard let line = log.split(separator: "\n").last(where: { $0.contains(prefix) }),
              let range = line.range(of: prefix) else { return nil }
        return line[range.upperBound...].split(separator: " ").first.map(String.init)
    }

    func testStatusAfterAFailedAndASuccessfulRunShowsBothAndTheNextRunTheSchedulerLogs() async throws {
        try writeDag("good", sql: "SELECT 1")
        try writeDag("bad", sql: "SELECT 1/0")
        try project.write("dags/broken.yaml", "dag_id: broken\nschedule: null\ntasks:\n  - task_id: t\n    type: nope\n")
        let (_, log) = try startScheduler()
        let s = try await store()
        let deadline = Date().addingTimeInterval(60)
        var finished: [DagRun] = []
        while Date() < deadline {
            finished = try await s.runs(matching: RunFilter(states: [.success, .failed]))
            if finished.count == 2 { break }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        XCTAssertEqual(finished.count, 2, log.text)
        XCTAssertTrue(eventually { self.loggedNextRun(log.text, dag: "good") != nil && self.loggedNextRun(log.text, dag: "bad") != nil }, log.text)

        let status = try XCTUnwrap(try json(project.sluice(["status", "--json"], pg: pg)) as? [String: Any])
        let dags = try XCTUnwrap(status["dags"] as? [[String: Any]])
        let byId = Dictionary(uniqueKeysWithValues: dags.compactMap { d in (d["dag_id"] as? String).map { ($0, d) } })
        XCTAssertEqual(Set(byId.keys), ["good", "bad"])
        XCTAssertEqual((byId["good"]?["last_run"] as? [String: Any])?["state"] as? String, "success")
        XCTAssertEqual((byId["bad"]?["last_run"] as? [String: Any])?["state"] as? String, "failed")
        XCTAssertEqual(byId["bad"]?["failed_runs_last_7_days"] as? Int, 1)
        XCTAssertEqual(byId["good"]?["failed_runs_last_7_days"] as? Int, 0)
        XCTAssertEqual(byId["good"]?["is_paused"] as? Bool, false)
        let yesterday = DateText.iso(Date().addingTimeInterval(-86_400)).prefix(10)
        XCTAssertTrue(((byId["good"]?["last_run"] as? [String: Any])?["logical_date"] as? String ?? "").hasPrefix(yesterday))
        for id in ["good", "bad"] {
            let next = (byId[id]?["next_run"] as? [String: Any])?["logical_date"] as? String
            XCTAssertNotNil(next)
            XCTAssertEqual(next, loggedNextRun(log.text, dag: id), "\(id): status and the scheduler agree\n\(log.text)")
        }
        XCTAssertEqual((status["scheduler"] as? [String: Any])?["running"] as? Bool, true)
        let problems = try XCTUnwrap(status["problems"] as? [[String: Any]])
        XCTAssertEqual(problems.first?["file"] as? String, "dags/broken.yaml")
        XCTAssertEqual(problems.first?["line"] as? Int, 5)

        let text = try project.sluice(["status"], pg: pg)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("scheduler: running"), text.stdout)
        XCTAssertTrue(text.stdout.contains("dags/broken.yaml:5:"), text.stdout)
        let badRow = try XCTUnwrap(text.stdout.split(separator: "\n").first { $0.hasPrefix("bad ") })
        XCTAssertTrue(badRow.contains("failed") && badRow.contains(loggedNextRun(log.text, dag: "bad") ?? "?"), String(badRow))

        // dags list shows the same columns.
        let list = try XCTUnwrap(try json(project.sluice(["dags", "list", "--json"], pg: pg)) as? [[String: Any]])
        let good = try XCTUnwrap(list.first { $0["dag_id"] as? String == "good" })
        XCTAssertEqual((good["next_run"] as? [String: Any])?["logical_date"] as? String, loggedNextRun(log.text, dag: "good"))
        XCTAssertEqual((good["last_run"] as? [String: Any])?["state"] as? String, "success")
        let table = try project.sluice(["dags", "list"], pg: pg)
        XCTAssertTrue(table.stdout.contains("paused") && table.stdout.contains("failed 7d"), table.stdout)
    }

    func testRunsListFiltersByStateTypeAndDateAndRunsShowTakesALogicalDate() throws {
        try writeDag("good", sql: "SELECT 1")
        try writeDag("bad", sql: "SELECT 1/0")
        XCTAssertEqual(try project.sluice(["dags", "trigger", "bad", "--local", "--logical-date", "2026-01-01"], pg: pg).status, 1)
        XCTAssertEqual(try project.sluice(["dags", "trigger", "good", "--local", "--logical-date", "2026-01-02"], pg: pg).status, 0)
        XCTAssertEqual(try project.sluice(["dags", "backfill", "good", "--start-date", "2026-01-03", "--end-date", "2026-01-04"], pg: pg).status, 0)

        let failed = try XCTUnwrap(try json(project.sluice(["runs", "list", "--state", "failed", "--json"], pg: pg)) as? [[String: Any]])
        XCTAssertEqual(failed.count, 1)
        XCTAssertEqual(failed.first?["dag_id"] as? String, "bad")
        XCTAssertEqual(failed.first?["logical_date"] as? String, "2026-01-01T00:00:00+00:00")
        XCTAssertNotNil(failed.first?["ended_at"] as? String)
        XCTAssertNotNil(failed.first?["duration_seconds"] as? Double)

        let backfills = try XCTUnwrap(try json(project.sluice(["runs", "list", "--type", "backfill", "--json"], pg: pg)) as? [[String: Any]])
        XCTAssertEqual(backfills.compactMap { $0["logical_date"] as? String }, ["2026-01-04T00:00:00+00:00", "2026-01-03T00:00:00+00:00"])
        let range = try XCTUnwrap(try json(project.sluice(["runs", "list", "--start-date", "2026-01-02", "--end-date", "2026-01-03", "--json"], pg: pg)) as? [[String: Any]])
        XCTAssertEqual(range.compactMap { $0["run_id"] as? String }, ["backfill__2026-01-03T00:00:00+00:00", "manual__2026-01-02T00:00:00+00:00"])
        let badState = try project.sluice(["runs", "list", "--state", "faild"], pg: pg)
        XCTAssertNotEqual(badState.status, 0)
        XCTAssertTrue(badState.stderr.contains("did you mean 'failed'"), badState.stderr)

        let table = try project.sluice(["runs", "list"], pg: pg)
        let header = try XCTUnwrap(table.stdout.split(separator: "\n").first)
        for column in ["logical date", "started", "ended", "duration", "type"] { XCTAssertTrue(header.contains(column), String(header)) }

        let show = try XCTUnwrap(try json(project.sluice(["runs", "show", "2026-01-01", "--json"], pg: pg)) as? [String: Any])
        XCTAssertEqual(show["run_id"] as? String, "manual__2026-01-01T00:00:00+00:00")
        XCTAssertEqual(show["state"] as? String, "failed")
        let tis = try XCTUnwrap(show["task_instances"] as? [[String: Any]])
        XCTAssertEqual(tis.first?["state"] as? String, "failed")
        XCTAssertTrue((tis.first?["error"] as? String ?? "").contains("22012"), "\(tis)")
        let byId = try XCTUnwrap(try json(project.sluice(["runs", "show", "manual__2026-01-02T00:00:00+00:00", "--json"], pg: pg)) as? [String: Any])
        XCTAssertEqual(byId["dag_id"] as? String, "good")
        let missing = try project.sluice(["runs", "show", "2025-12-31"], pg: pg)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no run has the run id or logical date '2025-12-31'"), missing.stderr)
        let logs = try project.sluice(["tasks", "logs", "bad", "2026-01-01", "t"], pg: pg)
        XCTAssertEqual(logs.status, 0, logs.stderr)
        XCTAssertTrue(logs.stdout.contains("22012"), logs.stdout)
    }

    func testTriggeringAPausedDagFailsSayingSoAndUnpauseTriggersIt() async throws {
        try writeDag("good", sql: "SELECT 1")
        XCTAssertEqual(try project.sluice(["dags", "pause", "good"], pg: pg).status, 0)
        let refused = try project.sluice(["dags", "trigger", "good"], pg: pg)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("is paused") && refused.stderr.contains("--unpause"), refused.stderr)
        let s = try await store()
        let none = try await s.runs(matching: RunFilter(dagId: "good"))
        XCTAssertEqual(none.count, 0, "a refused trigger creates no run")

        let status = try XCTUnwrap(try json(project.sluice(["status", "--json"], pg: pg)) as? [String: Any])
        XCTAssertEqual((status["dags"] as? [[String: Any]])?.first?["is_paused"] as? Bool, true)

        let unpaused = try project.sluice(["dags", "trigger", "good", "--unpause"], pg: pg)
        XCTAssertEqual(unpaused.status, 0, unpaused.stderr)
        XCTAssertTrue(unpaused.stdout.contains("good: unpaused"), unpaused.stdout)
        XCTAssertTrue(unpaused.stdout.contains("no scheduler is running"), unpaused.stdout)
        let paused = try await s.isPaused(dagId: "good")
        XCTAssertFalse(paused)
        let queued = try await s.runs(matching: RunFilter(dagId: "good", states: [.queued], types: [.manual]))
        XCTAssertEqual(queued.count, 1)
    }

    func testNextRunsListsFromNowUnlessFromStartOrADate() throws {
        try writeDag("good", sql: "SELECT 1", daysAgo: 30)
        let now = Date()
        let upcoming = try XCTUnwrap(try json(project.sluice(["dags", "next-runs", "good", "--count", "2", "--json"], pg: pg)) as? [[String: String]])
        XCTAssertEqual(upcoming.count, 2)
        let firstDue = try XCTUnwrap(upcoming.first?["run_after"].flatMap { DateText.parse($0, in: TimeZone(secondsFromGMT: 0)!) })
        XCTAssertGreaterThan(firstDue, now)
        XCTAssertLessThanOrEqual(firstDue.timeIntervalSince(now), 86_400, "the very next run, not one later")
        let start = DateText.iso(now.addingTimeInterval(-30 * 86_400)).prefix(10)
        let fromStart = try XCTUnwrap(try json(project.sluice(["dags", "next-runs", "good", "--from", "start", "--count", "1", "--json"], pg: pg)) as? [[String: String]])
        XCTAssertEqual(fromStart.first?["logical_date"], "\(start)T00:00:00+00:00")
        let fromDate = try XCTUnwrap(try json(project.sluice(["dags", "next-runs", "good", "--from", "2026-03-01", "--count", "1", "--json"], pg: pg)) as? [[String: String]])
        XCTAssertEqual(fromDate.first?["logical_date"], "2026-03-01T00:00:00+00:00")
    }

    func testWaitWithoutASchedulerFailsAtOnceSuggestingLocal() async throws {
        try writeDag("good", sql: "SELECT 1")
        let started = Date()
        let r = try project.sluice(["dags", "trigger", "good", "--wait"], pg: pg)
        XCTAssertEqual(r.status, 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
        XCTAssertTrue(r.stderr.contains("no scheduler is running") && r.stderr.contains("--local"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        let runs = try await store().runs(matching: RunFilter(dagId: "good"))
        XCTAssertEqual(runs.count, 0)
    }

    func testWaitStopsWithTheReasonWhenTheSchedulerStopsMidRun() throws {
        try writeDag("slow", sql: "SELECT pg_sleep(30)")
        let (scheduler, log) = try startScheduler()
        XCTAssertTrue(eventually { log.text.contains("scheduler started") }, log.text)
        let (waiter, out, err) = try project.start(["dags", "trigger", "slow", "--logical-date", "2020-01-01", "--wait"], pg: pg)
        let stdout = OutputBuffer(out), stderr = OutputBuffer(err)
        XCTAssertTrue(eventually { log.text.contains("start slow manual__2020-01-01") }, log.text)
        kill(scheduler.processIdentifier, SIGKILL)
        scheduler.waitUntilExit()
        XCTAssertTrue(eventually(timeout: 15) { !waiter.isRunning }, stderr.text)
        waiter.waitUntilExit()
        XCTAssertEqual(waiter.terminationStatus, 1, stdout.text + stderr.text)
        XCTAssertTrue(stderr.text.contains("stopped while waiting") && stderr.text.contains("manual__2020-01-01"), stderr.text)
    }
}
