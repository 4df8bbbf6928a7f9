import Foundation
import SluiceCore
import SluiceDefinitions
import XCTest

/// `notify:` at DAG level, per task and in `default_args`, and `deadline:` (issue 12): who hears of
/// which event, and a located problem for an unknown notifier or event.
final class NotifySubscriptionTests: ProjectTestCase {
    private func load(_ yaml: String, notifiers: Set<String>? = ["ops_slack", "catalog_hook", "mail"]) throws -> Result<Dag, DefinitionsError> {
        try write("dags/x.yaml", yaml)
        var loader = DagFolderLoader(folder: folder.appendingPathComponent("dags"))
        loader.knownNotifiers = notifiers
        return loader.loadFile(folder.appendingPathComponent("dags/x.yaml"))
    }

    private let dagFile = """
        dag_id: n
        schedule: "@daily"
        start_date: 2026-01-01
        deadline: 2h
        notify:
          - to: ops_slack
            on: [failed, retries_exhausted, deadline_missed, run_failed]
          - to: catalog_hook
            on: published
        default_args:
          notify:
            - {to: mail, on: [retries_exhausted]}
        tasks:
          - task_id: inherits_default_args
          - task_id: own
            notify: [{to: ops_slack, on: [failed]}, {to: ops_slack, on: [audit_failed]}]
          - task_id: none
            notify: []
        """

    func testSubscriptionsComeFromTheTaskThenDefaultArgsThenTheDag() throws {
        let dag = try load(dagFile).get()
        XCTAssertEqual(dag.deadline, 7_200)
        XCTAssertEqual(dag.notifiers(for: .runFailed, taskId: nil), ["ops_slack"])
        XCTAssertEqual(dag.notifiers(for: .published, taskId: nil), ["catalog_hook"])
        XCTAssertEqual(dag.notifiers(for: .deadlineMissed, taskId: nil), ["ops_slack"])
        // default_args' notify replaces the DAG's for tasks without their own.
        XCTAssertEqual(dag.notifiers(for: .retriesExhausted, taskId: "inherits_default_args"), ["mail"])
        XCTAssertEqual(dag.notifiers(for: .failed, taskId: "inherits_default_args"), [])
        // A task's own list replaces both; a notifier named twice is sent once.
        XCTAssertEqual(dag.notifiers(for: .failed, taskId: "own"), ["ops_slack"])
        XCTAssertEqual(dag.notifiers(for: .auditFailed, taskId: "own"), ["ops_slack"])
        XCTAssertEqual(dag.notifiers(for: .retriesExhausted, taskId: "own"), [])
        // `notify: []` silences a task.
        XCTAssertEqual(dag.notifiers(for: .failed, taskId: "none"), [])
    }

    func testADagWithoutNotifyOrDeadlineHasNeither() throws {
        let dag = try load("dag_id: q\nschedule: null\ntasks:\n  - task_id: t\n").get()
        XCTAssertEqual(dag.notifications, [])
        XCTAssertNil(dag.deadline)
        XCTAssertEqual(dag.notifiers(for: .failed, taskId: "t"), [])
    }

    func testUnknownNotifiersEventsAndKeysAreLocatedProblems() throws {
        let yaml = """
            dag_id: bad
            schedule: null
            deadline: soon
            notify:
              - to: ops_slak
                on: [failed, faild]
              - {to: mail}
              - {to: mail, on: [run_failed], when: always}
            tasks:
              - task_id: t
                notify: ops_slack
            """
        guard case let .failure(error) = try load(yaml) else { return XCTFail("a DAG with bad notify entries loaded") }
        let lines = error.problems.map { "\($0.line):\($0.column) \($0.message)" }
        func has(_ line: Int, _ column: Int, _ text: String, file: StaticString = #filePath, lineNumber: UInt = #line) {
            XCTAssertTrue(lines.contains { $0.hasPrefix("\(line):\(column) ") && $0.contains(text) }, "\(line):\(column) \(text) not in \(lines)", file: file, line: lineNumber)
        }
        has(3, 11, "deadline 'soon' is not a duration")
        has(5, 9, "unknown notifier 'ops_slak': define SLUICE_NOTIFY_OPS_SLAK=https://... or smtp://...")
        has(5, 9, "did you mean 'ops_slack'")
        has(6, 18, "unknown event 'faild'")
        has(7, 5, "a notify entry needs `on:`")
        has(8, 34, "unknown notify key 'when'")
        has(11, 13, "notify must be a list")
        XCTAssertEqual(lines.count, 6, "\(lines)")
    }

    func testTheTestEventOfNotifyTestCannotBeSubscribedTo() throws {
        let yaml = """
            dag_id: t
            schedule: null
            notify: [{to: mail, on: [test]}]
            tasks: [{task_id: a}]
            """
        guard case let .failure(error) = try load(yaml) else { return XCTFail("`on: [test]` loaded") }
        XCTAssertTrue(error.problems.contains { $0.line == 3 && $0.message.contains("unknown event 'test'") }, "\(error.problems)")
    }

    func testNotifiersAreOnlyCheckedWhenTheEnvironmentIsKnown() throws {
        let yaml = "dag_id: u\nschedule: null\nnotify: [{to: anything, on: [failed]}]\ntasks:\n  - task_id: t\n"
        XCTAssertEqual(try load(yaml, notifiers: nil).get().notifiers(for: .failed, taskId: "t"), ["anything"])
        XCTAssertEqual(DagFolderLoader.notifierIDs(in: ["SLUICE_NOTIFY_OPS_SLACK": "https://x", "SLUICE_NOTIFY_OPS_SLACK_SECRET": "s",
                                                         "SLUICE_NOTIFY_MAIL_FORMAT": "json", "SLUICE_NOTIFY_": "x", "OTHER": "y"]),
                       ["ops_slack"])
    }
}
