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

    /// The run of `dag` named by `text`: a run id, or a logical date (`RunReference` holds the rules; a date
    /// without an offset is in the DAG's time zone).
    static func run(_ text: String, of dag: Dag, in store: any MetadataStore) async throws -> DagRun {
        try await RunReference(text).resolve(in: store, dagId: dag.dagId, timeZone: { _ in dag.timeZone })
    }
}
