import Foundation
import SluiceCore
import SluiceDefinitions
import XCTest

final class DagFolderLoaderTests: ProjectTestCase {
    private func load() throws -> DagBag {
        try DagFolderLoader(folder: folder.appendingPathComponent("dags")).load()
    }

    func testOneBrokenFileDoesNotStopTheOthersFromLoading() throws {
        try write("dags/a_good.yaml", "dag_id: good\nschedule: null\ntasks:\n  - task_id: t\n")
        try write("dags/b_broken.yaml", "dag_id: broken\nschedule: \"@dayly\"\nstart_date: 2021-01-01\ntasks:\n  - task_id: t\n")
        try write("dags/c_good.yml", "dag_id: also_good\nschedule: null\ntasks:\n  - task_id: t\n")
        let bag = try load()
        XCTAssertEqual(Set(bag.dags.keys), ["good", "also_good"])
        XCTAssertEqual(bag.problems.count, 1)
        XCTAssertEqual(bag.problems.first?.file.hasSuffix("b_broken.yaml"), true)
    }

    func testADagIdDefinedTwiceIsAProblemOfTheSecondFile() throws {
        try write("dags/a.yaml", "dag_id: same\nschedule: null\ntasks:\n  - task_id: t\n")
        try write("dags/b.yaml", "dag_id: same\nschedule: null\ntasks:\n  - task_id: u\n")
        let bag = try load()
        XCTAssertEqual(bag.dags["same"]?.tasks.first?.taskId, "t")
        XCTAssertEqual(bag.problems.count, 1)
        XCTAssertTrue(bag.problems[0].file.hasSuffix("b.yaml"))
        XCTAssertTrue(bag.problems[0].message.contains("already defined in"))
    }

    func testAGroupMakesOneTaskPerItemAndItsNameStandsForAllOfThem() throws {
        try write("include/tables.yaml", "- {table: doc.metrics, ts: timestamp}\n- {table: doc.events, ts: created}\n")
        try write("dags/g.yaml", """
            dag_id: g
            schedule: "@daily"
            start_date: 2021-01-01
            default_args: {connection: warehouse, retries: 2, retry_delay: 1m}
            tasks:
              - task_id: start
              - group: copies
                for_each: include/tables.yaml
                task_id: "copy_{{ item.table }}"
                params: {table: "{{ item.table }}"}
                sql: "SELECT {{ params.table | sql_identifier }}, {{ item.ts }}"
                depends_on: [start]
                retries: 5
              - task_id: end
                depends_on: copies
            """)
        let bag = try load()
        XCTAssertEqual(bag.problems, [])
        let dag = try XCTUnwrap(bag.dags["g"])
        XCTAssertEqual(dag.tasks.map(\.taskId), ["start", "copy_doc.metrics", "copy_doc.events", "end"])
        XCTAssertEqual(dag.groups["copies"], ["copy_doc.metrics", "copy_doc.events"])
        XCTAssertEqual(Set(dag.task("end")?.upstream ?? []), ["copy_doc.metrics", "copy_doc.events"])
        XCTAssertEqual(dag.task("copy_doc.events")?.upstream, ["start"])
        XCTAssertEqual(dag.task("copy_doc.events")?.retries, 5)
        XCTAssertEqual(dag.task("start")?.retries, 2)
        XCTAssertEqual(dag.task("start")?.retryDelay, 60)
        XCTAssertEqual(dag.task("start")?.type, .empty)

        let run = TaskRenderer.scheduledRun(of: dag, logicalDate: try XCTUnwrap(DateText.parse("2021-03-01", in: dag.timeZone)))
        let rendered = try TaskRenderer(environment: [:]).render(try XCTUnwrap(dag.task("copy_doc.events")), of: dag, run: run)
        XCTAssertEqual(rendered.sql, "SELECT \"doc\".\"events\", created")
    }

    func testTasksAreOrderedUpstreamFirstWhateverTheFileOrder() throws {
        try write("dags/o.yaml", """
            dag_id: o
            schedule: null
            tasks:
              - {task_id: c, depends_on: [b]}
              - {task_id: b, depends_on: [a]}
              - {task_id: a}
            """)
        let dag = try XCTUnwrap(try load().dags["o"])
        XCTAssertEqual(dag.tasks.map(\.taskId), ["a", "b", "c"])
    }

    func testARenderErrorInInlineSQLPointsAtTheLineOfTheDagFile() throws {
        try write("dags/e.yaml", """
            dag_id: e
            schedule: "@daily"
            start_date: 2021-01-01
            default_args: {connection: warehouse}
            tasks:
              - task_id: t
                sql: |
                  SELECT 1
                  FROM {{ missing_table }}
            """)
        let dag = try XCTUnwrap(try load().dags["e"])
        let run = TaskRenderer.scheduledRun(of: dag, logicalDate: Date(timeIntervalSince1970: 1_610_668_800))
        XCTAssertThrowsError(try TaskRenderer(environment: [:]).render(dag.tasks[0], of: dag, run: run)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("e.yaml:9:"), text)
            XCTAssertTrue(text.contains("missing_table"), text)
        }
    }

    func testRunParamsOverrideTaskParamsWhichOverrideDagParams() throws {
        try write("dags/p.yaml", """
            dag_id: p
            schedule: null
            params: {a: dag, b: dag, c: dag}
            default_args: {connection: w}
            tasks:
              - task_id: t
                params: {b: task, c: task}
                sql: "{{ params.a }} {{ params.b }} {{ params.c }}"
            """)
        let dag = try XCTUnwrap(try load().dags["p"])
        var run = TaskRenderer.scheduledRun(of: dag, logicalDate: Date(timeIntervalSince1970: 0))
        run.paramOverrides = [("c", .string("run"))]
        XCTAssertEqual(try TaskRenderer(environment: [:]).render(dag.tasks[0], of: dag, run: run).sql, "dag task run")
    }

    func testSecretParamsAndEnvironmentSecretsAreKnownToTheMasker() throws {
        try write("dags/s.yaml", """
            dag_id: s
            schedule: null
            default_args: {connection: w}
            tasks:
              - task_id: t
                params: {api_token: "{{ env.MY_TOKEN }}", plain: "{{ env.PLAIN }}"}
                sql: "{{ params.api_token }} {{ params.plain }} {{ env.DB_PASSWORD }}"
            """)
        let dag = try XCTUnwrap(try load().dags["s"])
        let run = TaskRenderer.scheduledRun(of: dag, logicalDate: Date(timeIntervalSince1970: 0))
        let env = ["MY_TOKEN": "tok-123", "PLAIN": "visible", "DB_PASSWORD": "pw-456"]
        let rendered = try TaskRenderer(environment: env).render(dag.tasks[0], of: dag, run: run)
        XCTAssertEqual(rendered.sql, "tok-123 visible pw-456")
        XCTAssertEqual(rendered.masker.mask(rendered.sql), "*** visible ***")
    }
}
