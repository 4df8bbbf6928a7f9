import Foundation
import SluiceCore
import SluiceStore

/// A backfill for the schedulers to carry out (the API's `POST /api/v2/backfills`, `dags backfill --remote`):
/// the runs to create, rerun and adopt for each logical date of the range, decided from the runs already
/// stored, ready for `SQLMetadataStore.createBackfill`.
public struct BackfillPlan: Sendable {
    public var creation: BackfillCreation
    /// The logical dates that will run (new runs and reruns), in the order they run.
    public var dates: [Date]

    /// - Parameters:
    ///   - behavior: Airflow's `reprocess_behavior`: none, failed or completed.
    ///   - existing: the DAG's stored runs with logical dates in the range (one read for the whole range).
    public static func make(dag: Dag, from: Date, through: Date, behavior: String, maxActiveRuns: Int, conf: JSONValue,
                            backwards: Bool, existing: [DagRun], now: Date) -> BackfillPlan {
        let reprocess: BackfillDecision.Reprocess = behavior == "completed" ? .all : behavior == "failed" ? .failed : .none
        var infos = dag.timetable.runs(logicalDatesFrom: from, through: through)
        if backwards { infos.reverse() }
        var newRuns: [DagRun] = [], rerun: [String] = [], adopt: [String] = [], dates: [Date] = []
        let byDate = Dictionary(existing.map { ($0.logicalDate, $0) }, uniquingKeysWith: { first, _ in first })
        for info in infos {
            let stored = byDate[info.logicalDate]
            switch BackfillDecision.decide(existing: stored?.state, reprocess: reprocess) {
            case .run:
                newRuns.append(RunCreation.run(of: dag, info: info, type: .backfill, conf: conf, state: .queued, now: now))
                dates.append(info.logicalDate)
            case .rerun:
                if let stored { rerun.append(stored.runId) }
                dates.append(info.logicalDate)
            case .resume:
                if let stored { adopt.append(stored.runId) }
            case .skip:
                break
            }
        }
        let creation = BackfillCreation(
            dagId: dag.dagId, from: from, through: through, reprocessBehavior: behavior, maxActiveRuns: maxActiveRuns, conf: conf.jsonText,
            newRuns: newRuns, rerunIds: rerun, rerunOnlyFailed: reprocess == .failed, adoptIds: adopt, taskIds: dag.tasks.map(\.taskId),
            maxTries: Dictionary(dag.tasks.map { ($0.taskId, $0.retries) }, uniquingKeysWith: { a, _ in a }))
        return BackfillPlan(creation: creation, dates: dates)
    }
}
