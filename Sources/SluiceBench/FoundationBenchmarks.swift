import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceTemplates

/// Issue 2's speed goals: template rendering, schedule math, DAG folder loading.
enum FoundationBenchmarks {
    struct Row {
        var name: String
        var value: Double
        var unit: String
        var goal: String
        var reference: String
    }

    static func run(benchFolder: URL, reference: [String: Double]) throws -> [Row] {
        var rows: [Row] = []
        let text = try String(contentsOf: benchFolder.appendingPathComponent("template_2kb.sql"), encoding: .utf8)
        let ld = Date(timeIntervalSince1970: 1_610_668_800)  // 2021-01-15T00:00:00Z
        let info = AirflowRunInfo(
            dagId: "d", taskId: "t",
            params: ["table": "doc.metrics", "timestamp_column": "ts", "target_bucket": "b"],
            logicalDate: ld, dataIntervalStart: ld, dataIntervalEnd: ld.addingTimeInterval(86400), runAfter: ld.addingTimeInterval(86400),
            runId: "scheduled__2021-01-15T00:00:00+00:00", runType: "scheduled", conf: [:],
            dagTimeZone: TimeZone(identifier: "UTC")!, tryNumber: 1, environment: [:], variables: [:]
        )
        let context = TemplateContext(variables: AirflowContext.variables(for: info))
        let template = try Template(source: text, name: "template_2kb.sql")
        var sink = 0
        let render = try Stopwatch.median(iterations: 20_000) { sink &+= try template.render(context).utf8.count }
        rows.append(Row(name: "render parsed 2 KB template, 20 expressions", value: render * 1e6, unit: "µs", goal: "< 10 µs",
                        reference: fmt(reference["jinja2_render_us"], "µs", "Jinja2")))
        let parseRender = try Stopwatch.median(iterations: 2_000) {
            sink &+= try Template(source: text, name: "t.sql").render(context).utf8.count
        }
        rows.append(Row(name: "parse + render the same template", value: parseRender * 1e6, unit: "µs", goal: "< 100 µs",
                        reference: fmt(reference["jinja2_parse_render_us"], "µs", "Jinja2")))

        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let timetable = try Timetable(schedule: "30 2 * * 1-5", kind: .interval, timeZone: berlin)
        let cron = try CronExpression(parsing: "30 2 * * 1-5")
        let start = Date(timeIntervalSince1970: 1_609_459_200)
        let nextRuns = Stopwatch.median(runs: 7, iterations: 3) {
            var d = start
            for _ in 0..<10_000 { if let n = cron.next(after: d, in: berlin) { d = n } }
            sink &+= Int(d.timeIntervalSince1970)
        }
        rows.append(Row(name: "next 10,000 runs of `30 2 * * 1-5`, Europe/Berlin (cron)", value: nextRuns * 1e3, unit: "ms", goal: "< 20 ms",
                        reference: fmt(reference["croniter_10k_ms"], "ms", "croniter")))
        let timetableRuns = Stopwatch.median(runs: 7, iterations: 3) {
            sink &+= timetable.runs(startDate: start, endDate: nil, count: 10_000).count
        }
        rows.append(Row(name: "the same as 10,000 timetable runs (data intervals)", value: timetableRuns * 1e3, unit: "ms", goal: "< 20 ms",
                        reference: "Airflow's timetable about 7 s"))

        let folder = try makeDagFolder(count: 200)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        var loaded = 0
        let load = try Stopwatch.median(runs: 5, iterations: 1) {
            let bag = try DagFolderLoader(folder: folder).load()
            loaded = bag.dags.count
            precondition(bag.problems.isEmpty, "benchmark DAGs must load: \(bag.problems)")
        }
        rows.append(Row(name: "load a folder of 200 DAG files (\(loaded) DAGs)", value: load * 1e3, unit: "ms", goal: "< 200 ms", reference: ""))
        if sink == 42 { print("") }
        return rows
    }

    private static func fmt(_ value: Double?, _ unit: String, _ name: String) -> String {
        guard let value else { return "" }
        return String(format: "%@ %.1f %@", name, value, unit)
    }

    /// 200 realistic DAG files: a schedule, defaults, a group over 5 tables, inline SQL and an include.
    static func makeDagFolder(count: Int) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bench-\(UUID().uuidString)")
        let dags = root.appendingPathComponent("dags")
        try FileManager.default.createDirectory(at: dags, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("include"), withIntermediateDirectories: true)
        try "SELECT * FROM {{ params.table | sql_identifier }} WHERE ts >= {{ data_interval_start | ts | sql_literal }}\n"
            .write(to: root.appendingPathComponent("include/select.sql"), atomically: true, encoding: .utf8)
        for i in 0..<count {
            let text = """
                dag_id: bench_\(i)
                description: Benchmark DAG \(i)
                schedule: "\(i % 60) \(i % 24) * * *"
                timezone: Europe/Berlin
                start_date: 2024-01-01
                catchup: false
                tags: [bench, export]
                default_args: {connection: warehouse, retries: 2, retry_delay: 5m, execution_timeout: 1h}
                tasks:
                  - task_id: start
                    type: empty
                  - group: copies
                    for_each:
                      - {table: t1, ts: created}
                      - {table: t2, ts: created}
                      - {table: t3, ts: updated}
                      - {table: t4, ts: updated}
                      - {table: t5, ts: ts}
                    task_id: "copy_{{ item.table }}"
                    params: {table: "{{ item.table }}"}
                    sql: include/select.sql
                    depends_on: [start]
                  - task_id: audit
                    sql: |
                      SELECT count(*) FROM audit_log WHERE ds = '{{ ds }}' AND dag = '{{ dag.dag_id }}'
                    depends_on: copies
                """
            try text.write(to: dags.appendingPathComponent("bench_\(i).yaml"), atomically: true, encoding: .utf8)
        }
        return dags
    }
}
