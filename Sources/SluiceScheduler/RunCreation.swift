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
    ///
    /// With `replacing` (`dags trigger --replace`), the run of that id is deleted in the same
    /// transaction and the new instances continue its try numbers, as a clear would: the first try
    /// of the new run is the old try + 1 and writes its own log file (`<try>.log`), so a replaced
    /// try still writing its last lines never mixes them into the new try's log.
    public static func create(_ run: DagRun, of dag: Dag, in store: any MetadataStore, replacing: String? = nil) async throws {
        let maxTries = Dictionary(dag.tasks.map { ($0.taskId, $0.retries) }, uniquingKeysWith: { a, _ in a })
        if let replacing {
            try await store.replaceRun(replacing, with: run, taskIds: dag.tasks.map(\.taskId), maxTries: maxTries)
        } else {
            try await store.createRun(run, taskIds: dag.tasks.map(\.taskId), maxTries: maxTries)
        }
    }
}
