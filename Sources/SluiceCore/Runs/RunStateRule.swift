/// The pure rule that derives a DAG run's state from its task instances' states.
///
/// - `success` when every task is finished and none failed (skipped counts as done);
/// - `failed` when every task is finished and at least one is `failed` or `upstream_failed`;
/// - `running` otherwise (something is still to run, running, or up for retry).
/// A run with no tasks is a success. It never answers `queued`: starting a run is the
/// scheduler's decision, not a consequence of task states.
public enum RunStateRule {
    public static func state(of tasks: [TaskState]) -> RunState {
        var anyFailed = false
        for task in tasks {
            if !task.isFinished { return .running }
            if task.isFailure { anyFailed = true }
        }
        return anyFailed ? .failed : .success
    }
}
