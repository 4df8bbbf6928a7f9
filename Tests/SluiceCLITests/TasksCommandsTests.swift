import Foundation
import SluiceCore
import SluiceStore
import XCTest

/// `sluice tasks clear|test|states|render` against a real PostgreSQL, through the built binary: what a
/// clear selects is what runs again (checked in the store and by the rows the tasks write), under a
/// running scheduler, whatever the run's type.
final class TasksCommandsTests: CLIProjectTestCase {
    private var table = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "tasks_" + UUID().uuidString.prefix(8).lowercased()
        // No key: every execution of a task leaves a row, so a task run twice shows.
        try pg.psql("CREATE TABLE \(table) (ds date NOT NULL, task_id text NOT NULL)")
    }

    /// a -> b -> c, and d on its own; each task writes one row per execution.
    private func writeChain(_ id: String = "chain", schedule: String = "null") throws {
        let insert = { (task: String) in "INSERT INTO \(self.table) VALUES ('{{ ds }}', '\(task)')" }
        try project.write("dags/\(id).yaml", """
            dag_id: \(id)
            schedule: \(schedule)
            start_date: 2026-01-01
            catchup: false
            default_args: {connection: pg, retries: 0}
            tasks:
              - {task_id: a, sql: "\(insert("a"))"}
              - {task_id: b, sql: "\(insert("b"))", depends_on: a}
              - {task_id: c, sql: "\(insert("c"))", depends_on: b}
              - {task_id: d, sql: "\(insert("d"))"}
              - {task_id: nothing}
            """)
    }

    /// "task:executions" for one date, from the table.
    private func executions(_ ds: String) throws -> String {
        try pg.psql("SELECT string_agg(task_id || ':' || n, ',' ORDER BY task_id) FROM (SELECT task_id, count(*) AS n FROM \(table) WHERE ds = '\(ds)' GROUP BY task_id) s")
    }

    /// "task:state:try" of a run, from the store.
    private func instances(_ dagId: String, _ runId: String) async throws -> String {
        try await store().taskInstances(dagId: dagId, runId: runId).map { "\($0.taskId):\($0.state.rawValue):\($0.tryNumber)" }.joined(separator: ",")
    }

    private func waitForRun(_ dagId: String, _ runId: String, state: RunState, tries: String, timeout: TimeInterval = 60) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let run = try await store().run(dagId: dagId, runId: runId)
            if run?.state == state, try await instances(dagId, runId) == tries { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    private func runLocally(_ dagId: String, _ date: String) throws {
        let r = try project.sluice(["dags", "trigger", dagId, "--logical-date", date, "--local"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
    }

    private let manual5 = "manual__2026-01-05T00:00:00+00:00"

    func testClearingOneTaskWithDownstreamRerunsExactlyThoseTaskInstancesUnderTheScheduler() async throws {
        try writeChain()
        try runLocally("chain", "2026-01-05")
        XCTAssertEqual(try executions("2026-01-05"), "a:1,b:1,c:1,d:1")

        let cleared = try project.sluice(["tasks", "clear", "chain", "-t", "^b$", "--downstream", "--run", "2026-01-05", "--yes"], pg: pg)
        XCTAssertEqual(cleared.status, 0, cleared.stderr + cleared.stdout)
        XCTAssertTrue(cleared.stdout.contains("cleared 2 task instances of chain in 1 run"), cleared.stdout)
        let listing = cleared.stdout.split(separator: "\n").filter { $0.hasPrefix(manual5) }.map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        XCTAssertEqual(listing, ["\(manual5) b success 1", "\(manual5) c success 1"], cleared.stdout)
        let afterClear = try await instances("chain", manual5)
        XCTAssertEqual(afterClear, "a:success:1,b:none:1,c:none:1,d:success:1,nothing:success:1")

        let (_, buffer) = try startScheduler()
        let done = try await waitForRun("chain", manual5, state: .success, tries: "a:success:1,b:success:2,c:success:2,d:success:1,nothing:success:1")
        let stored = try await instances("chain", manual5)
        XCTAssertTrue(done, stored + "\n" + buffer.text)
        XCTAssertEqual(try executions("2026-01-05"), "a:1,b:2,c:2,d:1", "b and c ran again, a and d did not")
        let logs = project.home.appendingPathComponent("logs/chain/\(manual5)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: logs.appendingPathComponent("b/2.log").path), "the second try logs to 2.log")
        XCTAssertFalse(FileManager.default.fileExists(atPath: logs.appendingPathComponent("a/2.log").path))
    }

    func testDryRunListsAndChangesNothingAndWithoutATerminalClearingNeedsYes() async throws {
        try writeChain()
        try runLocally("chain", "2026-01-05")
        let before = try await instances("chain", manual5)

        let dry = try project.sluice(["tasks", "clear", "chain", "-t", "^a$", "--downstream", "--dry-run"], pg: pg)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertEqual(dry.stdout.split(separator: "\n").filter { $0.hasPrefix(manual5) }.count, 3, "a, b and c listed: \(dry.stdout)")
        XCTAssertTrue(dry.stderr.contains("dry run: 3 task instances would be cleared"), dry.stderr)

        let refused = try project.sluice(["tasks", "clear", "chain", "-t", "^a$"], pg: pg)
        XCTAssertEqual(refused.status, 1, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("error: refusing to clear 1 task instance of chain without confirmation"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("pass --yes"), refused.stderr)

        let json = try project.sluice(["tasks", "clear", "chain", "--only-failed", "--dry-run", "--json"], pg: pg)
        XCTAssertEqual(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[]", "nothing failed")

        let after = try await instances("chain", manual5)
        XCTAssertEqual(after, before)
        let run = try await store().run(dagId: "chain", runId: manual5)
        XCTAssertEqual(run?.state, .success)
        XCTAssertEqual(try executions("2026-01-05"), "a:1,b:1,c:1,d:1")
    }

    /// Runs `sluice args` on a pseudo-terminal (stdin, stdout and stderr), typing `answer` at the first `[y/N]`.
    private func onTerminal(_ args: [String], answer: String) throws -> (status: Int32, output: String) {
        let script = """
            import os, pty, sys
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            out, answered = b"", False
            while True:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                out += data
                if not answered and b"[y/N]" in out:
                    os.write(fd, os.environ["ANSWER"].encode() + b"\\n")
                    answered = True
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(out.decode(errors="replace"))
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, CLIRunner.binary.path] + args
        process.currentDirectoryURL = project.root
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("SLUICE_") { env[key] = nil }
        env["SLUICE_CONN_PG"] = pg.uri
        if let url = project.metadataURL { env["SLUICE_METADATA_URL"] = url }
        env["ANSWER"] = answer
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testOnATerminalClearAsksAndOnlyYesClears() async throws {
        try writeChain()
        try runLocally("chain", "2026-01-05")
        let no = try onTerminal(["tasks", "clear", "chain", "-t", "^d$"], answer: "n")
        XCTAssertEqual(no.status, 0, no.output)
        XCTAssertTrue(no.output.contains("Clear 1 task instance? [y/N]"), no.output)
        XCTAssertTrue(no.output.contains("cancelled: nothing cleared"), no.output)
        let untouched = try await instances("chain", manual5)
        XCTAssertEqual(untouched, "a:success:1,b:success:1,c:success:1,d:success:1,nothing:success:1")

        let yes = try onTerminal(["tasks", "clear", "chain", "-t", "^d$"], answer: "y")
        XCTAssertEqual(yes.status, 0, yes.output)
        XCTAssertTrue(yes.output.contains("cleared 1 task instance of chain in 1 run"), yes.output)
        let cleared = try await instances("chain", manual5)
        XCTAssertEqual(cleared, "a:success:1,b:success:1,c:success:1,d:none:1,nothing:success:1")
        let run = try await store().run(dagId: "chain", runId: manual5)
        XCTAssertEqual(run?.state, .queued)
    }

    func testAnEmptySelectionSaysNothingToClear() throws {
        try writeChain()
        try runLocally("chain", "2026-01-05")
        for args in [["-t", "^zzz$"], ["--start-date", "2025-01-01", "--end-date", "2025-01-31"], ["--only-failed"]] {
            let r = try project.sluice(["tasks", "clear", "chain", "--yes"] + args, pg: pg)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.hasPrefix("nothing to clear"), "\(args): \(r.stdout)")
            XCTAssertFalse(r.stdout.contains("cleared"), r.stdout)
        }
        let unknown = try project.sluice(["tasks", "clear", "chain", "--run", "2025-01-01", "--yes"], pg: pg)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no run of DAG 'chain' has the run id or logical date '2025-01-01'"), unknown.stderr)
    }

    func testAClearedBackfillRunIsExecutedByARunningScheduler() async throws {
        try writeChain("daily", schedule: "\"@daily\"")
        let backfill = try project.sluice(["dags", "backfill", "daily", "--start-date", "2026-01-02", "--end-date", "2026-01-02"], pg: pg)
        XCTAssertEqual(backfill.status, 0, backfill.stderr + backfill.stdout)
        let runId = "backfill__2026-01-02T00:00:00+00:00"
        XCTAssertEqual(try executions("2026-01-02"), "a:1,b:1,c:1,d:1")

        let (_, buffer) = try startScheduler()
        XCTAssertTrue(eventually { buffer.text.contains("scheduler started") }, buffer.text)
        let cleared = try project.sluice(["tasks", "clear", "daily", "-t", "^d$", "--run", runId, "--yes"], pg: pg)
        XCTAssertEqual(cleared.status, 0, cleared.stderr + cleared.stdout)
        let done = try await waitForRun("daily", runId, state: .success, tries: "a:success:1,b:success:1,c:success:1,d:success:2,nothing:success:1")
        let stored = try await instances("daily", runId)
        XCTAssertTrue(done, stored + "\n" + buffer.text)
        XCTAssertEqual(try executions("2026-01-02"), "a:1,b:1,c:1,d:2")
        let run = try await store().run(dagId: "daily", runId: runId)
        XCTAssertEqual(run?.runType, .backfill)
    }

    func testTasksTestRunsOneTaskAndWritesNoState() throws {
        try writeChain()
        let r = try project.sluice(["tasks", "test", "chain", "c", "2026-01-07"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
        XCTAssertTrue(r.stdout.contains("c: success"), r.stdout)
        XCTAssertTrue(r.stderr.contains("[c] ") && r.stderr.contains("INSERT INTO \(table) VALUES ('2026-01-07', 'c')"), "the task's log: \(r.stderr)")
        XCTAssertEqual(try executions("2026-01-07"), "c:1", "only c ran, its upstream tasks did not")
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.home.path), "tasks test keeps no state")

        try project.write("dags/broken.yaml", """
            dag_id: broken
            schedule: null
            default_args: {connection: pg, retries: 3}
            tasks:
              - {task_id: fails, sql: "SELECT 1/0"}
            """)
        let failed = try project.sluice(["tasks", "test", "broken", "fails", "2026-01-07"], pg: pg)
        XCTAssertEqual(failed.status, 1, failed.stdout)
        XCTAssertTrue(failed.stdout.contains("fails: failed") && failed.stdout.contains("division by zero"), failed.stdout)
        let misspelt = try project.sluice(["tasks", "test", "chain", "cc", "2026-01-07"], pg: pg)
        XCTAssertEqual(misspelt.status, 1)
        XCTAssertTrue(misspelt.stderr.contains("did you mean 'c'?"), misspelt.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.home.path))
    }

    func testTasksStatesShowsEveryInstanceOfARunNamedByItsLogicalDate() async throws {
        try writeChain()
        try runLocally("chain", "2026-01-05")
        let r = try project.sluice(["tasks", "states", "chain", "2026-01-05"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "chain \(manual5): success (logical date 2026-01-05T00:00:00+00:00)")
        XCTAssertEqual(lines.dropFirst().first?.split(separator: " ").map(String.init), ["task", "state", "try", "started", "ended", "duration"])
        XCTAssertEqual(lines.dropFirst(2).map { $0.split(separator: " ").prefix(3).joined(separator: " ") },
                       ["a success 1", "b success 1", "c success 1", "d success 1", "nothing success 1"], "in the DAG's order")

        let json = try project.sluice(["tasks", "states", "chain", manual5, "--json"], pg: pg)
        XCTAssertEqual(json.status, 0, json.stderr)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(parsed.map { $0["task_id"] as? String }, ["a", "b", "c", "d", "nothing"])
        XCTAssertEqual(parsed.first?["try_number"] as? Int, 1)
        XCTAssertNotNil(parsed.first?["started_at"] as? String)
        XCTAssertNotNil(parsed.first?["duration_seconds"] as? Double)
    }

    func testTasksRenderOfAnExportShowsTheCopyTheDestinationAndEachAuditsSQL() throws {
        let lake = project.root.appendingPathComponent("lake").path
        try project.write("dags/lake.yaml", """
            dag_id: lake
            schedule: "@daily"
            start_date: 2026-01-01
            default_args: {connection: pg}
            tasks:
              - task_id: start
              - task_id: export
                type: export
                table: public.\(table)
                timestamp_column: ts
                mode: delta
                format: parquet
                destination: lake
                path: "\(table)/day={{ ds }}"
                audits:
                  - row_count_matches_source
                  - {not_null: [ds]}
                  - {unique: [ds, task_id]}
                  - {sql: "SELECT count(*) >= 0 FROM \(table) WHERE task_id <> '{{ env.MY_API_SECRET }}'"}
            """)
        let env = ["SLUICE_DEST_LAKE": "file://" + lake, "MY_API_SECRET": "hunter2-very-secret"]
        let r = try project.sluice(["tasks", "render", "lake", "export", "2026-01-05"], pg: pg, env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let select = "SELECT * FROM \"public\".\"\(table)\" WHERE \"ts\" >= '2026-01-05T00:00:00+00:00'::timestamptz AND \"ts\" < '2026-01-06T00:00:00+00:00'::timestamptz"
        XCTAssertTrue(r.stdout.contains("COPY (\(select)) TO STDOUT (FORMAT binary);"), r.stdout)
        XCTAssertTrue(r.stdout.contains("-- destination: file://\(lake)/\(table)/day=2026-01-05/"), r.stdout)
        XCTAssertTrue(r.stdout.contains("-- audit row_count_matches_source:\nSELECT count(*) FROM (\(select)) AS sluice_export;"), r.stdout)
        XCTAssertTrue(r.stdout.contains("GROUP BY \"ds\", \"task_id\" HAVING count(*) > 1"), r.stdout)
        XCTAssertTrue(r.stdout.contains("-- audit not_null(ds): counted from the rows written, no query"), r.stdout)
        XCTAssertTrue(r.stdout.contains("WHERE task_id <> '***'"), r.stdout)
        XCTAssertFalse(r.stdout.contains("hunter2"), "secrets are masked")
        XCTAssertTrue(r.stdout.hasSuffix(";\n"), "ends with a newline")
        XCTAssertFalse(FileManager.default.fileExists(atPath: lake), "render writes nothing")

        let empty = try project.sluice(["tasks", "render", "lake", "start", "2026-01-05"], pg: pg, env: env)
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertEqual(empty.stdout, "-- task 'start' (empty) has no SQL: nothing to render\n")
    }

    func testReplacingARunGivesItsFirstTryAFreshLog() async throws {
        try writeChain()
        try runLocally("chain", "2026-01-05")
        let logs = project.home.appendingPathComponent("logs/chain/\(manual5)/a")
        let first = try String(contentsOf: logs.appendingPathComponent("1.log"), encoding: .utf8)
        let r = try project.sluice(["dags", "trigger", "chain", "--logical-date", "2026-01-05", "--replace", "--local"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
        XCTAssertEqual(try String(contentsOf: logs.appendingPathComponent("1.log"), encoding: .utf8), first, "the replaced run's log is left as it was")
        let second = try String(contentsOf: logs.appendingPathComponent("2.log"), encoding: .utf8)
        XCTAssertTrue(second.contains("INSERT INTO \(table)"), second)
        let tries = try await instances("chain", manual5)
        XCTAssertEqual(tries, "a:success:2,b:success:2,c:success:2,d:success:2,nothing:success:2")
        let latest = try project.sluice(["tasks", "logs", "chain", manual5, "a"], pg: pg)
        XCTAssertTrue(latest.stdout.hasPrefix("# \(logs.appendingPathComponent("2.log").path)"), latest.stdout)
    }
}
