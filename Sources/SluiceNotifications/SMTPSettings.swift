import Foundation

/// Where and how an email notifier sends: parsed from
/// `smtp://user:password@host:port/?from=a@x&to=b@y,c@z` (or `smtps://`, TLS from the first byte).
///
/// User, password and addresses are percent-decoded. The port defaults to 25 for `smtp` and 465 for
/// `smtps`. `from` and at least one `to` are required; `to` may repeat or hold a comma-separated list.
/// Sending is not done here: these are the values a mail client (libcurl) needs.
public struct SMTPSettings: Sendable, Equatable {
    /// `smtp` (plain, STARTTLS when the server offers it is the client's business) or `smtps`.
    public enum Security: String, Sendable {
        case smtp, smtps
    }

    public var security: Security
    public var host: String
    public var port: Int
    public var user: String?
    public var password: String?
    public var from: String
    public var to: [String]

    public init(security: Security, host: String, port: Int, user: String?, password: String?, from: String, to: [String]) {
        self.security = security
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.from = from
        self.to = to
    }

    /// The URL a mail client connects to, without credentials or query: `smtps://host:465`.
    public var serverURL: String {
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(security.rawValue)://\(bracketed):\(port)"
    }

    /// Parses an `smtp://` or `smtps://` URL. Errors name `variable` and never quote the URL or password.
    public init(parsing text: String, variable: String) throws {
        func fail(_ reason: String) -> NotificationError { .invalidURL(variable: variable, reason: reason) }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let security = Security(rawValue: scheme) else {
            throw fail("it is not an smtp:// or smtps:// URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw fail("it has no host; write \(scheme)://user:password@host:port/?from=...&to=...")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw fail("the port is not between 1 and 65535")
        }
        func decoded(_ raw: String?, _ what: String) throws -> String? {
            guard let raw, !raw.isEmpty else { return nil }
            guard let value = raw.removingPercentEncoding else { throw fail("the \(what) has invalid percent-encoding") }
            return value
        }
        let user = try decoded(components.percentEncodedUser, "user name")
        let password = try decoded(components.percentEncodedPassword, "password")
        var from: String?
        var to: [String] = []
        for item in components.percentEncodedQueryItems ?? [] {
            let value = try decoded(item.value, "'\(item.name.prefix(20))' parameter") ?? ""
            switch item.name.lowercased() {
            case "from":
                from = value.trimmingCharacters(in: .whitespaces)
            case "to":
                to += value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            default:
                throw fail("unknown parameter '\(item.name.prefix(40))' (expected from and to)")
            }
        }
        guard let from, !from.isEmpty else { throw fail("it has no sender; add ?from=sluice@example.com") }
        guard !to.isEmpty else { throw fail("it has no recipient; add &to=ops@example.com (a comma-separated list is allowed)") }
        for address in [from] + to where !Self.isPlausibleAddress(address) {
            throw fail("'\(address.prefix(80))' is not an email address like name@example.com")
        }
        self.init(security: security, host: host, port: components.port ?? (security == .smtps ? 465 : 25),
                  user: user, password: password, from: from, to: to)
    }

    /// `local@domain` with no spaces, angle brackets or line breaks (which would break SMTP and headers).
    static func isPlausibleAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count >= 2, let domain = parts.last, !domain.isEmpty, !(parts.first ?? "").isEmpty else { return false }
        return !address.unicodeScalars.contains { $0.properties.isWhitespace || "<>,\"\r\n".unicodeScalars.contains($0) }
    }
}
