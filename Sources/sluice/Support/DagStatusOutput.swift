import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceScheduler
import SluiceStore

/// The columns `sluice status` and `dags list` share, as table cells and as JSON.
enum DagStatusOutput {
    static let header = ["dag_id", "paused", "last run", "state", "failed 7d", "next run"]

    static func cells(_ status: DagStatus) -> [String] {
        [status.dag.dagId, status.isPaused ? "yes" : "no", status.lastRun.map { DateText.iso($0.logicalDate) } ?? "-",
         status.lastRun?.state.rawValue ?? "-", "\(status.failedRecently)", NextRunText.describe(status.nextRun)]
    }

    static func json(_ status: DagStatus) -> [(String, JSONValue)] {
        [
            ("dag_id", .string(status.dag.dagId)), ("is_paused", .bool(status.isPaused)),
            ("schedule", status.dag.schedule.map(JSONValue.string) ?? .null),
            ("last_run", status.lastRun.map { run in
                .object([("run_id", .string(run.runId)), ("run_type", .string(run.runType.rawValue)),
                         ("logical_date", .string(DateText.iso(run.logicalDate))), ("state", .string(run.state.rawValue))])
            } ?? .null),
            ("failed_runs_last_7_days", .int(status.failedRecently)),
            ("next_run", NextRunText.json(status.nextRun)),
        ]
    }

    static func json(_ problem: DagProblem) -> JSONValue {
        .object([("file", .string(problem.file)), ("line", .int(problem.line)), ("column", .int(problem.column)),
                 ("message", .string(problem.message))])
    }
}
