/// Something that happened to a run or a task that a DAG file can subscribe a notifier to
/// (`notify: [{to: ops_slack, on: [failed, deadline_missed]}]`). The raw value is the name used in DAG
/// files and in the `event` field of the payload.
public enum NotificationEvent: String, Sendable, CaseIterable, Codable {
    case failed, retriesExhausted = "retries_exhausted", runFailed = "run_failed", runSucceeded = "run_succeeded", published, auditFailed = "audit_failed", deadlineMissed = "deadline_missed", recovered
}
