import Foundation
import SluiceCore
@testable import SluiceExecution
import XCTest

/// What an attempt hands the renderer, and the executor's connection limits.
final class TaskAttemptTests: XCTestCase {
    func attempt(conf: String, sql: String = "SELECT 1", type: TaskType = .sql, params: [(String, JSONValue)] = []) throws -> TaskAttempt {
        let day = Date(timeIntervalSince1970: 1_800_000_000)
        var task = TaskSpec(taskId: "t", type: type, sql: TemplateSource(text: sql, name: "t"), connection: "pg")
        task.params = params
        let dag = Dag(dagId: "d", schedule: nil, timetable: try Timetable(schedule: nil, kind: .interval, timeZone: .gmt), timeZone: .gmt, startDate: nil,
                      tasks: [task], fileURL: URL(fileURLWithPath: "/tmp/d.yaml"), projectRoot: URL(fileURLWithPath: "/tmp"))
        let run = DagRun(dagId: "d", runType: .manual, logicalDate: day, dataIntervalStart: day, dataIntervalEnd: day, conf: conf)
        return TaskAttempt(dag: dag, task: task, run: run, instance: TaskInstance(dagId: "d", runId: run.runId, taskId: "t"))
    }

    func testARunsConfOverridesParamsWhenRendering() throws {
        let run = try attempt(conf: #"{"table": "events"}"#).renderRun()
        XCTAssertEqual(run.paramOverrides.first?.0, "table")
    }

    func testAConfThatIsNotAJSONObjectFailsTheRenderSayingSo() throws {
        for bad in ["{not json", "[1, 2]"] {
            XCTAssertThrowsError(try attempt(conf: bad).renderRun(), bad) { error in
                XCTAssertTrue("\(error)".contains("the conf of run 'manual__"), "\(error)")
                XCTAssertTrue("\(error)".contains("--conf"), "\(error)")
            }
        }
    }

    func testOnlyAnAttemptThatRendersWithTheContextAsksForThePreviousSuccessfulRun() throws {
        // Plain statements render as themselves: the store is not asked for prev_*_success on their behalf.
        XCTAssertFalse(try attempt(conf: "{}").rendersWithContext)
        XCTAssertFalse(try attempt(conf: #"{"table": "events"}"#, params: [("limit", .int(5))]).rendersWithContext)
        XCTAssertFalse(try attempt(conf: "{}", type: .empty).rendersWithContext)
        // A tag anywhere the renderer looks (the statement, a param, the conf that overrides params) renders with it.
        XCTAssertTrue(try attempt(conf: "{}", sql: "SELECT '{{ prev_start_date_success }}'").rendersWithContext)
        XCTAssertTrue(try attempt(conf: "{}", params: [("since", .string("{{ prev_ds }}"))]).rendersWithContext)
        XCTAssertTrue(try attempt(conf: #"{"since": "{{ prev_end_date_success }}"}"#).rendersWithContext)
        XCTAssertTrue(try attempt(conf: #"{"since": "\u007b{ ds }}"}"#).rendersWithContext, "a tag spelled with JSON escapes")
        var overridden = try attempt(conf: "{}")
        overridden.paramOverrides = [("since", .string("{% if true %}x{% endif %}"))]
        XCTAssertTrue(overridden.rendersWithContext)
        // Exports and audits render their statements, file names and checks with the context.
        XCTAssertTrue(try attempt(conf: "{}", type: .export).rendersWithContext)
        // A conf that is not a JSON object fails the try when rendering: nothing is skipped on its account.
        XCTAssertTrue(try attempt(conf: "[1]").rendersWithContext)
    }

    func testConnectionLimitsAreSharedByEverySpellingOfAConnectionId() {
        var settings = ExecutorSettings(logsFolder: URL(fileURLWithPath: "/tmp"))
        settings.connectionLimits = [ExecutorSettings.connectionKey("MY_DB"): 2]
        XCTAssertEqual(settings.limit(forConnection: "my-db"), 2)
        XCTAssertEqual(settings.limit(forConnection: "My_Db"), 2)
        XCTAssertEqual(settings.limit(forConnection: "other"), settings.defaultConnectionLimit)
    }
}
