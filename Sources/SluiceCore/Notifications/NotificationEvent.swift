/// What a DAG file can subscribe a notifier to (`notify: [{to: ops, on: [failed]}]`), by its YAML name.
public enum NotificationEvent: String, Sendable, CaseIterable, Codable {
    case failed, retriesExhausted = "retries_exhausted", runFailed = "run_failed", runSucceeded = "run_succeeded", published, auditFailed = "audit_failed", deadlineMissed = "deadline_missed", recovered
}
