import Foundation
import SluiceCore
import SluiceStore
import XCTest

/// `sluice dags validate` checks what templates read (params, the keys of `for_each` items, audit column
/// lists rendered with each item), and a run applies each item's own rendered audits.
final class ValidateChecksCLITests: CLIProjectTestCase {
    private var table = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "vchk_" + UUID().uuidString.prefix(8).lowercased()
    }

    override func tearDownWithError() throws {
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
        try super.tearDownWithError()
    }

    func testValidateExitsOneWithAParamTypoAnItemMissingAKeyAndABadAuditColumnEachAtItsPlace() throws {
        try project.write("dags/typo.yaml", """
            dag_id: typo
            schedule: null
            params: {min_amount: 10}
            default_args: {connection: pg}
            tasks:
              - task_id: load
                sql: "SELECT count(*) FROM orders WHERE amount >= {{ params.min_amout }}"
            """)
        try project.write("include/exports.yaml", """
            - table: orders
              not_null: [id, amount]
            - tabel: refunds
              not_null: id
            - table: payments
              not_null: "id, paid at"
            """)
        try project.write("dags/lake.yaml", """
            dag_id: lake
            schedule: null
            default_args: {connection: pg}
            tasks:
              - group: exports
                for_each: include/exports.yaml
                task_id: "export_{{ item.table }}"
                type: export
                table: "{{ item.table }}"
                destination: lake
                path: "{{ item.table }}"
                audits:
                  - not_null: "{{ item.not_null }}"
            """)
        let r = try project.sluice(["dags", "validate"], pg: pg)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        let problems = (r.stdout + r.stderr).split(separator: "\n").map(String.init).filter { $0.hasPrefix("dags/") || $0.hasPrefix("include/") }
        XCTAssertEqual(problems.sorted(), [
            "dags/typo.yaml:7:58: the sql template reads params.min_amout, which is not declared for task 'load'; did you mean 'min_amount'?",
            "include/exports.yaml:3:3: this item has no key 'table', which the task_id template reads at dags/lake.yaml:7:25; did you mean 'tabel'?",
            "include/exports.yaml:5:3: the not_null columns of task 'export_payments' made from this item: 'paid at' is not a column name: it must start with a letter or '_' and hold only letters, digits, '_' and '$' (at most 63 bytes); audit other columns with a sql audit",
        ], r.stdout + r.stderr)
    }

    func testARunOfAGroupAppliesEachItemsOwnRenderedAuditColumns() async throws {
        try pg.psql("CREATE TABLE \(table) (id BIGINT PRIMARY KEY, amount NUMERIC NOT NULL, note TEXT); INSERT INTO \(table) VALUES (1, 10, 'a'), (2, 20, NULL)")
        try project.write("dags/audited.yaml", """
            dag_id: audited
            schedule: null
            default_args: {connection: pg, retries: 0}
            tasks:
              - group: exports
                for_each:
                  - {name: complete, not_null: [id, amount]}
                  - {name: with_notes, not_null: "id, note"}
                task_id: "export_{{ item.name }}"
                type: export
                table: \(table)
                mode: full
                format: csv
                destination: lake
                path: "{{ item.name }}"
                audits:
                  - not_null: "{{ item.not_null }}"
            """)
        let env = ["SLUICE_DEST_LAKE": "file://" + project.root.appendingPathComponent("lake").path]
        let validate = try project.sluice(["dags", "validate"], pg: pg, env: env)
        XCTAssertEqual(validate.status, 0, validate.stdout + validate.stderr)
        let r = try project.sluice(["dags", "trigger", "audited", "--local"], pg: pg, env: env)
        XCTAssertEqual(r.status, 1, "one task fails its audit: " + r.stdout + r.stderr)

        let s = try await store()
        let runs = try await s.runs(dagId: "audited", state: nil, limit: nil)
        let run = try XCTUnwrap(runs.first)
        let instances = try await s.taskInstances(dagId: "audited", runId: run.runId)
        let states = Dictionary(instances.map { ($0.taskId, $0.state) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(states, ["export_complete": .success, "export_with_notes": .failed])
        let log = try project.sluice(["tasks", "logs", "audited", run.runId, "export_with_notes"], pg: pg, env: env)
        XCTAssertTrue(log.stdout.contains("1 NULLs in note"), log.stdout + log.stderr)
    }
}
