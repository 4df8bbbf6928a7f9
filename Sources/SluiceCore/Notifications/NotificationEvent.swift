/// Something that happened to a run or a task that a DAG file can subscribe a notifier to
/// (`notify: [{to: ops_slack, on: [failed, deadline_missed]}]`). The raw value is the name used in DAG
/// files and in the `event` field of the payload.
public enum NotificationEvent: String, Sendable, CaseIterable, Codable {
    case failed, retriesExhausted = "retries_exhausted", runFailed = "run_failed", runSucceeded = "run_succeeded", published, auditFailed = "audit_failed", deadlineMissed = "deadline_missed", recovered
    /// The message `sluice notify test ID` sends; never written by a state change, not subscribable.
    case test

    /// The events a DAG file can subscribe to (every event but `test`).
    public static let subscribable: [NotificationEvent] = allCases.filter { $0 != .test }
}
