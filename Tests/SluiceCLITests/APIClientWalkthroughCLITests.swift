import Foundation
import SluiceTestSupport
import XCTest

/// Issue 13's "Done when" script, in one piece, against `sluice standalone` with a real PostgreSQL: the
/// official `apache-airflow-client` 3.3.2 logs in through `/auth/token`, lists DAGs, triggers a run with and
/// without a logical date, waits for success, lists its task instances, reads a log, clears the run and sees
/// it succeed again, creates a backfill and sees its runs, pauses a DAG, and reads health, every answer
/// deserialised by the client's own models.
final class APIClientWalkthroughCLITests: CLIProjectTestCase {
    func testAirflowsClientDrivesSluiceFromLoginToHealth() throws {
        try project.write("dags/orders.yaml", """
            dag_id: orders
            schedule: null
            tags: [walkthrough]
            default_args: {connection: pg}
            tasks:
              - {task_id: extract, sql: "SELECT '{{ ds }}'"}
              - {task_id: load, sql: "SELECT '{{ macros.ds_add(ds, -1) }}'", depends_on: [extract]}
            """)
        try project.write("dags/daily.yaml", """
            dag_id: daily
            schedule: "@daily"
            start_date: 2026-11-01
            catchup: false
            default_args: {connection: pg}
            tasks:
              - {task_id: count, sql: "SELECT '{{ ds }}'"}
            """)
        let password = "pw-" + UUID().uuidString.prefix(12)
        try createUsers([("olga", "operator")], password: password)
        let (url, serverOutput) = try startAPI(env: ["SLUICE_LOG_LEVEL": "debug"])  // every line, the access log included
        var out = try airflowClient(url, user: "olga", password: password, """
            from airflow_client.client.api import backfill_api, dag_api, dag_run_api, monitor_api, task_instance_api
            from airflow_client.client.models.backfill_post_body import BackfillPostBody
            from airflow_client.client.models.dag_patch_body import DAGPatchBody
            from airflow_client.client.models.dag_run_clear_body import DAGRunClearBody
            from airflow_client.client.models.trigger_dag_run_post_body import TriggerDAGRunPostBody
            dags, runs, tis = dag_api.DAGApi(api), dag_run_api.DagRunApi(api), task_instance_api.TaskInstanceApi(api)
            def wait(run_id, state="success", seconds=90):
                deadline = time.time() + seconds
                while time.time() < deadline:
                    run = runs.get_dag_run("orders", run_id)
                    if run.state.value == state:
                        return run
                    time.sleep(0.1)
                raise SystemExit(f"{run_id} is {run.state}, not {state}")
            listed = dags.get_dags(tags=["walkthrough"])
            print(listed.total_entries, listed.dags[0].dag_id, listed.dags[0].is_paused)
            dated = runs.trigger_dag_run("orders", TriggerDAGRunPostBody(logical_date="2026-11-20T00:00:00Z"))
            latest = runs.trigger_dag_run("orders", TriggerDAGRunPostBody(logical_date=None))
            print(dated.dag_run_id, latest.dag_run_id.startswith("manual__"), latest.logical_date <= latest.run_after)
            print(wait(dated.dag_run_id).state.value, wait(latest.dag_run_id).state.value)
            instances = tis.get_task_instances("orders", dated.dag_run_id)
            print(sorted((t.task_id, t.state.value) for t in instances.task_instances))
            log = tis.get_log("orders", dated.dag_run_id, "load", 1, full_content=True)
            print(any("2026-11-19" in m.event for m in log.content.actual_instance))
            runs.clear_dag_run("orders", dated.dag_run_id, DAGRunClearBody(dry_run=False))
            print(wait(dated.dag_run_id).state.value, tis.get_task_instance("orders", dated.dag_run_id, "load").try_number)
            backfill = backfill_api.BackfillApi(api).create_backfill(BackfillPostBody(
                dag_id="daily", from_date="2026-11-05T00:00:00Z", to_date="2026-11-07T00:00:00Z", max_active_runs=2))
            deadline = time.time() + 90
            while time.time() < deadline:
                done = runs.get_dag_runs("daily", run_type=["backfill"], state=["success"])
                if done.total_entries == 3:
                    break
                time.sleep(0.2)
            print(backfill.dag_id, sorted(r.logical_date.date().isoformat() for r in done.dag_runs))
            print(dags.patch_dag("daily", DAGPatchBody(is_paused=True)).is_paused, dags.get_dag("daily").is_paused)
            health = monitor_api.MonitorApi(api).get_health()
            print(health.metadatabase.status, health.scheduler.status, health.scheduler.latest_scheduler_heartbeat is not None)
            print(token)
            """)
        let token = try XCTUnwrap(out.popLast())
        XCTAssertGreaterThan(token.count, 20)
        // Neither the password nor the session token is in the server's log (its access log included), the
        // store, or any task log.
        for secret in [password, token] {
            XCTAssertFalse(serverOutput.text.contains(secret), "a secret in the server's output")
            let files = try XCTUnwrap(FileManager.default.enumerator(at: project.home, includingPropertiesForKeys: nil))
            for case let file as URL in files {
                guard let bytes = try? Data(contentsOf: file) else { continue }
                XCTAssertNil(bytes.range(of: Data(secret.utf8)), "a secret in \(file.path)")
            }
        }
        XCTAssertEqual(out, [
            "1 orders False",
            "manual__2026-11-20T00:00:00+00:00 True True",
            "success success",
            "[('extract', 'success'), ('load', 'success')]",
            "True",
            "success 2",
            "daily ['2026-11-05', '2026-11-06', '2026-11-07']",
            "True True",
            "healthy healthy True",
        ])
    }
}
