import Foundation
import SluiceTestSupport
import XCTest

/// Issue 13, runs and task instances over the API, driven by `apache-airflow-client` 3.3.2 against
/// `sluice standalone`: trigger with and without a logical date, wait for success, list task instances,
/// read a log, clear the run and see it succeed again; and the error statuses of these endpoints.
final class APIRunsCLITests: CLIProjectTestCase {
    private var url = ""
    private let password = "pw-" + UUID().uuidString.prefix(12)
    private let secret = "tok_" + UUID().uuidString.prefix(12).lowercased()

    override func setUpWithError() throws {
        try super.setUpWithError()
        try project.write("dags/nightly.yaml", """
            dag_id: nightly
            schedule: null
            default_args: {connection: pg}
            tasks:
              - {task_id: extract, sql: "SELECT 1 WHERE '{{ env.API_TOKEN }}' <> ''"}
              - {task_id: load, sql: "SELECT '{{ ds }}' AS day", depends_on: [extract]}
            """)
        try createUsers([("olga", "operator"), ("vic", "viewer")], password: password)
        url = try startAPI(env: ["API_TOKEN": secret]).url
    }

    /// The Python prelude: a logged-in client as `user`, `runs` and `tis` APIs, and `wait(run_id, state)`.
    /// The official client logged in as `user`, with `runs`, `tis` and `wait(run_id, state)`.
    private func client(_ user: String, _ body: String) throws -> [String] {
        try airflowClient(url, user: user, password: password, """
            from airflow_client.client.api import dag_run_api, task_instance_api
            from airflow_client.client.models.trigger_dag_run_post_body import TriggerDAGRunPostBody
            from airflow_client.client.models.dag_run_clear_body import DAGRunClearBody
            runs, tis = dag_run_api.DagRunApi(api), task_instance_api.TaskInstanceApi(api)
            def wait(run_id, state, seconds=60):
                deadline = time.time() + seconds
                while time.time() < deadline:
                    run = runs.get_dag_run("nightly", run_id)
                    if run.state == state:
                        return run
                    time.sleep(0.1)
                raise SystemExit(f"{run_id} is {run.state}, not {state}")

            """ + body)
    }

    func testAirflowsClientTriggersWaitsListsReadsALogAndClearsARun() throws {
        let out = try client("olga", """
            latest = runs.trigger_dag_run("nightly", TriggerDAGRunPostBody(logical_date=None))
            dated = runs.trigger_dag_run("nightly", TriggerDAGRunPostBody(logical_date="2026-11-20T00:00:00Z", conf={"source": "api"}))
            print(latest.state.value, dated.dag_run_id, dated.conf)
            done = wait(dated.dag_run_id, "success")
            wait(latest.dag_run_id, "success")
            print(done.run_type.value, done.logical_date.isoformat(), done.end_date is not None)
            listed = runs.get_dag_runs("nightly", order_by=["-logical_date"])
            print(listed.total_entries, listed.dag_runs[-1].dag_run_id)
            print(runs.get_dag_runs("~", logical_date_lte="2026-11-21T00:00:00Z").total_entries)
            instances = tis.get_task_instances("nightly", dated.dag_run_id)
            print(instances.total_entries, sorted((t.task_id, t.state.value, t.try_number) for t in instances.task_instances))
            one = tis.get_task_instance("nightly", dated.dag_run_id, "load")
            print(one.operator, one.logical_date.isoformat())
            log = tis.get_log("nightly", dated.dag_run_id, "load", 1, full_content=True)
            events = [m.event for m in log.content.actual_instance]
            print(any("2026-11-20" in e for e in events), log.content.actual_instance[0].timestamp is not None)
            cleared = runs.clear_dag_run("nightly", dated.dag_run_id, DAGRunClearBody(dry_run=False))
            print(cleared.actual_instance.state.value)
            wait(dated.dag_run_id, "success")
            print(tis.get_task_instance("nightly", dated.dag_run_id, "load").try_number)
            tries = tis.get_task_instance_tries("nightly", dated.dag_run_id, "load")
            print(tries.total_entries)
            """)
        XCTAssertEqual(out, [
            "queued manual__2026-11-20T00:00:00+00:00 {'source': 'api'}",
            "manual 2026-11-20T00:00:00+00:00 True",
            "2 manual__2026-11-20T00:00:00+00:00",
            "1",
            "2 [('extract', 'success', 1), ('load', 'success', 1)]",
            "SQLExecuteQueryOperator 2026-11-20T00:00:00+00:00",
            "True True",
            "queued",
            "2",
            "2",
        ])
    }

    func testRunEndpointsAnswerTheirErrorStatuses() throws {
        let out = try client("vic", """
            print(status("POST", "/api/v2/dags/nightly/dagRuns", {"logical_date": None}))
            print(status("GET", "/api/v2/dags/nightly/dagRuns"))
            print(status("GET", "/api/v2/dags/nope/dagRuns"))
            print(status("GET", "/api/v2/dags/nightly/dagRuns/nope"))
            print(status("GET", "/api/v2/dags/nightly/dagRuns?state=exploded"))
            print(status("GET", "/api/v2/dags/nightly/dagRuns?order_by=password"))
            """)
        XCTAssertEqual(out, ["403", "200", "404", "404", "422", "422"])
        let operatorStatuses = try client("olga", """
            print(status("POST", "/api/v2/dags/nightly/dagRuns", {"logical_date": "2026-11-01T00:00:00Z"}))
            print(status("POST", "/api/v2/dags/nightly/dagRuns", {"logical_date": "2026-11-01T00:00:00Z"}))
            print(status("POST", "/api/v2/dags/nightly/dagRuns", {}))
            print(status("POST", "/api/v2/dags/nightly/dagRuns", {"logical_date": "last tuesday"}))
            print(status("POST", "/api/v2/dags/nightly/dagRuns", {"logical_date": None, "conf": {"api_token": "x"}}))
            print(status("POST", "/api/v2/dags/nope/dagRuns", {"logical_date": None}))
            wait("manual__2026-11-01T00:00:00+00:00", "success")
            print(status("GET", "/api/v2/dags/nightly/dagRuns/manual__2026-11-01T00:00:00+00:00/taskInstances/nope"))
            print(status("GET", "/api/v2/dags/nightly/dagRuns/manual__2026-11-01T00:00:00+00:00/taskInstances/load/logs/9"))
            print(status("POST", "/api/v2/dags/nightly/dagRuns/manual__2026-11-01T00:00:00+00:00/clear", {"dry_run": True}))
            print(status("DELETE", "/api/v2/dags/nightly/dagRuns/manual__2026-11-01T00:00:00+00:00"))
            print(status("GET", "/api/v2/dags/nightly/dagRuns/manual__2026-11-01T00:00:00+00:00"))
            """)
        XCTAssertEqual(operatorStatuses, ["200", "409", "422", "422", "400", "404", "404", "404", "200", "204", "404"])
    }

    func testImportErrorsListEachBrokenFileWithItsLocatedProblemsAndHealthShowsTheHeartbeat() throws {
        try project.write("dags/broken.yaml", """
            dag_id: broken
            schedule: "@dayly"
            tasks: []
            """)
        let out = try client("vic", """
            from airflow_client.client.api import import_error_api, monitor_api
            errors = import_error_api.ImportErrorApi(api).get_import_errors()
            print(errors.total_entries, errors.import_errors[0].filename)
            print(errors.import_errors[0].stack_trace.startswith("dags/broken.yaml:2:"))
            health = monitor_api.MonitorApi(api).get_health()
            print(health.scheduler.status, health.scheduler.latest_scheduler_heartbeat is not None)
            """)
        XCTAssertEqual(out, ["1 dags/broken.yaml", "True", "healthy True"])
    }

    func testMarkingRunsAndTaskInstancesAndClearingTaskInstances() throws {
        try project.write("dags/flaky.yaml", """
            dag_id: flaky
            schedule: null
            params: {d: 0}
            default_args: {connection: pg, retries: 0}
            tasks:
              - {task_id: divide, sql: "SELECT 1/{{ params.d }}"}
              - {task_id: after, sql: "SELECT 1", depends_on: [divide]}
            """)
        let out = try client("olga", """
            from airflow_client.client.api import dag_api
            from airflow_client.client.models.patch_task_instance_body import PatchTaskInstanceBody
            from airflow_client.client.models.dag_run_patch_body import DAGRunPatchBody
            from airflow_client.client.models.clear_task_instances_body import ClearTaskInstancesBody
            from airflow_client.client.models.clear_task_instances_body_task_ids_inner import ClearTaskInstancesBodyTaskIdsInner
            deadline = time.time() + 30
            while True:
                try:
                    dag_api.DAGApi(api).get_dag("flaky"); break
                except Exception:
                    if time.time() > deadline: raise
                    time.sleep(0.1)
            def wait_for(dag, run_id, state):
                deadline = time.time() + 60
                while time.time() < deadline:
                    run = runs.get_dag_run(dag, run_id)
                    if run.state.value == state: return run
                    time.sleep(0.1)
                raise SystemExit(f"{run_id} is {run.state}")
            r = runs.trigger_dag_run("flaky", TriggerDAGRunPostBody(logical_date="2026-11-01T00:00:00Z"))
            wait_for("flaky", r.dag_run_id, "failed")
            states = lambda: sorted((t.task_id, t.state.value if t.state else None) for t in tis.get_task_instances("flaky", r.dag_run_id).task_instances)
            print(states())
            dry = tis.post_clear_task_instances("flaky", ClearTaskInstancesBody(dag_run_id=r.dag_run_id, dry_run=True))
            print(sorted(t.task_id for t in dry.task_instances))
            marked = tis.patch_task_instance("flaky", r.dag_run_id, "divide", PatchTaskInstanceBody(new_state="success", include_downstream=True))
            print(sorted((t.task_id, t.state.value) for t in marked.task_instances))
            print(runs.patch_dag_run("flaky", r.dag_run_id, DAGRunPatchBody(state="success")).state.value)
            r2 = runs.trigger_dag_run("flaky", TriggerDAGRunPostBody(logical_date="2026-11-02T00:00:00Z"))
            wait_for("flaky", r2.dag_run_id, "failed")
            cleared = tis.post_clear_task_instances("flaky", ClearTaskInstancesBody(dag_run_id=r2.dag_run_id, dry_run=False, task_ids=[ClearTaskInstancesBodyTaskIdsInner("divide")], include_downstream=True))
            print(sorted(t.task_id for t in cleared.task_instances))
            again = wait_for("flaky", r2.dag_run_id, "failed")
            print(tis.get_task_instance("flaky", r2.dag_run_id, "divide").try_number)
            print(runs.patch_dag_run("flaky", r2.dag_run_id, DAGRunPatchBody(state="failed")).state.value)
            """)
        XCTAssertEqual(out, [
            "[('after', 'upstream_failed'), ('divide', 'failed')]",
            "['after', 'divide']",
            "[('after', 'success'), ('divide', 'success')]",
            "success",
            "['after', 'divide']",
            "2",
            "failed",
        ])
    }

    func testSluicesOwnEndpointsGiveNextRunsAndRenderedSQLWithSecretsMasked() throws {
        let out = try client("vic", """
            def get(path):
                req = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + token})
                return json.load(urllib.request.urlopen(req))
            rendered = get("/api/sluice/v1/dags/nightly/tasks/extract/rendered?logical_date=2026-11-20")
            print(rendered["type"], "***" in rendered["sql"], rendered["sql"].startswith("SELECT 1 WHERE"))
            print(get("/api/sluice/v1/dags/nightly/tasks/load/rendered?logical_date=2026-11-20")["sql"])
            print(get("/api/sluice/v1/dags/nightly/nextRuns")["next_runs"])
            print(status("GET", "/api/sluice/v1/dags/nightly/tasks/nope/rendered?logical_date=2026-11-20"),
                  status("GET", "/api/sluice/v1/dags/nightly/tasks/load/rendered"),
                  status("GET", "/api/sluice/v1/dags/nightly/nextRuns", bearer="sluice_nope"))
            """)
        XCTAssertEqual(out, ["sql True True", "SELECT '2026-11-20' AS day", "[]", "404 422 401"])
        XCTAssertFalse(out.joined().contains(secret))
    }

    func testTaskInstancesAcrossRunsComeNewestRunFirstAndPaged() throws {
        let out = try client("olga", """
            for day in ("2026-11-01", "2026-11-02"):
                run = runs.trigger_dag_run("nightly", TriggerDAGRunPostBody(logical_date=day + "T00:00:00Z"))
                wait(run.dag_run_id, "success")
            page = tis.get_task_instances("nightly", "~", limit=3)
            print(page.total_entries, [(t.dag_run_id[8:18], t.task_id) for t in page.task_instances])
            print(tis.get_task_instances("nightly", "~", limit=2, offset=3).task_instances[0].task_id)
            print(tis.get_task_instances("nightly", "~", run_after_lte="2026-11-01T12:00:00Z").total_entries)
            print(status("GET", "/api/v2/dags/nightly/dagRuns/~/taskInstances?state=exploded"))
            """)
        XCTAssertEqual(out, [
            "4 [('2026-11-02', 'extract'), ('2026-11-02', 'load'), ('2026-11-01', 'extract')]",
            "load",
            "2",
            "422",
        ])
    }
}
