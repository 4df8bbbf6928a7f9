import Foundation

/// Which task instances of one DAG a clear acts on (`sluice tasks clear`): the runs (a range of
/// logical dates, or one run), the tasks (all, or the ids a `TaskSelection` chose), and whether
/// only failed ones.
///
/// A value the store evaluates inside its clearing transaction, so what is cleared is what is
/// stored at that moment, not what a listing saw a moment earlier.
public struct ClearSelection: Sendable, Equatable {
    /// The runs whose task instances are candidates.
    public enum Runs: Sendable, Equatable {
        /// Runs with a logical date in `from...through`.
        case logicalDates(from: Date, through: Date)
        /// The run with this id.
        case runId(String)
    }

    public var dagId: String
    public var runs: Runs
    /// Only these task ids; nil for every task.
    public var taskIds: Set<String>?
    /// Only `failed` and `upstream_failed` instances.
    public var onlyFailed: Bool

    public init(dagId: String, runs: Runs, taskIds: Set<String>? = nil, onlyFailed: Bool = false) {
        self.dagId = dagId
        self.runs = runs
        self.taskIds = taskIds
        self.onlyFailed = onlyFailed
    }
}
