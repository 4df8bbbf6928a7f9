import Foundation
import SluiceCore

/// The notification outbox (issue 12): rows written with the state change that causes them, claimed
/// by one delivering process at a time, and ended as delivered or failed.
extension SQLMetadataStore {
    static let outboxColumns = "id, event_id, notifier, event, dag_id, run_id, task_id, payload, state, attempts, created_at, next_attempt_at, last_attempt_at, last_error, delivered_at"

    /// Writes `drafts` inside the caller's transaction; one already written (same event id and
    /// notifier) is left as it is, so replaying a state change never sends twice.
    static func enqueue(_ drafts: [NotificationDraft], now: Date, in db: any StoreConnection) throws {
        guard !drafts.isEmpty else { return }
        let insert = try db.prepare("""
            INSERT INTO notification_outbox (event_id, notifier, event, dag_id, run_id, task_id, payload, created_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, operation: "preparing a notification")
        for d in drafts {
            try insert.run([.text(d.eventId), .text(d.notifier), .text(d.event.rawValue), .text(d.dagId), .text(d.runId),
                            d.taskId.map { .text($0) } ?? .null, .text(d.payload), StoreDate.value(now), StoreDate.value(now)],
                           operation: "writing notification \(d.eventId) for \(d.notifier)")
        }
    }

    /// Writes notifications in a transaction of their own (events no state change carries).
    public func enqueueNotifications(_ drafts: [NotificationDraft], now: Date) async throws {
        try await database.perform { db in
            try db.transaction("writing \(drafts.count) notifications") { try Self.enqueue(drafts, now: now, in: db) }
        }
    }

    /// Claims up to `limit` due notifications for `owner` until `now + lease`: pending, due, and not
    /// held by another process (a claim whose lease ran out, e.g. of a killed process, is free again).
    public func claimDueNotifications(owner: String, now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxNotification] {
        try await database.perform { db in
            try db.transaction("claiming due notifications") {
                let due = try db.prepare("""
                    SELECT \(Self.outboxColumns) FROM notification_outbox
                    WHERE state = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
                    ORDER BY next_attempt_at, id LIMIT ?
                    """, operation: "preparing the due notifications")
                    .query([StoreDate.value(now), StoreDate.value(now), .integer(Int64(max(0, limit)))],
                           operation: "reading due notifications", row: Self.decodeOutbox)
                let claim = try db.prepare("UPDATE notification_outbox SET claimed_by = ?, claimed_until = ? WHERE id = ?",
                                           operation: "preparing a notification claim")
                for n in due {
                    try claim.run([.text(owner), StoreDate.value(now.addingTimeInterval(lease)), .integer(n.id)],
                                  operation: "claiming notification \(n.id)")
                }
                return due
            }
        }
    }

    /// Records one delivery attempt of a notification `owner` holds: delivered, due again (per
    /// `policy`), or failed for good. Nil when the claim was lost (another process took the row over
    /// after the lease ran out): nothing is written.
    public func recordDeliveryAttempt(id: Int64, owner: String, outcome: DeliveryRetryPolicy.Outcome, error: String?,
                                      policy: DeliveryRetryPolicy = DeliveryRetryPolicy(), now: Date) async throws -> OutboxState? {
        try await recordDeliveryAttempts([DeliveryAttempt(id: id, outcome: outcome, error: error, at: now)], owner: owner, policy: policy).first ?? nil
    }

    /// Records several attempts in one transaction (fewer writes to share the store with running tasks);
    /// the states in the order of `attempts`, nil where the claim was lost.
    public func recordDeliveryAttempts(_ attempts: [DeliveryAttempt], owner: String,
                                       policy: DeliveryRetryPolicy = DeliveryRetryPolicy()) async throws -> [OutboxState?] {
        guard !attempts.isEmpty else { return [] }
        return try await database.perform { db in
            try db.transaction("recording \(attempts.count) notification deliveries") {
                let lookup = try db.prepare("SELECT \(Self.outboxColumns) FROM notification_outbox WHERE id = ? AND claimed_by = ? AND state = 'pending'",
                                            operation: "preparing a notification lookup")
                let update = try db.prepare("""
                    UPDATE notification_outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_error = ?,
                        delivered_at = ?, claimed_by = NULL, claimed_until = NULL
                    WHERE id = ?
                    """, operation: "preparing a delivery record")
                return try attempts.map { attempt -> OutboxState? in
                    let id = attempt.id, now = attempt.at
                    guard let row = try lookup.query([.integer(id), .text(owner)], operation: "reading notification \(id)", row: Self.decodeOutbox).first else {
                        return nil
                    }
                    let count = row.attempts + 1
                    let state: OutboxState
                    var next = row.nextAttemptAt
                    if attempt.outcome == .delivered {
                        state = .delivered
                    } else if let retryAt = policy.nextAttempt(after: attempt.outcome, attempts: count, createdAt: row.createdAt, now: now) {
                        state = .pending
                        next = retryAt
                    } else {
                        state = .failed
                    }
                    try update.run([.text(state.rawValue), .integer(Int64(count)), StoreDate.value(next), StoreDate.value(now),
                                    state == .delivered ? .null : attempt.error.map { .text(String($0.prefix(2_000))) } ?? .null,
                                    state == .delivered ? StoreDate.value(now) : .null, .integer(id)],
                                   operation: "recording delivery of notification \(id)")
                    return state
                }
            }
        }
    }

    /// Frees the claims of pending notifications held by owners `isGone` says no longer run (a killed
    /// process on this host), so they are due at once instead of when their lease runs out. Returns how
    /// many were freed.
    @discardableResult
    public func releaseNotificationClaims(where isGone: @escaping @Sendable (String) -> Bool) async throws -> Int {
        try await database.perform { db in
            try db.transaction("releasing notification claims") {
                let owners = try db.prepare("SELECT DISTINCT claimed_by FROM notification_outbox WHERE state = 'pending' AND claimed_by IS NOT NULL",
                                            operation: "preparing the notification claims")
                    .query([], operation: "reading notification claims") { $0.text(0) }
                var freed = 0
                let release = try db.prepare("UPDATE notification_outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ? AND state = 'pending'",
                                             operation: "preparing a claim release")
                for owner in owners where isGone(owner) {
                    try release.run([.text(owner)], operation: "releasing notification claims")
                    freed += db.changes
                }
                return freed
            }
        }
    }

    /// Outbox rows, newest first: all, or those in `state`.
    public func notifications(state: OutboxState? = nil, limit: Int? = nil) async throws -> [OutboxNotification] {
        let condition = state == nil ? "" : " WHERE state = ?"
        var values: [StoreValue] = state.map { [.text($0.rawValue)] } ?? []
        values.append(.integer(limit.map { Int64(max(0, $0)) } ?? Int64.max))
        let sql = "SELECT \(Self.outboxColumns) FROM notification_outbox\(condition) ORDER BY id DESC LIMIT ?"
        let bound = values
        return try await database.perform { db in
            try db.prepare(sql, operation: "preparing the notification listing").query(bound, operation: "listing notifications", row: Self.decodeOutbox)
        }
    }

    /// Makes a failed notification due again now (`sluice notifications retry ID`); false when no
    /// failed notification has that id.
    public func retryNotification(id: Int64, now: Date) async throws -> Bool {
        try await database.perform { db in
            try db.transaction("retrying notification \(id)") {
                try db.prepare("UPDATE notification_outbox SET state = 'pending', next_attempt_at = ?, created_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND state = 'failed'",
                               operation: "preparing a notification retry")
                    .run([StoreDate.value(now), StoreDate.value(now), .integer(id)], operation: "retrying notification \(id)")
                return db.changes > 0
            }
        }
    }

    /// Counts for monitoring: per notifier and event, the notifications delivered and failed, the
    /// attempts beyond the first (retries), and the pending ones.
    public func notificationCounts() async throws -> [NotificationCounts] {
        try await database.perform { db in
            try db.prepare("""
                SELECT notifier, event, SUM(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), SUM(CASE WHEN attempts > 1 THEN attempts - 1 ELSE 0 END)
                FROM notification_outbox GROUP BY notifier, event ORDER BY notifier, event
                """, operation: "preparing the notification counts")
                .query([], operation: "counting notifications") { row in
                    let event = row.text(1)
                    guard let e = NotificationEvent(rawValue: event) else {
                        throw StoreError.invalidStoredValue(column: "notification_outbox.event", value: event)
                    }
                    return NotificationCounts(notifier: row.text(0), event: e, delivered: Int(row.int64(2)), failed: Int(row.int64(3)),
                                              pending: Int(row.int64(4)), retries: Int(row.int64(5)))
                }
        }
    }

    static func decodeOutbox(_ row: any StoreRow) throws -> OutboxNotification {
        let eventText = row.text(3), stateText = row.text(8)
        guard let event = NotificationEvent(rawValue: eventText) else {
            throw StoreError.invalidStoredValue(column: "notification_outbox.event", value: eventText)
        }
        guard let state = OutboxState(rawValue: stateText) else {
            throw StoreError.invalidStoredValue(column: "notification_outbox.state", value: stateText)
        }
        let draft = NotificationDraft(eventId: row.text(1), notifier: row.text(2), event: event, dagId: row.text(4), runId: row.text(5),
                                      taskId: row.optionalText(6), payload: row.text(7))
        return OutboxNotification(id: row.int64(0), draft: draft, state: state, attempts: Int(row.int64(9)),
                                  createdAt: StoreDate.date(row.int64(10)), nextAttemptAt: StoreDate.date(row.int64(11)),
                                  lastAttemptAt: row.optionalInt64(12).map(StoreDate.date), lastError: row.optionalText(13),
                                  deliveredAt: row.optionalInt64(14).map(StoreDate.date))
    }
}

/// Delivered, failed, pending and retried notifications of one notifier and event.
public struct NotificationCounts: Sendable, Equatable {
    public var notifier: String
    public var event: NotificationEvent
    public var delivered: Int
    public var failed: Int
    public var pending: Int
    public var retries: Int
}

/// One delivery attempt to record: which notification, how it ended, the receiver's answer when it was
/// not delivered, and when.
public struct DeliveryAttempt: Sendable, Equatable {
    public var id: Int64
    public var outcome: DeliveryRetryPolicy.Outcome
    public var error: String?
    public var at: Date

    public init(id: Int64, outcome: DeliveryRetryPolicy.Outcome, error: String?, at: Date) {
        self.id = id
        self.outcome = outcome
        self.error = error
        self.at = at
    }
}
