import Foundation
import SluiceCore

/// The human-readable renderings of a payload: the Slack line, the email subject and the email body.
extension NotificationPayload {
    /// The event as a headline word: `FAILED`, `RETRIES EXHAUSTED`, `DEADLINE MISSED`.
    public var headline: String {
        event.rawValue.replacingOccurrences(of: "_", with: " ").uppercased()
    }

    /// The logical date's day (`2026-11-20`) in `timeZone`, when there is one.
    var logicalDay: String? {
        logicalDate.map { String(DateText.iso($0, in: timeZone).prefix(10)) }
    }

    /// `[sluice] FAILED metrics_lake_export export_metrics 2026-11-20`: event, DAG, task and logical day, on
    /// one line (line breaks in ids are replaced so the subject stays one header line).
    public var emailSubject: String {
        Self.oneLine((["[sluice]", headline, dagID] + [taskID, logicalDay].compactMap { $0 }).joined(separator: " "))
    }

    /// One line: the subject, then the first line of the error (up to 200 characters) or the published
    /// partition, e.g. `[sluice] FAILED dag task 2026-11-20: relation "x" does not exist`.
    public var summaryLine: String {
        var line = emailSubject
        if let published {
            line += ": \(published.path) (\(published.files) files, \(published.rows) rows, \(published.bytes) bytes)"
        } else if let error, let first = error.split(whereSeparator: \.isNewline).first {
            let text = first.trimmingCharacters(in: .whitespaces)
            line += ": " + (text.count > 200 ? String(text.prefix(199)) + "…" : text)
        }
        return Self.oneLine(line)
    }

    /// Slack's/Mattermost's incoming-webhook body, `{"text":"<summary line> <ui_url>"}`. `&`, `<` and `>` in
    /// the summary are escaped as Slack requires; the URL is appended bare so both products link it.
    public func slackBody() -> Data {
        let escaped = summaryLine.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        let text = uiURL.map { escaped + " " + $0 } ?? escaped
        return Data(JSONValue.object([("text", .string(text))]).jsonText.utf8)
    }

    /// The plain-text email body: a `Label: value` line per field that has a value, then the full error.
    public var emailBody: String {
        var lines = [summaryLine, ""]
        for (key, value) in fields where key != "error" {
            guard let value else { continue }
            switch value {
            case let .string(text): lines.append("\(key): \(text)")
            case let .int(number): lines.append("\(key): \(number)")
            default: lines.append("\(key): \(value.jsonText)")
            }
        }
        if let error {
            lines += ["", "error:", error]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` with line breaks and tabs replaced by spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
