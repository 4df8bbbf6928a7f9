import Foundation
import SluiceCore
import SluiceStore
import SluiceTestSupport
import Synchronization
import XCTest

/// Several schedulers and a worker on one PostgreSQL metadata store, as on separate machines: each process
/// has its own SLUICE_HOME. Every task's SQL records its execution (run, task, try, backend pid, start, end) in
/// a table, so a task run twice, or two executions of one task instance overlapping in time, shows.
final class SharedStoreCLITests: CLIProjectTestCase {
    private var table = ""
    private var metadataURL = ""
    private var processes: [Process] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "rec_" + UUID().uuidString.prefix(8).lowercased()
        metadataURL = try ThrowawayPostgres.shared().createDatabase(prefix: "sluice_shared")
        try pg.psql("CREATE TABLE \(table) (run_id text NOT NULL, task_id text NOT NULL, try int NOT NULL, pid int NOT NULL, started timestamptz NOT NULL, ended timestamptz NOT NULL)")
        // One statement per task: the start and end times come from inside it.
        try pg.psql("""
            CREATE FUNCTION \(table)_rec(run text, task text, try int, seconds float) RETURNS void AS $$
            DECLARE t0 timestamptz := clock_timestamp();
            BEGIN
                PERFORM pg_sleep(seconds);
                INSERT INTO \(table) VALUES (run, task, try, pg_backend_pid(), t0, clock_timestamp());
            END $$ LANGUAGE plpgsql
            """)
    }

    override func tearDownWithError() throws {
        for process in processes where process.isRunning {
            kill(process.processIdentifier, SIGCONT)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? ThrowawayPostgres.shared().dropDatabase(uri: metadataURL)
        try super.tearDownWithError()
    }

    /// A DAG of `runs` daily runs (all due now) of five tasks, a chain a -> b -> c and two free ones.
    private func writeDag(runs: Int, seconds: Double, retries: Int) throws {
        let start = DateText.iso(Date().addingTimeInterval(-Double(runs + 1) * 86_400)).prefix(10)
        let end = DateText.iso(Date().addingTimeInterval(-2 * 86_400)).prefix(10)
        let call = "SELECT \(table)_rec('{{ run_id }}', '{{ task.task_id }}', {{ ti.try_number }}, \(seconds))"
        try project.write("dags/many.yaml", """
            dag_id: many
            schedule: "@daily"
            start_date: \(start)
            end_date: \(end)
            catchup: true
            max_active_runs: 40
            max_active_tasks: 64
            default_args: {connection: pg, retries: \(retries), retry_delay: 0s}
            tasks:
              - {task_id: a, sql: "\(call)"}
              - {task_id: b, sql: "\(call)", depends_on: [a]}
              - {task_id: c, sql: "\(call)", depends_on: [b]}
              - {task_id: d, sql: "\(call)"}
              - {task_id: e, sql: "\(call)"}
            """)
    }

    /// Starts `sluice scheduler` or `sluice worker` with its own home on the shared store.
    @discardableResult
    private func start(_ command: [String], name: String, env: [String: String] = [:]) throws -> (Process, OutputBuffer) {
        let home = project.root.appendingPathComponent("home-\(name)").path
        var e = ["SLUICE_HOME": home, "SLUICE_METADATA_URL": metadataURL, "SLUICE_PARALLELISM": "6"]
        e.merge(env) { _, n in n }
        let (process, out, _) = try project.start(command, pg: pg, env: e)
        processes.append(process)
        return (process, OutputBuffer(out))
    }

    private var opened: SQLMetadataStore?

    /// The shared store, as the test reads it (closed by the test's end).
    private func sharedStore() async throws -> SQLMetadataStore {
        if let opened { return opened }
        let s = try await SQLMetadataStore.open(url: metadataURL)
        opened = s
        addTeardownBlock { await s.close() }
        return s
    }

    private func runStates() async throws -> [RunState] {
        try await sharedStore().runs(dagId: "many", state: nil, limit: nil).map(\.state)
    }

    /// psql on the shared metadata store's database.
    private func metadataSQL(_ sql: String) throws -> String {
        try ThrowawayPostgres.shared().psql([sql], database: URL(string: metadataURL)?.lastPathComponent)
    }

    /// No two executions of one task instance overlap in time (each try ends before the next starts).
    private func overlappingExecutions() throws -> String {
        try pg.psql("""
            SELECT count(*) FROM \(table) x JOIN \(table) y ON x.run_id = y.run_id AND x.task_id = y.task_id AND x.ctid < y.ctid
            WHERE x.started < y.ended AND y.started < x.ended
            """)
    }

    func testThreeSchedulersAndAWorkerRunEveryTaskInstanceOfTwoHundredRunsExactlyOnce() async throws {
        try writeDag(runs: 200, seconds: 0.005, retries: 0)
        var started: [(Process, OutputBuffer)] = []
        for n in 1...3 { started.append(try start(["scheduler"], name: "s\(n)")) }
        started.append(try start(["worker"], name: "w"))
        let finished = try await eventuallyAsync(timeout: 600) {
            let states = try await self.runStates()
            return states.count == 200 && states.allSatisfy { $0 == .success || $0 == .failed }
        }
        XCTAssertTrue(finished, started.map(\.1.text).joined(separator: "\n---\n").suffix(4_000).description)
        let states = try await runStates()
        XCTAssertEqual(states.count, 200, "no run created twice")
        XCTAssertEqual(states.filter { $0 == .success }.count, 200)
        // Each task instance ran exactly once, and every process took part.
        XCTAssertEqual(try pg.psql("SELECT count(*), count(DISTINCT (run_id, task_id)), max(try) FROM \(table)"), "1000|1000|1")
        XCTAssertEqual(try overlappingExecutions(), "0")
        let s = try await sharedStore()
        let (workers, now) = try await s.processes()
        XCTAssertEqual(workers.filter { $0.state(now: now, lease: s.lease) == "running" }.map(\.kind).sorted(), ["scheduler", "scheduler", "scheduler", "worker"])
        let runners = Int(try metadataSQL("SELECT count(DISTINCT host || pid::text) FROM task_instance")) ?? 0
        XCTAssertGreaterThan(runners, 1, "the processes shared the work")
    }

    func testTwoSchedulersStartedAtTheSameInstantNeverCreateTheSameRun() async throws {
        try writeDag(runs: 30, seconds: 0, retries: 0)
        // Both processes are started before either can have created anything.
        try start(["scheduler"], name: "x")
        try start(["scheduler"], name: "y")
        let created = try await eventuallyAsync(timeout: 120) {
            let states = try await self.runStates()
            return states.count == 30 && states.allSatisfy(\.isFinished)
        }
        XCTAssertTrue(created)
        XCTAssertEqual(try metadataSQL("SELECT count(*), count(DISTINCT logical_date), count(DISTINCT run_id) FROM dag_run"), "30|30|30")
        XCTAssertEqual(try pg.psql("SELECT count(*) - count(DISTINCT (run_id, task_id)) FROM \(table)"), "0")
    }

    func testAKilledSchedulersTasksAreRetriedByTheOthersAndEveryRunSucceeds() async throws {
        try writeDag(runs: 40, seconds: 0.4, retries: 2)
        let env = ["SLUICE_LEASE_TIMEOUT": "3"]
        let (victim, _) = try start(["scheduler"], name: "victim", env: env)
        // The victim runs tasks before the others start, so it surely holds some when it dies.
        XCTAssertTrue(eventually(timeout: 60) { (try? pg.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(table)_rec%' AND state = 'active' AND query NOT LIKE '%pg_stat_activity%'")).flatMap { Int($0) } ?? 0 > 0 })
        let (_, other1) = try start(["scheduler"], name: "o1", env: env)
        let (_, other2) = try start(["worker"], name: "o2", env: env)
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        let done = try await eventuallyAsync(timeout: 300) {
            let states = try await self.runStates()
            return states.count == 40 && states.allSatisfy(\.isFinished)
        }
        XCTAssertTrue(done, other1.text.suffix(3_000) + "\n---\n" + other2.text.suffix(3_000))
        let states = try await runStates()
        XCTAssertEqual(states.filter { $0 == .success }.count, 40, "every run succeeded")
        // The killed process's tries ran again elsewhere (try 2), never at the same time as their first try.
        XCTAssertGreaterThan(Int(try pg.psql("SELECT count(*) FROM \(table) WHERE try > 1")) ?? 0, 0)
        XCTAssertEqual(try pg.psql("SELECT count(DISTINCT (run_id, task_id)) FROM \(table)"), "200")
        XCTAssertEqual(try overlappingExecutions(), "0")
        XCTAssertEqual(try metadataSQL("SELECT count(*) FROM task_instance WHERE state <> 'success' OR attempt_id IS NOT NULL"), "0",
                       "nothing is left claimed by the killed process")
    }

    func testAConnectionsPoolLimitHoldsAcrossProcesses() async throws {
        try writeDag(runs: 20, seconds: 0.15, retries: 0)
        let env = ["SLUICE_CONN_PG_POOL": "2"]
        for n in 1...3 { try start(["scheduler"], name: "p\(n)", env: env) }
        try start(["worker"], name: "pw", env: env)
        // Sample the source database's running task statements while the runs go on.
        let sampled = Mutex<[Int]>([])
        let stop = Mutex(false)
        let sampler = Thread { [table, pg] in
            while !stop.withLock({ $0 }) {
                let count = (try? pg?.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(table)_rec%' AND state = 'active' AND query NOT LIKE '%pg_stat_activity%'")).flatMap { Int($0) }
                if let count { sampled.withLock { $0.append(count) } }
            }
        }
        sampler.start()
        let done = try await eventuallyAsync(timeout: 300) {
            let states = try await self.runStates()
            return states.count == 20 && states.allSatisfy(\.isFinished)
        }
        stop.withLock { $0 = true }
        XCTAssertTrue(done)
        let samples = sampled.withLock { $0 }
        XCTAssertGreaterThan(samples.count, 20)
        XCTAssertEqual(samples.max(), 2, "the pool of 2 was used to its limit and never beyond, over four processes (\(samples.count) samples)")
        XCTAssertEqual(try pg.psql("SELECT count(*), count(DISTINCT (run_id, task_id)) FROM \(table)"), "100|100")
    }

    func testADagsMaxActiveRunsHoldsAcrossProcesses() async throws {
        let call = "SELECT \(table)_rec('{{ run_id }}', '{{ task.task_id }}', {{ ti.try_number }}, 0.3)"
        try project.write("dags/limited.yaml", """
            dag_id: limited
            schedule: null
            start_date: 2026-01-01
            max_active_runs: 2
            default_args: {connection: pg}
            tasks:
              - {task_id: a, sql: "\(call)"}
              - {task_id: b, sql: "\(call)"}
            """)
        // Eight runs queued at once (as `dags trigger` queues them), before three schedulers start together.
        let s = try await sharedStore()
        for day in 1...8 {
            let date = Date(timeIntervalSince1970: 1_767_225_600 + Double(day) * 86_400)
            try await s.createRun(DagRun(dagId: "limited", runType: .manual, logicalDate: date, dataIntervalStart: date, dataIntervalEnd: date,
                                         queuedAt: date), taskIds: ["a", "b"], maxTries: [:])
        }
        for n in 1...3 { try start(["scheduler"], name: "m\(n)") }
        let done = try await eventuallyAsync(timeout: 120) {
            let runs = try await s.runs(dagId: "limited", state: nil, limit: nil)
            return runs.count == 8 && runs.allSatisfy { $0.state == .success }
        }
        XCTAssertTrue(done)
        // Each run's tasks ran within [first start, last end]: at no instant more than two runs were executing.
        let most = try pg.psql("""
            WITH r AS (SELECT run_id, min(started) s, max(ended) e FROM \(table) GROUP BY run_id)
            SELECT max((SELECT count(*) FROM r r2 WHERE r2.s <= r1.s AND r2.e > r1.s)) FROM r r1
            """)
        XCTAssertEqual(most, "2", "max_active_runs 2 was reached and never exceeded across three schedulers")
        XCTAssertEqual(try pg.psql("SELECT count(*), count(DISTINCT (run_id, task_id)) FROM \(table)"), "16|16")
        XCTAssertEqual(try metadataSQL("SELECT count(DISTINCT process_id) FROM task_instance WHERE dag_id = 'limited'"), "0",
                       "every claim ended")
    }

    func testABackfillStartedWithRemoteIsQueuedAndCarriedOutByTheSchedulers() async throws {
        try project.write("dags/later.yaml", """
            dag_id: later
            schedule: "@daily"
            start_date: 2026-01-01
            catchup: false
            default_args: {connection: pg}
            tasks:
              - {task_id: a, sql: "SELECT \(table)_rec('{{ run_id }}', 'a', {{ ti.try_number }}, 0)"}
            """)
        let (scheduler, out) = try start(["scheduler"], name: "r")
        XCTAssertTrue(eventually { out.text.contains("scheduler started") }, out.text)
        let queued = try project.sluice(["dags", "backfill", "later", "--start-date", "2026-01-01", "--end-date", "2026-01-05", "--remote"], pg: pg,
                                        env: ["SLUICE_METADATA_URL": metadataURL, "SLUICE_HOME": project.root.appendingPathComponent("home-cli").path])
        XCTAssertEqual(queued.status, 0, queued.stderr)
        XCTAssertTrue(queued.stdout.contains("queued backfill 1 of later: 5 run(s)") && queued.stdout.contains("the schedulers carry it out"), queued.stdout)
        let s = try await sharedStore()
        let done = try await eventuallyAsync(timeout: 120) {
            // (catchup: false still gives the latest interval its scheduled run, as in Airflow)
            let runs = try await s.runs(dagId: "later", state: nil, limit: nil).filter { $0.runType == .backfill }
            return runs.count == 5 && runs.allSatisfy { $0.state == .success }
        }
        XCTAssertTrue(done, out.text)
        // The scheduler ran them, not the command that queued them.
        XCTAssertEqual(try metadataSQL("SELECT DISTINCT pid FROM task_instance WHERE dag_id = 'later' AND run_id LIKE 'backfill%'"),
                       String(scheduler.processIdentifier))
        XCTAssertEqual(try pg.psql("SELECT count(*) FROM \(table) WHERE run_id LIKE 'backfill%'"), "5")
    }

    func testAWorkerFrozenPastItsLeaseHasItsTaskRunElsewhereAndItsLateResultChangesNothingAndPublishesNothing() async throws {
        let lake = project.root.appendingPathComponent("lake")
        // The first try's query waits on a gate (a row); the second finds it gone and answers at once.
        try pg.psql("CREATE TABLE \(table)_gate (x int); INSERT INTO \(table)_gate VALUES (1)")
        try pg.psql("""
            CREATE FUNCTION \(table)_slow() RETURNS TABLE (n int) AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM \(table)_gate) THEN PERFORM pg_sleep(8); END IF;
                RETURN QUERY SELECT g FROM generate_series(1, 100) g;
            END $$ LANGUAGE plpgsql
            """)
        try project.write("dags/frozen.yaml", """
            dag_id: frozen
            schedule: null
            start_date: 2026-01-01
            default_args: {connection: pg, retries: 2, retry_delay: 0s, queue: exports}
            tasks:
              - task_id: export
                query: "SELECT n FROM \(table)_slow()"
                format: csv
                destination: lake
                path: "frozen/day={{ ds }}"
            """)
        let env = ["SLUICE_LEASE_TIMEOUT": "3", "SLUICE_DEST_LAKE": "file://" + lake.path]
        try start(["scheduler"], name: "s", env: env)
        let (first, firstOut) = try start(["worker", "--queue", "exports"], name: "w1", env: env)
        let trigger = try project.sluice(["dags", "trigger", "frozen", "--logical-date", "2026-02-01"], pg: pg,
                                         env: env.merging(["SLUICE_METADATA_URL": metadataURL, "SLUICE_HOME": project.root.appendingPathComponent("home-s").path]) { _, n in n })
        XCTAssertEqual(trigger.status, 0, trigger.stderr)
        // The first worker runs try 1: its query is on the server. Freeze it there.
        XCTAssertTrue(eventually(timeout: 60) {
            (try? pg.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(table)_slow%' AND state = 'active' AND query NOT LIKE '%pg_stat_activity%'")) == "1"
        }, firstOut.text)
        kill(first.processIdentifier, SIGSTOP)
        try pg.psql("DELETE FROM \(table)_gate")
        let (_, secondOut) = try start(["worker", "--queue", "exports"], name: "w2", env: env)
        let s = try await sharedStore()
        let succeeded = try await eventuallyAsync(timeout: 120) {
            try await s.runs(dagId: "frozen", state: nil, limit: nil).first?.state == .success
        }
        XCTAssertTrue(succeeded, secondOut.text)
        let runs = try await s.runs(dagId: "frozen", state: nil, limit: nil)
        let run = try XCTUnwrap(runs.first)
        let instances = try await s.taskInstances(dagId: "frozen", runId: run.runId)
        let done = try XCTUnwrap(instances.first)
        XCTAssertEqual(done.tryNumber, 2, "ran again elsewhere after the lease ran out")
        XCTAssertNotEqual(done.pid, first.processIdentifier)
        let manifestURL = lake.appendingPathComponent("frozen/day=2026-02-01/_manifest.json")
        let published = try Data(contentsOf: manifestURL)
        let manifest = try JSONSerialization.jsonObject(with: published) as? [String: Any]
        XCTAssertEqual(manifest?["try_number"] as? Int, 2, String(decoding: published, as: UTF8.self))

        // Thawed, the first worker finds its lease gone: it stops its try, and neither its result nor its
        // files reach the store or the lake.
        kill(first.processIdentifier, SIGCONT)
        let firstLog = project.root.appendingPathComponent("home-w1/logs/frozen/\(run.runId)/export/1.log")
        XCTAssertTrue(eventually(timeout: 60) {
            let text = (try? String(contentsOf: firstLog, encoding: .utf8)) ?? ""
            return text.contains("revoked") || text.contains("lost its lease") || text.contains("cancelled")
        }, (try? String(contentsOf: firstLog, encoding: .utf8)) ?? "no log")
        kill(first.processIdentifier, SIGTERM)
        first.waitUntilExit()
        let later = try await s.taskInstances(dagId: "frozen", runId: run.runId)
        let after = try XCTUnwrap(later.first)
        XCTAssertEqual(after, done, "the late result changed nothing")
        XCTAssertEqual(try Data(contentsOf: manifestURL), published, "the frozen try published nothing")
        let parts = try FileManager.default.contentsOfDirectory(atPath: manifestURL.deletingLastPathComponent().path).filter { $0.hasPrefix("part-") }
        XCTAssertEqual(parts.count, 1, "\(parts)")
    }
}

/// `eventually` for async conditions: polls (no fixed sleep) until true, false after the timeout.
func eventuallyAsync(timeout: TimeInterval, _ condition: @escaping () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(250))
    }
    return try await condition()
}
