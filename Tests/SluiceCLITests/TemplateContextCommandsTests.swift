import Foundation
import XCTest

/// `sluice tasks render` with Airflow's `conn`, `var.json`, pendulum methods and `macros.dateutil`, read
/// from Sluice's own definitions (`SLUICE_CONN_<ID>`, `SLUICE_VAR_<NAME>`), through the built binary.
/// Expected values are Airflow 3.3.2's for the same template (Tests/SluiceTemplatesTests conformance cases
/// vars-conns-002/007, pendulum-008, airflow-macros-009).
final class TemplateContextCommandsTests: CLIProjectTestCase {
    private let env = [
        "SLUICE_CONN_WAREHOUSE": "postgresql://loader:pa55word@db.example.com:5433/sales?sslmode=require",
        "SLUICE_VAR_SETTINGS": #"{"tables": ["a", "b"], "days": 3}"#,
    ]

    private func writeDag() throws {
        try project.write("dags/ctx.yaml", """
            dag_id: ctx
            schedule: "@daily"
            start_date: 2021-01-01
            catchup: false
            default_args: {connection: pg, retries: 0}
            tasks:
              - task_id: read
                sql: |
                  SELECT '{{ conn.warehouse.host }}:{{ conn.warehouse.port }}/{{ conn.warehouse.schema }}', '{{ var.json.settings.tables | join(',') }}',
                    '{{ logical_date.format('YYYY-MM') }}', '{{ (logical_date - macros.dateutil.relativedelta.relativedelta(months=1, day=31)) | ds }}'
              - task_id: password
                sql: "SELECT '{{ conn.warehouse.password }}'"
            """)
    }

    func testRenderReadsConnectionsVariablesAndPendulumMethods() throws {
        try writeDag()
        let r = try project.sluice(["tasks", "render", "ctx", "read", "2021-01-15"], pg: pg, env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("SELECT 'db.example.com:5433/sales', 'a,b',\n  '2021-01', '2020-12-31'"), r.stdout)
    }

    func testRenderRefusesAConnectionPassword() throws {
        try writeDag()
        let r = try project.sluice(["tasks", "render", "ctx", "password", "2021-01-15"], pg: pg, env: env)
        XCTAssertEqual(r.status, 1, r.stdout)
        XCTAssertTrue(r.stderr.contains("Sluice does not put passwords into SQL"), r.stderr)
        XCTAssertFalse((r.stdout + r.stderr).contains("pa55word"))
    }
}
