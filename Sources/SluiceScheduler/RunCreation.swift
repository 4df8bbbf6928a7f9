import Foundation
import SluiceCore
import SluiceStore

/// Creates runs with their task instances: the one place that turns a DAG and a data interval
/// into a stored run (scheduled, manual or backfill).
public enum RunCreation {
    /// The run for an interval of a DAG (not yet stored).
    public static func run(of dag: Dag, info: DagRunInfo, type: RunType, conf: JSONValue = .object([]), state: RunState = .queued, now: Date = Date()) -> DagRun {
        DagRun(
            dagId: dag.dagId, runType: type, logicalDate: info.logicalDate, dataIntervalStart: info.dataIntervalStart,
            dataIntervalEnd: info.dataIntervalEnd, runAfter: info.runAfter, conf: conf.jsonText, state: state,
            queuedAt: now, startedAt: state == .running ? now : nil
        )
    }

    /// Stores the run and one task instance per task of the DAG, with each task's retries.
    public static func create(_ run: DagRun, of dag: Dag, in store: any MetadataStore) async throws {
        let maxTries = Dictionary(dag.tasks.map { ($0.taskId, $0.retries) }, uniquingKeysWith: { a, _ in a })
        try await store.createRun(run, taskIds: dag.tasks.map(\.taskId), maxTries: maxTries)
    }
}
