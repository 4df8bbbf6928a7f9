/// The state of one task instance, with Airflow's snake_case raw values
/// (the metadata store and logs use them verbatim).
///
/// `none` is a task instance nobody has scheduled yet (Airflow's NULL state).
public enum TaskState: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    case scheduled
    case queued
    case running
    case success
    case failed
    case upForRetry = "up_for_retry"
    case upstreamFailed = "upstream_failed"
    case skipped

    /// Whether the task instance will not change again on its own:
    /// `success`, `failed`, `upstream_failed` or `skipped`.
    /// `up_for_retry` is not finished: another try will come.
    public var isFinished: Bool {
        switch self {
        case .success, .failed, .upstreamFailed, .skipped: return true
        case .none, .scheduled, .queued, .running, .upForRetry: return false
        }
    }

    /// Whether the state counts as a failure of the run (`failed` or `upstream_failed`).
    public var isFailure: Bool {
        self == .failed || self == .upstreamFailed
    }
}
