import Foundation
import SluiceCore
import SluiceStore
import XCTest

/// Airflow's `prev_*_success` template names, read from Sluice's own store: the DAG's latest
/// successful run before the rendering run's logical date (failed runs are passed over).
final class PreviousSuccessContextTests: CLIProjectTestCase {
    func testPrevSuccessNamesComeFromTheLatestEarlierSuccessfulRun() async throws {
        let table = "prev_" + UUID().uuidString.prefix(8).lowercased()
        try pg.psql("CREATE TABLE \(table) (ds date PRIMARY KEY, prev_start text, prev_end text, prev_started text, prev_ended text)")
        try project.write("dags/prev.yaml", """
            dag_id: prev
            schedule: "@daily"
            start_date: 2026-01-01
            max_active_runs: 1
            default_args: {connection: pg, retries: 0}
            tasks:
              - task_id: record
                sql: >-
                  {% if ds == '2026-01-02' %}SELECT 1/0;{% endif %}
                  INSERT INTO \(table) VALUES ('{{ ds }}', '{{ prev_data_interval_start_success }}',
                  '{{ prev_data_interval_end_success }}', '{{ prev_start_date_success }}', '{{ prev_end_date_success }}')
            """)
        let r = try project.sluice(["dags", "backfill", "prev", "--start-date", "2026-01-01", "--end-date", "2026-01-04"], pg: pg)
        XCTAssertEqual(r.status, 1, r.stderr + r.stdout)  // 2026-01-02 fails
        XCTAssertTrue(r.stdout.contains("3 succeeded, 1 failed"), r.stdout)

        let runs = try await store().runs(dagId: "prev", state: nil, limit: nil)
        let first = try XCTUnwrap(runs.first { DateText.iso($0.logicalDate).hasPrefix("2026-01-01") })
        let third = try XCTUnwrap(runs.first { DateText.iso($0.logicalDate).hasPrefix("2026-01-03") })
        func python(_ date: Date?) throws -> String {
            let iso = DateText.iso(try XCTUnwrap(date))  // 2026-01-01T00:00:00.123456+00:00 -> Python's str()
            return iso.replacingOccurrences(of: "T", with: " ")
        }
        let rows = try pg.psql("SELECT ds, prev_start, prev_end, prev_started, prev_ended FROM \(table) ORDER BY ds")
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(rows, [
            "2026-01-01|None|None|None|None",
            "2026-01-03|2026-01-01 00:00:00+00:00|2026-01-02 00:00:00+00:00|\(try python(first.startedAt))|\(try python(first.endedAt))",
            "2026-01-04|2026-01-03 00:00:00+00:00|2026-01-04 00:00:00+00:00|\(try python(third.startedAt))|\(try python(third.endedAt))",
        ])

        // `tasks render` reads the same store, as Airflow's does: 2026-01-03's previous success is 01-01.
        let rendered = try project.sluice(["tasks", "render", "prev", "record", "2026-01-03"], pg: pg)
        XCTAssertEqual(rendered.status, 0, rendered.stderr)
        XCTAssertTrue(rendered.stdout.contains("'2026-01-03', '2026-01-01 00:00:00+00:00',"), rendered.stdout)
        XCTAssertTrue(rendered.stdout.contains("'\(try python(first.endedAt))')"), rendered.stdout)
    }
}
