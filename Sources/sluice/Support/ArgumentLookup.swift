import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceStore

/// Finds what a command's arguments name: a task of a DAG, a run by its id or its logical date.
/// Failures are `LookupError`s that say what exists (and "did you mean" for a task).
enum ArgumentLookup {
    /// The task `taskId` of `dag`.
    static func task(_ taskId: String, of dag: Dag) throws -> TaskSpec {
        if let task = dag.task(taskId) { return task }
        let ids = dag.tasks.map(\.taskId)
        let hint = DidYouMean.hint(for: taskId, among: ids)
        throw LookupError(message: "DAG '\(dag.dagId)' has no task '\(UserText.quote(taskId))'\(hint) (tasks: \(UserText.quote(ids.joined(separator: ", "))))")
    }

    /// The run of `dag` named by `text`: a run id, or a logical date (YYYY-MM-DD or ISO; naive: in
    /// the DAG's time zone).
    static func run(_ text: String, of dag: Dag, in store: any MetadataStore) async throws -> DagRun {
        if let run = try await store.run(dagId: dag.dagId, runId: text) { return run }
        if let date = DateText.parse(text, in: dag.timeZone), let run = try await store.run(dagId: dag.dagId, logicalDate: date) {
            return run
        }
        let what = DateText.parse(text, in: dag.timeZone) == nil ? "no run with id" : "no run at logical date"
        throw LookupError(message: "DAG '\(dag.dagId)' has \(what) '\(UserText.quote(text))'; name a run by its run id or its logical date (see `sluice runs list --dag \(dag.dagId)`)")
    }
}
