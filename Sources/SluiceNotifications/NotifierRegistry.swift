import Foundation

/// The named notifiers of this process, read from an environment dictionary (the process environment
/// merged with `.env`).
///
/// `SLUICE_NOTIFY_<ID>` holds the URL; ids are case-insensitive and `-` in an id maps to `_`. The scheme picks
/// the kind: `http://`/`https://` is a webhook, `smtp://`/`smtps://` an email. Webhooks also read
/// `SLUICE_NOTIFY_<ID>_FORMAT` (`json`, the default, or `slack`), `_SECRET` (HMAC key for
/// `X-Sluice-Signature`) and `_HEADERS` (`Name: value` pairs separated by `;` or newlines). Parsing only:
/// it opens no connection.
public struct NotifierRegistry: Sendable {
    /// The suffixes of companion variables, which are not notifier ids themselves.
    static let companionSuffixes = ["_FORMAT", "_SECRET", "_HEADERS"]
    static let prefix = "SLUICE_NOTIFY_"

    private let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The variable that configures notifier `id`, e.g. `SLUICE_NOTIFY_OPS_SLACK` for `ops-slack`.
    public static func variable(for id: String) -> String {
        prefix + id.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The ids that have a `SLUICE_NOTIFY_<ID>` variable, lowercased and sorted.
    public var configuredIDs: [String] {
        Set(environment.keys.map { $0.uppercased() }
            .filter { $0.hasPrefix(Self.prefix) && !Self.companionSuffixes.contains(where: $0.hasSuffix) }
            .map { String($0.dropFirst(Self.prefix.count)).lowercased() }
            .filter { !$0.isEmpty })
            .sorted()
    }

    /// Values to mask in logs and stored text: each notifier's whole URL, its password (decoded and as
    /// written), its signing secret and its extra headers' values. Computed without parsing errors, so a
    /// notifier that fails to parse is masked too.
    public var secretValues: [String] {
        var values: [String] = []
        for id in configuredIDs {
            let variable = Self.variable(for: id)
            if let url = value(variable) {
                values.append(url)
                values += Self.tokens(inPathOf: url)
                if let raw = URLComponents(string: url)?.percentEncodedPassword, !raw.isEmpty {
                    values.append(raw)
                    if let decoded = raw.removingPercentEncoding { values.append(decoded) }
                }
            }
            if let secret = value(variable + "_SECRET") { values.append(secret) }
            if let headers = value(variable + "_HEADERS") {
                values += HeaderField.entries(of: headers).compactMap { entry in
                    guard let colon = entry.firstIndex(of: ":") else { return String(entry).trimmingCharacters(in: .whitespaces) }
                    return entry[entry.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty }
            }
        }
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// The parts of a webhook URL that may be credentials on their own: its path and query as written,
    /// and each path segment or query value of 16 characters or more (Slack's `T0/B0/<token>`, `?token=`).
    static func tokens(inPathOf url: String) -> [String] {
        guard let components = URLComponents(string: url) else { return [] }
        var found: [String] = []
        let path = components.percentEncodedPath
        if path.count >= 8 { found.append(path) }
        if let query = components.percentEncodedQuery, query.count >= 8 { found.append(query) }
        let pieces = path.split(separator: "/").map(String.init) + (components.queryItems ?? []).compactMap(\.value)
        for piece in pieces where piece.count >= 16 {
            found.append(piece)
            if let decoded = piece.removingPercentEncoding, decoded != piece { found.append(decoded) }
        }
        return found
    }

    /// Why each configured notifier that cannot be used fails, in id order; empty when all parse. For
    /// checking the whole configuration at start-up and reporting every problem at once.
    public var configurationProblems: [NotificationError] {
        configuredIDs.compactMap { id in
            do {
                _ = try notifier(named: id)
                return nil
            } catch {
                return error as? NotificationError
            }
        }
    }

    /// A non-empty value, looked up exactly, then ignoring case; surrounding spaces removed.
    func value(_ name: String) -> String? {
        let found = environment[name] ?? environment.first { $0.key.uppercased() == name }?.value
        guard let found else { return nil }
        let trimmed = found.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The notifier called `id`, parsed from its variables.
    public func notifier(named id: String) throws -> Notifier {
        let variable = Self.variable(for: id)
        guard let text = value(variable) else {
            throw NotificationError.unknownNotifier(id: id, variable: variable)
        }
        let normalizedID = id.lowercased().replacingOccurrences(of: "-", with: "_")
        let scheme = text.prefix { $0 != ":" }.lowercased()
        switch scheme {
        case "http", "https":
            return Notifier(id: normalizedID, kind: .webhook(try webhookSettings(text, variable: variable)))
        case "smtp", "smtps":
            for suffix in ["_FORMAT", "_SECRET", "_HEADERS"] where value(variable + suffix) != nil {
                throw NotificationError.invalidSetting(
                    variable: variable + suffix, reason: "it applies to webhook notifiers only, and \(variable) is an email URL")
            }
            return Notifier(id: normalizedID, kind: .email(try SMTPSettings(parsing: text, variable: variable)))
        default:
            throw NotificationError.invalidURL(
                variable: variable, reason: "the scheme must be http, https, smtp or smtps")
        }
    }

    private func webhookSettings(_ text: String, variable: String) throws -> WebhookSettings {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
              let url = components.url else {
            throw NotificationError.invalidURL(variable: variable, reason: "it is not a valid http(s) URL with a host")
        }
        var format = WebhookFormat.json
        if let text = value(variable + "_FORMAT") {
            guard let parsed = WebhookFormat(rawValue: text.lowercased()) else {
                throw NotificationError.invalidSetting(
                    variable: variable + "_FORMAT", reason: "it must be json or slack")
            }
            format = parsed
        }
        let headers = try value(variable + "_HEADERS").map { try HeaderField.parseList($0, variable: variable + "_HEADERS") } ?? []
        return WebhookSettings(url: url, format: format, secret: value(variable + "_SECRET"), headers: headers)
    }
}
