import Foundation
import SluiceTestSupport
import XCTest

/// Issue 13, backfills over the API: created with `apache-airflow-client`, carried out by the scheduler of
/// `sluice standalone` within their max_active_runs, dry-run, paused, unpaused and cancelled.
final class APIBackfillCLITests: CLIProjectTestCase {
    private var url = ""
    private let password = "pw-" + UUID().uuidString.prefix(12)
    private var table = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "bf_" + UUID().uuidString.prefix(8).lowercased()
        try pg.psql("CREATE TABLE \(table) (ds date, started timestamptz DEFAULT clock_timestamp(), ended timestamptz)")
        try project.write("dags/daily.yaml", """
            dag_id: daily
            schedule: "@daily"
            start_date: 2026-10-01
            catchup: false
            default_args: {connection: pg}
            tasks:
              - {task_id: load, sql: "INSERT INTO \(table) (ds) VALUES ('{{ ds }}'); SELECT pg_sleep(0.3); UPDATE \(table) SET ended = clock_timestamp() WHERE ds = '{{ ds }}'"}
            """)
        try createUsers([("olga", "operator"), ("vic", "viewer")], password: password)
        url = try startAPI().url
    }

    override func tearDownWithError() throws {
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
        try super.tearDownWithError()
    }

    /// The official client logged in as `user`, with `backfills` and `runs`.
    private func client(_ user: String, _ body: String) throws -> [String] {
        try airflowClient(url, user: user, password: password, """
            from airflow_client.client.api import backfill_api, dag_run_api
            from airflow_client.client.models.backfill_post_body import BackfillPostBody
            backfills, runs = backfill_api.BackfillApi(api), dag_run_api.DagRunApi(api)

            """ + body)
    }

    func testABackfillCreatedThroughTheAPIIsCarriedOutByTheSchedulerOneRunAtATime() throws {
        let out = try client("olga", """
            body = BackfillPostBody(dag_id="daily", from_date="2026-11-01T00:00:00Z", to_date="2026-11-03T00:00:00Z", max_active_runs=1)
            dry = backfills.create_backfill_dry_run(body)
            print(dry.total_entries, [b.logical_date.date().isoformat() for b in dry.backfills])
            created = backfills.create_backfill(body)
            print(created.dag_id, created.max_active_runs, created.reprocess_behavior.value, created.is_paused)
            print(status("POST", "/api/v2/backfills", {"dag_id": "daily", "from_date": "2026-11-05T00:00:00Z", "to_date": "2026-11-06T00:00:00Z"}))
            deadline = time.time() + 90
            while time.time() < deadline:
                done = backfills.get_backfill(created.id)
                if done.completed_at is not None: break
                time.sleep(0.2)
            listed = runs.get_dag_runs("daily", run_type=["backfill"])
            print(listed.total_entries, sorted(r.state.value for r in listed.dag_runs), done.completed_at is not None)
            print(backfills.list_backfills("daily").total_entries)
            print(status("POST", "/api/v2/backfills", {"dag_id": "daily", "from_date": "2026-11-01T00:00:00Z", "to_date": "2026-11-03T00:00:00Z"}))
            """)
        XCTAssertEqual(out, [
            "3 ['2026-11-01', '2026-11-02', '2026-11-03']",
            "daily 1 none False",
            "409",
            "3 ['success', 'success', 'success'] True",
            "1",
            "409",
        ])
        // max_active_runs 1: the three runs never overlapped.
        let range = "BETWEEN '2026-11-01' AND '2026-11-03'"
        let overlaps = try pg.psql("SELECT count(*) FROM \(table) a JOIN \(table) b ON a.ds < b.ds AND b.started < a.ended WHERE a.ds \(range) AND b.ds \(range)")
        XCTAssertEqual(overlaps, "0")
        XCTAssertEqual(try pg.psql("SELECT count(*) FROM \(table) WHERE ds \(range)"), "3")
    }

    func testAPausedBackfillWaitsACancelledOneEndsAndRolesAndBadBodiesAreRefused() throws {
        let out = try client("olga", """
            body = BackfillPostBody(dag_id="daily", from_date="2026-10-10T00:00:00Z", to_date="2026-10-19T00:00:00Z", max_active_runs=1)
            created = backfills.create_backfill(body)
            print(backfills.pause_backfill(created.id).is_paused)
            time.sleep(0)  # the state is read back below, not waited for
            paused_runs = runs.get_dag_runs("daily", run_type=["backfill"], state=["running", "success"]).total_entries
            print(paused_runs <= 1)
            print(backfills.unpause_backfill(created.id).is_paused)
            cancelled = backfills.cancel_backfill(created.id)
            print(cancelled.completed_at is not None)
            deadline = time.time() + 60
            while time.time() < deadline and runs.get_dag_runs("daily", state=["queued", "running"]).total_entries > 0:
                time.sleep(0.2)
            print(runs.get_dag_runs("daily", state=["queued", "running"]).total_entries, runs.get_dag_runs("daily", state=["failed"]).total_entries >= 8)
            print(status("PUT", f"/api/v2/backfills/{created.id}/pause"))
            print(status("GET", "/api/v2/backfills/999"))
            print(status("GET", "/api/v2/backfills"))
            print(status("POST", "/api/v2/backfills", {"dag_id": "daily", "from_date": "2026-11-03T00:00:00Z", "to_date": "2026-11-01T00:00:00Z"}))
            print(status("POST", "/api/v2/backfills", {"dag_id": "nope", "from_date": "2026-11-01T00:00:00Z", "to_date": "2026-11-02T00:00:00Z"}))
            print(status("POST", "/api/v2/backfills", {"dag_id": "daily", "from_date": "2026-11-01T00:00:00Z", "to_date": "2026-11-02T00:00:00Z", "reprocess_behavior": "sometimes"}))
            """)
        XCTAssertEqual(out, ["True", "True", "False", "True", "0 True", "409", "404", "422", "422", "404", "422"])
        let viewer = try client("vic", """
            print(status("POST", "/api/v2/backfills", {"dag_id": "daily", "from_date": "2026-11-01T00:00:00Z", "to_date": "2026-11-02T00:00:00Z"}))
            print(status("GET", "/api/v2/backfills?dag_id=daily"), status("PUT", "/api/v2/backfills/1/unpause"))
            """)
        XCTAssertEqual(viewer, ["403", "200 403"])
    }
}
