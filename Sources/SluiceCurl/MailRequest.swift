import Foundation

/// One email as handed to libcurl's SMTP client: the server, the login, the envelope and the message text.
public struct MailRequest: Sendable {
    /// `smtp://host:port` (STARTTLS when the server offers it) or `smtps://host:port` (TLS from the first byte).
    public var serverURL: String
    public var user: String?
    public var password: String?
    /// The envelope sender (`MAIL FROM`).
    public var from: String
    /// The envelope recipients (`RCPT TO`), at least one.
    public var recipients: [String]
    /// The RFC 5322 message: headers, blank line, body, CRLF line ends. libcurl dot-stuffs it.
    public var message: Data

    public init(serverURL: String, user: String?, password: String?, from: String, recipients: [String], message: Data) {
        self.serverURL = serverURL
        self.user = user
        self.password = password
        self.from = from
        self.recipients = recipients
        self.message = message
    }
}
