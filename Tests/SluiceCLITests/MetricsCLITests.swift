import Foundation
import SluiceTestSupport
import XCTest

/// Issue 13, metrics: `GET /metrics` of `sluice standalone`, and of `sluice scheduler --metrics-port`, is
/// Prometheus text that `prometheus_client`'s parser reads, with counters that match what ran.
final class MetricsCLITests: CLIProjectTestCase {
    private var table = ""
    private var env: [String: String] = [:]

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "xmetrics_" + UUID().uuidString.prefix(8).lowercased()
        env = ["SLUICE_DEST_LAKE": "file://" + project.root.appendingPathComponent("lake").path]
        try pg.psql("CREATE TABLE \(table) (id BIGINT PRIMARY KEY, ts TIMESTAMPTZ NOT NULL); INSERT INTO \(table) SELECT g, now() FROM generate_series(1, 3) g;")
    }

    override func tearDownWithError() throws {
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
        try super.tearDownWithError()
    }

    /// A DAG whose run fails: `good` succeeds, `bad` fails (division by zero), `export` publishes the table's
    /// 3 rows as CSV, `audited` exports them too but fails its audit (min_rows: 10); no retries.
    private func writeMixedDag() throws {
        try project.write("dags/mixed.yaml", """
            dag_id: mixed
            schedule: null
            default_args: {connection: pg, retries: 0}
            tasks:
              - {task_id: good, sql: "SELECT 1"}
              - {task_id: bad, sql: "SELECT 1/0"}
              - {task_id: export, type: export, table: \(table), timestamp_column: ts, mode: full, format: csv, destination: lake,
                 path: "\(table)/a/{{ ts_nodash }}"}
              - {task_id: audited, type: export, table: \(table), timestamp_column: ts, mode: full, format: csv, destination: lake,
                 path: "\(table)/b/{{ ts_nodash }}", audits: [{min_rows: 10}]}
            """)
    }

    /// Scrapes `url` and parses it with `prometheus_client`: one line per sample, `name{k=v,...} value`, labels
    /// sorted; the content type first.
    private func scrape(_ url: String) throws -> (contentType: String, samples: [String: Double]) {
        let out = try TestProcess.python("""
            import sys, urllib.request
            from prometheus_client.parser import text_string_to_metric_families
            r = urllib.request.urlopen(sys.argv[1], timeout=10)
            print(r.headers["Content-Type"])
            for family in text_string_to_metric_families(r.read().decode()):
                for s in family.samples:
                    labels = ",".join(f"{k}={v}" for k, v in sorted(s.labels.items()))
                    print(f"{s.name}{{{labels}}} {s.value}")
            """, [url])
        var lines = out.split(separator: "\n").map(String.init)
        let contentType = lines.isEmpty ? "" : lines.removeFirst()
        var samples: [String: Double] = [:]
        for line in lines {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return (contentType, samples)
    }

    /// Triggers `mixed` on the running scheduler and waits for the run to end (failed).
    private func runMixedDag() throws {
        let r = try project.sluice(["dags", "trigger", "mixed", "--wait"], pg: pg, env: env)
        XCTAssertNotEqual(r.status, 0, "the run fails: \(r.stdout)\(r.stderr)")
        XCTAssertTrue((r.stdout + r.stderr).contains("failed"), r.stdout + r.stderr)
    }

    /// The counters of one failed run of `mixed`, once the scheduler has recorded its end.
    private func assertCountersOfOneMixedRun(_ url: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var samples: [String: Double] = [:]
        XCTAssertTrue(try eventually {
            samples = try scrape(url).samples
            return samples["sluice_dag_runs_finished_total{dag_id=mixed,run_type=manual,state=failed}"] != nil
        }, "\(samples)", file: file, line: line)
        let expected: [String: Double] = [
            "sluice_dag_runs_finished_total{dag_id=mixed,run_type=manual,state=failed}": 1,
            "sluice_task_instances_finished_total{dag_id=mixed,state=success,task_id=good}": 1,
            "sluice_task_instances_finished_total{dag_id=mixed,state=failed,task_id=bad}": 1,
            "sluice_task_duration_seconds_count{dag_id=mixed,task_id=good}": 1,
            "sluice_dag_run_duration_seconds_count{dag_id=mixed,state=failed}": 1,
            "sluice_dag_runs{state=failed}": 1,
            "sluice_dag_runs{state=success}": 0,
            "sluice_task_instances_finished_total{dag_id=mixed,state=success,task_id=export}": 1,
            "sluice_task_instances_finished_total{dag_id=mixed,state=failed,task_id=audited}": 1,
            "sluice_task_instances{state=success}": 2,
            "sluice_task_instances{state=failed}": 2,
            "sluice_export_rows_total{dag_id=mixed,format=csv,task_id=export}": 3,
            "sluice_export_audit_failures_total{dag_id=mixed,task_id=audited}": 1,
            "sluice_export_duration_seconds_count{dag_id=mixed,task_id=export}": 1,
            "sluice_dags{paused=false}": 1,
            "sluice_dag_import_errors{}": 0,
            "sluice_build_info{version=0.1.0}": 1,
            "sluice_connection_slots{connection=pg,state=used}": 0,
            "sluice_connection_slots{connection=pg,state=open}": 4,
        ]
        for (sample, value) in expected.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(samples[sample], value, sample, file: file, line: line)
        }
        for sample in ["sluice_task_instances_finished_total{dag_id=mixed,state=failed,task_id=good}",
                       "sluice_export_rows_total{dag_id=mixed,format=csv,task_id=audited}"] {
            XCTAssertNil(samples[sample], sample, file: file, line: line)
        }
        XCTAssertGreaterThan(samples["sluice_export_bytes_total{dag_id=mixed,format=csv,task_id=export}"] ?? 0, 0, file: file, line: line)
        XCTAssertNotNil(samples["sluice_scheduler_loop_duration_seconds_count{}"], file: file, line: line)
        XCTAssertFalse(samples.keys.contains { $0.contains("manual__") }, "no label names a run", file: file, line: line)
    }

    func testStandaloneServesMetricsWithCountersOfWhatRan() throws {
        try writeMixedDag()
        let (_, _, url) = try startListening(["standalone", "--port", "0"], announcement: "api-server listening on", env: env)
        try runMixedDag()
        try assertCountersOfOneMixedRun(url + "/metrics")
        XCTAssertEqual(try scrape(url + "/metrics").contentType, "text/plain; version=0.0.4")
    }

    func testSchedulerServesMetricsOnItsMetricsPort() throws {
        try writeMixedDag()
        let (_, _, url) = try startListening(["scheduler", "--metrics-port", "0"], announcement: "metrics listening on", env: env)
        XCTAssertTrue(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/metrics"), url)
        try runMixedDag()
        try assertCountersOfOneMixedRun(url)
    }

    func testObjectStoreRequestsAreCountedByOperationAndStatus() throws {
        let moto = try MotoServer(bucket: "metrics-" + UUID().uuidString.prefix(8).lowercased())
        defer { moto.stop() }
        env = moto.environment(prefix: "lake")
        try project.write("dags/tos3.yaml", """
            dag_id: tos3
            schedule: null
            default_args: {connection: pg, retries: 0}
            tasks:
              - {task_id: export, type: export, table: \(table), timestamp_column: ts, mode: full, format: csv, destination: lake,
                 path: "\(table)/{{ ts_nodash }}"}
            """)
        let (_, _, url) = try startListening(["scheduler", "--metrics-port", "0"], announcement: "metrics listening on", env: env)
        let r = try project.sluice(["dags", "trigger", "tos3", "--wait"], pg: pg, env: env)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let keys = try TestProcess.python(MotoServer.boto + """
            print(sum(len(p.get('Contents', [])) for p in s3.get_paginator('list_objects_v2').paginate(Bucket=sys.argv[2], Prefix='lake/')))
            """, [moto.endpointURL, moto.bucket])
        let samples = try scrape(url).samples
        let requests = samples.filter { $0.key.hasPrefix("sluice_object_store_requests_total{") }
        let written = requests.filter { ($0.key.contains("operation=PutObject") || $0.key.contains("operation=CopyObject")
                                        || $0.key.contains("operation=CompleteMultipartUpload")) && $0.key.contains("code=200") }
        XCTAssertGreaterThanOrEqual(written.values.reduce(0, +), Double(Int(keys) ?? .max), "every object in the bucket was written by a counted request: \(requests)")
        XCTAssertFalse(requests.keys.contains { $0.contains("code=error") }, "\(requests)")
        XCTAssertFalse(requests.keys.contains { $0.contains(table) || $0.contains("lake/") }, "no label names a key")
    }
}
