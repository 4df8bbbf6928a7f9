import Foundation

extension ConnectionConfig {
    /// Parses `postgresql://[user[:password]@][host][:port][/database][?keyword=value&...]`
    /// (`postgres://` too), percent-decoding every part, like libpq's own URI syntax.
    ///
    /// The host may be an IPv6 address in brackets or a percent-encoded unix socket directory
    /// (`%2Fvar%2Frun%2Fpostgresql`). Query keywords are libpq connection parameters; `ssl=true` means
    /// `sslmode=require` as in libpq. Only one host is supported. Error messages never quote the password.
    public init(uri: String) throws {
        self.init()
        guard let schemeEnd = uri.range(of: "://"), Self.hasURIScheme(uri) else {
            throw PostgresError.invalidConfiguration("a connection URI must start with postgresql:// or postgres://")
        }
        var rest = Substring(uri[schemeEnd.upperBound...])
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }

        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var authority = rest
        var path: Substring?
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }

        // The last '@' separates the user info, so an unencoded '@' in a password still works.
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], part: "user name")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], part: "password")
            } else {
                user = try Self.decode(userInfo, part: "user name")
            }
            if user?.isEmpty == true { user = nil }
        }
        try parseHostPort(hostPort)
        if let path {
            let name = try Self.decode(path, part: "database name")
            database = name.isEmpty ? nil : name
        }
        if let query {
            for item in query.split(separator: "&") where !item.isEmpty {
                guard let equals = item.firstIndex(of: "=") else {
                    throw PostgresError.invalidConfiguration("the URI parameter '\(item)' has no '=value'")
                }
                let key = try Self.decode(item[..<equals], part: "parameter name")
                let value = try Self.decode(item[item.index(after: equals)...], part: "value of '\(key)'")
                if key == "ssl" {
                    guard value == "true" else {
                        throw PostgresError.invalidConfiguration("the URI parameter 'ssl' only accepts 'true'")
                    }
                    options["sslmode"] = "require"
                } else {
                    try set(keyword: key, value: value)
                }
            }
        }
    }

    private mutating func parseHostPort(_ text: Substring) throws {
        guard !text.isEmpty else { return }
        guard !text.contains(",") else {
            throw PostgresError.invalidConfiguration("only one host per connection URI is supported")
        }
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw PostgresError.invalidConfiguration("the IPv6 host in the URI lacks its closing ']'")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw PostgresError.invalidConfiguration("unexpected text after the IPv6 host in the URI")
                }
                portText = after.dropFirst()
            }
        } else if let colon = text.firstIndex(of: ":") {
            host = try Self.decode(text[..<colon], part: "host")
            portText = text[text.index(after: colon)...]
        } else {
            host = try Self.decode(text, part: "host")
        }
        if host?.isEmpty == true { host = nil }
        if let portText, !portText.isEmpty { try set(keyword: "port", value: String(portText)) }
    }

    private static func decode(_ text: Substring, part: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw PostgresError.invalidConfiguration("the \(part) in the connection URI has an invalid percent-encoding")
        }
        return decoded
    }

    /// The URI with the password (and any `*password*` option) shown as `***`.
    public var redacted: String {
        var text = "postgresql://"
        if user != nil || password != nil {
            text += Self.encode(user ?? "")
            if password != nil { text += ":***" }
            text += "@"
        }
        if let host {
            text += host.contains(":") ? "[\(host)]" : Self.encode(host)
        }
        if let port { text += ":\(port)" }
        if let database { text += "/" + Self.encode(database) }
        if !options.isEmpty {
            let items = options.keys.sorted().map { key in
                let value = Self.isSecretOption(key) ? "***" : Self.encode(options[key] ?? "")
                return Self.encode(key) + "=" + value
            }
            text += "?" + items.joined(separator: "&")
        }
        return text
    }

    private static let unreserved = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
