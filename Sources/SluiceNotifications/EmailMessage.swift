import Foundation

/// The email an SMTP notifier sends for one payload: envelope sender and recipients, and the RFC 5322
/// message text (headers and a plain-text UTF-8 body, CRLF line ends). A pure value; sending is elsewhere.
///
/// `Message-ID` is derived from the event id, so a retried delivery carries the same id and mail clients
/// can collapse duplicates. Header values have line breaks removed (no header injection); a non-ASCII
/// subject is encoded as an RFC 2047 word. Body lines longer than 998 octets are wrapped. Dot-stuffing is
/// the SMTP client's job (libcurl does it).
public struct EmailMessage: Sendable, Equatable {
    public var from: String
    public var recipients: [String]
    public var subject: String
    /// The complete message: headers, blank line, body.
    public var text: String

    /// The message for `payload` from `settings.from` to `settings.to`, dated `now`.
    public init(payload: NotificationPayload, settings: SMTPSettings, now: Date) {
        from = settings.from
        recipients = settings.to
        subject = payload.emailSubject
        let idPart = String(payload.eventID.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }.map(Character.init))
        let domain = settings.from.split(separator: "@").last.map(String.init) ?? "sluice"
        let headers = [
            ("From", settings.from),
            ("To", settings.to.joined(separator: ", ")),
            ("Subject", Self.encodedHeaderValue(subject)),
            ("Date", Self.rfc5322Date(now)),
            ("Message-ID", "<sluice.\(idPart.isEmpty ? "event" : idPart)@\(domain)>"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("X-Sluice-Delivery", NotificationPayload.oneLine(payload.eventID)),
        ]
        let headerText = headers.map { "\($0.0): \(NotificationPayload.oneLine($0.1))" }.joined(separator: "\r\n")
        let bodyLines = payload.emailBody.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .flatMap { Self.wrapped(String($0), maxBytes: 998) }
        text = headerText + "\r\n\r\n" + bodyLines.joined(separator: "\r\n")
    }

    /// `Thu, 03 Dec 2026 14:13:06 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// The value as is when it is ASCII, else RFC 2047 `=?UTF-8?B?...?=` words of at most 45 octets of text
    /// each (so every word stays under the 75-character limit), separated by spaces.
    static func encodedHeaderValue(_ value: String) -> String {
        guard !value.unicodeScalars.allSatisfy(\.isASCII) else { return value }
        return wrapped(value, maxBytes: 45).map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: " ")
    }

    /// `line` split into pieces of at most `maxBytes` UTF-8 octets, never inside a character.
    static func wrapped(_ line: String, maxBytes: Int) -> [String] {
        guard line.utf8.count > maxBytes else { return [line] }
        var pieces: [String] = []
        var current = ""
        var size = 0
        for character in line {
            let length = character.utf8.count
            if size + length > maxBytes {
                pieces.append(current)
                current = ""
                size = 0
            }
            current.append(character)
            size += length
        }
        pieces.append(current)
        return pieces
    }
}
