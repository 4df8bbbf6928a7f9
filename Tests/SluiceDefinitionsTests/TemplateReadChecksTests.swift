import Foundation
import SluiceCore
import SluiceDefinitions
import XCTest

/// What loading checks in what templates read: declared params, the keys of each `for_each` item, and
/// audit column lists rendered with each item, each problem at its own file:line:col.
final class TemplateReadChecksTests: ProjectTestCase {
    private func located(_ problems: [DagProblem]) -> [String] {
        // Paths outside the working folder are shown whole: keep messages independent of the temporary folder.
        problems.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line):\($0.column): \($0.message.replacingOccurrences(of: folder.path + "/", with: ""))" }
    }

    func testAParamTypoIsAProblemAtItsPlaceInTheTemplateWithTheDeclaredNameItIsClosestTo() throws {
        let problems = try problems("""
            dag_id: p
            schedule: null
            params: {min_amount: 10}
            default_args: {connection: w}
            tasks:
              - task_id: load
                sql: "SELECT * FROM t WHERE amount >= {{ params.min_amout }}"
            """)
        XCTAssertEqual(located(problems), [
            "x.yaml:7:46: the sql template reads params.min_amout, which is not declared for task 'load'; did you mean 'min_amount'?",
        ])
    }

    func testAParamReadOnAFurtherIndentedLineOfABlockScalarIsLocatedAtItsColumn() throws {
        let problems = try problems("""
            dag_id: b
            schedule: null
            params: {retention_days: 3}
            default_args: {connection: w}
            tasks:
              - task_id: prune
                sql: |
                  DELETE FROM metrics
                  WHERE ts < now()
                    AND x = {{ params.retention_dayz }};
            """)
        XCTAssertEqual(located(problems), [
            "x.yaml:10:20: the sql template reads params.retention_dayz, which is not declared for task 'prune'; did you mean 'retention_days'?",
        ])
    }

    func testAParamReadInAnIncludedSQLFileIsLocatedInThatFileAndEveryFormOfReadIsChecked() throws {
        try write("include/load.sql", "SELECT 1\nWHERE a = {{ params['limt'] }}\n  AND b = {{ params.get('nme') }}\n")
        let problems = try problems("""
            dag_id: p
            schedule: null
            default_args: {connection: w}
            tasks:
              - task_id: load
                params: {limit: 5, name: x}
                sql: include/load.sql
            """)
        XCTAssertEqual(located(problems), [
            "load.sql:2:14: the sql template reads params.limt, which is not declared for task 'load'; did you mean 'limit'?",
            "load.sql:3:14: the sql template reads params.nme, which is not declared for task 'load'; did you mean 'name'?",
        ])
        XCTAssertTrue(problems.allSatisfy { $0.file.hasSuffix("include/load.sql") }, "\(problems)")
    }

    func testDeclaredParamsAndReadsThatCopeWithAnAbsentParamAreNoProblem() throws {
        let problems = try problems("""
            dag_id: p
            schedule: null
            params: {a: "{{ params.b }}"}
            default_args: {connection: w}
            tasks:
              - task_id: t
                params: {b: 1}
                sql: |
                  {% set params2 = 1 %}{{ params.a }} {{ params.limit | default(5) }} {{ params.get('x', 0) }}
                  {% if params.y is defined %}{{ params.y }}{% endif %} {% if 'z' in params %}{{ params.z }}{% endif %}
                  {% for params in [{'q': 1}] %}{{ params.q }}{% endfor %}
            """)
        XCTAssertEqual(problems, [])
    }

    func testAnItemMissingAKeyATemplateReadsIsAProblemAtTheItemInTheIncludedFile() throws {
        try write("include/tables.yaml", "- table: orders\n  ts: created\n- tabel: refunds\n  ts: created\n")
        let problems = try problems("""
            dag_id: g
            schedule: null
            default_args: {connection: w}
            tasks:
              - group: copies
                for_each: include/tables.yaml
                task_id: "copy_{{ item.table }}"
                sql: "SELECT {{ item.ts }} FROM {{ item.table }} {{ item.where | default('') }}"
            """)
        XCTAssertEqual(located(problems), [
            "tables.yaml:3:3: this item has no key 'table', which the task_id template reads at dags/x.yaml:7:23; did you mean 'tabel'?",
        ])
        XCTAssertTrue(problems[0].file.hasSuffix("include/tables.yaml"), problems[0].file)
    }

    private let auditDag = """
        dag_id: lake
        schedule: null
        default_args: {connection: w}
        tasks:
          - group: exports
            for_each:
              - {table: orders, not_null: [id, amount]}
              - {table: refunds, not_null: "id, refunded_at"}
              - {table: payments, not_null: "id, paid at"}
            task_id: "export_{{ item.table }}"
            type: export
            table: "{{ item.table }}"
            destination: lake
            path: "{{ item.table }}/{{ ds }}"
            audits:
              - not_null: "{{ item.not_null }}"
              - unique: [id]
        """

    func testAnAuditColumnListIsRenderedWithEachItemAndABadOneIsAProblemAtThatItem() throws {
        XCTAssertEqual(located(try problems(auditDag)), [
            "x.yaml:9:9: the not_null columns of task 'export_payments' made from this item: 'paid at' is not a column name: it must start with a letter or '_' and hold only letters, digits, '_' and '$' (at most 63 bytes); audit other columns with a sql audit",
        ])
    }

    func testTheExportsAuditsRenderEachItemsColumnsAsTheRunUsesThem() throws {
        try write("dags/x.yaml", auditDag.replacingOccurrences(of: "id, paid at", with: "id"))
        let dag = try XCTUnwrap(try DagFolderLoader(folder: folder.appendingPathComponent("dags")).load().dags["lake"])
        let run = TaskRenderer.scheduledRun(of: dag, logicalDate: Date(timeIntervalSince1970: 0))
        var columns: [String: [[String]]] = [:]
        for task in dag.tasks {
            let audits = try TaskRenderer(environment: [:]).render(audits: task.export?.audits ?? [], task: task, dag: dag, run: run)
            columns[task.taskId] = audits.compactMap {
                switch $0 {
                case .notNull(let c), .unique(let c): return c
                default: return nil
                }
            }
        }
        XCTAssertEqual(columns, [
            "export_orders": [["id", "amount"], ["id"]],
            "export_refunds": [["id", "refunded_at"], ["id"]],
            "export_payments": [["id"], ["id"]],
        ])
    }

    func testAPlainAuditColumnThatIsNoColumnNameIsAProblemWhereItIsWritten() throws {
        let problems = try problems("""
            dag_id: e
            schedule: null
            default_args: {connection: w}
            tasks:
              - task_id: export
                type: export
                table: orders
                destination: lake
                path: orders
                audits:
                  - unique: [id, "order-id"]
            """)
        XCTAssertEqual(located(problems).count, 1)
        XCTAssertTrue((located(problems).first ?? "").hasPrefix("x.yaml:11:22: unique: 'order-id' is not a column name: it must start with a letter"), "\(problems)")
    }
}
