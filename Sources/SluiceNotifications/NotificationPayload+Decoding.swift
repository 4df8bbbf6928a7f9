import Foundation
import SluiceCore

/// Reading a payload back from the JSON the outbox stores, and completing it at delivery time.
extension NotificationPayload {
    /// The payload whose `jsonBody()` is `text` (the outbox's stored payload). Dates keep the offset they
    /// were written with, so `jsonBody()` of the result reproduces `text`.
    public init(jsonBody text: String) throws {
        guard case let .object(members) = try JSONValue.parse(text) else {
            throw NotificationError.invalidPayload(reason: "it is not a JSON object")
        }
        var fields: [String: JSONValue] = [:]
        for (key, value) in members { fields[key] = value }
        func string(_ key: String) -> String? {
            if case let .string(value)? = fields[key] { return value }
            return nil
        }
        func int(_ key: String) -> Int? {
            if case let .int(value)? = fields[key] { return value }
            return nil
        }
        guard let eventID = string("event_id"), let eventName = string("event"), let event = NotificationEvent(rawValue: eventName),
              let occurred = string("occurred_at"), let dagID = string("dag_id") else {
            throw NotificationError.invalidPayload(reason: "it lacks event_id, a known event, occurred_at or dag_id")
        }
        let zone = Self.zone(of: occurred)
        func date(_ key: String) -> Date? { string(key).flatMap { DateText.parse($0, in: zone) } }
        guard let occurredAt = date("occurred_at") else {
            throw NotificationError.invalidPayload(reason: "occurred_at is not an ISO 8601 date")
        }
        var published: PublishedPartition?
        if let path = string("path") {
            published = PublishedPartition(path: path, files: int("files") ?? 0, rows: int("rows") ?? 0, bytes: int("bytes") ?? 0)
        }
        self.init(eventID: eventID, event: event, occurredAt: occurredAt, dagID: dagID, runID: string("run_id"),
                  runType: string("run_type"), logicalDate: date("logical_date"), dataIntervalStart: date("data_interval_start"),
                  dataIntervalEnd: date("data_interval_end"), taskID: string("task_id"), tryNumber: int("try_number"),
                  maxTries: int("max_tries"), state: string("state"), error: string("error"), logURL: string("log_url"),
                  uiURL: string("ui_url"), published: published, timeZone: zone)
    }

    /// The fixed-offset zone of an ISO 8601 date-time's `Z` or `±HH:MM` suffix (UTC when there is none).
    static func zone(of text: String) -> TimeZone {
        let utc = TimeZone(secondsFromGMT: 0) ?? .current
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 6, !text.hasSuffix("Z") else { return utc }
        let suffix = scalars.suffix(6)
        guard let sign = suffix.first, sign == "+" || sign == "-", suffix[suffix.startIndex + 3] == ":",
              let hours = Int(String(String.UnicodeScalarView(suffix.dropFirst().prefix(2)))),
              let minutes = Int(String(String.UnicodeScalarView(suffix.suffix(2)))) else { return utc }
        let seconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        return TimeZone(secondsFromGMT: seconds) ?? utc
    }

    /// The payload with `ui_url` (the run's page) and, for task events, `log_url` (the try's log) under
    /// `publicURL` (`SLUICE_PUBLIC_URL`), where they are not set yet. Paths follow Airflow 3's UI:
    /// `/dags/<dag>/runs/<run>` and `/dags/<dag>/runs/<run>/tasks/<task>?try_number=<n>`.
    public func linked(to publicURL: URL?) -> NotificationPayload {
        guard let publicURL, let runID else { return self }
        var base = publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        func segment(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: Self.pathSegmentCharacters) ?? text
        }
        var copy = self
        let run = "\(base)/dags/\(segment(dagID))/runs/\(segment(runID))"
        if copy.uiURL == nil { copy.uiURL = run }
        if copy.logURL == nil, let taskID, let tryNumber {
            copy.logURL = "\(run)/tasks/\(segment(taskID))?try_number=\(tryNumber)"
        }
        return copy
    }

    /// Unreserved characters (RFC 3986) plus the sub-delimiters safe in a path segment.
    private static let pathSegmentCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;=:@")

    /// The message `sluice notify test ID` sends: event `test`, DAG `sluice`, no run.
    public static func test(notifier: String, now: Date) -> NotificationPayload {
        let stamp = Int64(now.timeIntervalSince1970 * 1000)
        return NotificationPayload(eventID: "test/\(notifier)/\(stamp)", event: .test, occurredAt: now, dagID: "sluice",
                                   state: "test message from sluice notify test \(notifier)")
    }
}
