import Foundation
import SluiceCore
@testable import SluiceExecution
import XCTest

/// What an attempt hands the renderer, and the executor's connection limits.
final class TaskAttemptTests: XCTestCase {
    func attempt(conf: String) throws -> TaskAttempt {
        let day = Date(timeIntervalSince1970: 1_800_000_000)
        let task = TaskSpec(taskId: "t", type: .sql, sql: TemplateSource(text: "SELECT 1", name: "t"), connection: "pg")
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

    func testConnectionLimitsAreSharedByEverySpellingOfAConnectionId() {
        var settings = ExecutorSettings(logsFolder: URL(fileURLWithPath: "/tmp"))
        settings.connectionLimits = [ExecutorSettings.connectionKey("MY_DB"): 2]
        XCTAssertEqual(settings.limit(forConnection: "my-db"), 2)
        XCTAssertEqual(settings.limit(forConnection: "My_Db"), 2)
        XCTAssertEqual(settings.limit(forConnection: "other"), settings.defaultConnectionLimit)
    }
}
