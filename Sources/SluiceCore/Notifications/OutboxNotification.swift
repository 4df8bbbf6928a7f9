import Foundation

/// A notification to send, as the state change that causes it writes it to the outbox: the event,
/// the notifier and the payload (JSON text, secrets already masked). `eventId` is stable: written
/// twice (a replayed state change) it is one notification.
public struct NotificationDraft: Sendable, Equatable {
    public var eventId: String
    public var notifier: String
    public var event: NotificationEvent
    public var dagId: String
    public var runId: String
    public var taskId: String?
    public var payload: String

    public init(eventId: String, notifier: String, event: NotificationEvent, dagId: String, runId: String, taskId: String?, payload: String) {
        self.eventId = eventId
        self.notifier = notifier
        self.event = event
        self.dagId = dagId
        self.runId = runId
        self.taskId = taskId
        self.payload = payload
    }
}

/// Where a notification stands in the outbox.
public enum OutboxState: String, Sendable, Codable {
    /// Not delivered yet: due at `nextAttemptAt`.
    case pending
    case delivered
    /// Given up: the receiver refused it (a 4xx other than 408/429) or 24 hours of retries failed.
    case failed
}

/// A row of the notification outbox.
public struct OutboxNotification: Sendable, Equatable {
    public var id: Int64
    public var draft: NotificationDraft
    public var state: OutboxState
    public var attempts: Int
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var lastAttemptAt: Date?
    public var lastError: String?
    public var deliveredAt: Date?

    public init(id: Int64, draft: NotificationDraft, state: OutboxState, attempts: Int, createdAt: Date, nextAttemptAt: Date,
                lastAttemptAt: Date?, lastError: String?, deliveredAt: Date?) {
        self.id = id
        self.draft = draft
        self.state = state
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
        self.deliveredAt = deliveredAt
    }
}
