/// The state of a whole DAG run, with Airflow's raw values.
///
/// A run is `queued` until the scheduler starts it, `running` while any task can
/// still change, and `success` or `failed` once every task has finished.
public enum RunState: String, Sendable, Hashable, Codable, CaseIterable {
    case queued
    case running
    case success
    case failed

    /// Whether the run is over (`success` or `failed`).
    public var isFinished: Bool {
        self == .success || self == .failed
    }
}
