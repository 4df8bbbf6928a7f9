import Foundation
import SluiceCore

/// What a notification says, independent of how it is delivered: the fields of the JSON webhook body, from
/// which the Slack line and the email subject and body are derived too.
///
/// Fields without a value (a run-level event has no `task_id`; `log_url` and `ui_url` need
/// `SLUICE_PUBLIC_URL`) are omitted from the JSON, never sent as `null`. Dates are ISO 8601 with an offset,
/// as in run ids (`2026-11-20T00:00:00+00:00`), in `timeZone` (UTC unless the caller passes the DAG's zone).
/// `error` is truncated to `maxErrorLength` characters on creation; masking secrets in it is the caller's
/// job (`masked(by:)` helps).
public struct NotificationPayload: Sendable, Equatable {
    /// The longest `error` kept, in characters; longer text ends with `…`.
    public static let maxErrorLength = 2_000

    /// Stable across delivery attempts (the outbox row's id); also the `X-Sluice-Delivery` header.
    public var eventID: String
    public var event: NotificationEvent
    public var occurredAt: Date
    public var dagID: String
    public var runID: String?
    public var runType: String?
    public var logicalDate: Date?
    public var dataIntervalStart: Date?
    public var dataIntervalEnd: Date?
    public var taskID: String?
    public var tryNumber: Int?
    public var maxTries: Int?
    public var state: String?
    public private(set) var error: String?
    public var logURL: String?
    public var uiURL: String?
    /// Set for `published` events.
    public var published: PublishedPartition?
    /// The zone dates are printed in.
    public var timeZone: TimeZone

    public init(eventID: String, event: NotificationEvent, occurredAt: Date, dagID: String, runID: String? = nil,
                runType: String? = nil, logicalDate: Date? = nil, dataIntervalStart: Date? = nil,
                dataIntervalEnd: Date? = nil, taskID: String? = nil, tryNumber: Int? = nil, maxTries: Int? = nil,
                state: String? = nil, error: String? = nil, logURL: String? = nil, uiURL: String? = nil,
                published: PublishedPartition? = nil, timeZone: TimeZone = TimeZone(secondsFromGMT: 0) ?? .current) {
        self.eventID = eventID
        self.event = event
        self.occurredAt = occurredAt
        self.dagID = dagID
        self.runID = runID
        self.runType = runType
        self.logicalDate = logicalDate
        self.dataIntervalStart = dataIntervalStart
        self.dataIntervalEnd = dataIntervalEnd
        self.taskID = taskID
        self.tryNumber = tryNumber
        self.maxTries = maxTries
        self.state = state
        self.logURL = logURL
        self.uiURL = uiURL
        self.published = published
        self.timeZone = timeZone
        self.error = error.map(Self.truncated)
    }

    /// The error text, truncated to `maxErrorLength` characters.
    public mutating func setError(_ text: String?) {
        error = text.map(Self.truncated)
    }

    static func truncated(_ text: String) -> String {
        text.count <= maxErrorLength ? text : String(text.prefix(maxErrorLength - 1)) + "…"
    }

    /// The payload with `mask` applied to every free-text field (error, state, published path, URLs).
    public func masked(by mask: (String) -> String) -> NotificationPayload {
        var copy = self
        copy.error = error.map(mask)
        copy.state = state.map(mask)
        copy.logURL = logURL.map(mask)
        copy.uiURL = uiURL.map(mask)
        copy.published?.path = mask(published?.path ?? "")
        return copy
    }

    /// The fields in the webhook body, by JSON name; nil values are left out.
    var fields: [(String, JSONValue?)] {
        let date: (Date?) -> JSONValue? = { $0.map { .string(DateText.iso($0, in: timeZone)) } }
        var list: [(String, JSONValue?)] = [
            ("event_id", .string(eventID)), ("event", .string(event.rawValue)), ("occurred_at", date(occurredAt)),
            ("dag_id", .string(dagID)), ("run_id", runID.map(JSONValue.string)), ("run_type", runType.map(JSONValue.string)),
            ("logical_date", date(logicalDate)), ("data_interval_start", date(dataIntervalStart)),
            ("data_interval_end", date(dataIntervalEnd)), ("task_id", taskID.map(JSONValue.string)),
            ("try_number", tryNumber.map { .int($0) }), ("max_tries", maxTries.map { .int($0) }),
            ("state", state.map(JSONValue.string)), ("error", error.map(JSONValue.string)),
            ("log_url", logURL.map(JSONValue.string)), ("ui_url", uiURL.map(JSONValue.string)),
        ]
        if let published {
            list += [("path", .string(published.path)), ("files", .int(published.files)),
                     ("rows", .int(published.rows)), ("bytes", .int(published.bytes))]
        }
        return list
    }

    /// The JSON webhook body: one object, keys in the documented order, nil fields omitted, no trailing newline.
    public func jsonBody() -> Data {
        Data(JSONValue.object(fields.compactMap { key, value in value.map { (key, $0) } }).jsonText.utf8)
    }
}
