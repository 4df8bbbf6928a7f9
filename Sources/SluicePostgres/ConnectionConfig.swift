import CLibPQ
import Foundation

/// Where and how to connect to one PostgreSQL-compatible server (PostgreSQL, CrateDB, ...).
///
/// Built from a `postgresql://` URI (see `init(uri:)`), a libpq `key=value` string (see `init(parsing:)`) or
/// field by field. libpq receives the fields as separate keyword/value pairs through `PQconnectdbParams`,
/// never as a concatenated string, so no value can inject another parameter. The password is a separate field
/// so callers can mask it; `description` is the redacted URI, with `***` in place of the password.
public struct ConnectionConfig: Sendable, Equatable, CustomStringConvertible {
    /// Host name, IP address or unix socket directory; `nil` lets libpq choose (its default socket).
    public var host: String?
    /// TCP port; `nil` means libpq's default (5432).
    public var port: Int?
    /// Role name; `nil` means libpq's default (the operating-system user).
    public var user: String?
    /// Password; kept apart so it can be masked in logs. `nil` when none was given.
    public var password: String?
    /// Database name; `nil` means libpq's default (the user name).
    public var database: String?
    /// Any other libpq connection keyword (`sslmode`, `connect_timeout`, `application_name`, ...).
    public var options: [String: String]

    public init(
        host: String? = nil, port: Int? = nil, user: String? = nil, password: String? = nil,
        database: String? = nil, options: [String: String] = [:]
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.options = options
    }

    /// Parses either a `postgresql://` / `postgres://` URI or a libpq `key=value` connection string.
    public init(parsing text: String) throws {
        if Self.hasURIScheme(text) {
            try self.init(uri: text)
        } else {
            try self.init(keyValueString: text)
        }
    }

    /// The URI with the password replaced by `***` (and any option whose name contains `password`).
    public var description: String { redacted }

    /// Options whose values are secrets as well as the password (masked in `redacted`).
    static func isSecretOption(_ key: String) -> Bool { key.lowercased().contains("password") }

    /// Sent to libpq unless the configuration sets them: a fallback application name, a bounded connect
    /// timeout (a daemon must not hang on an unreachable or frozen host), TCP keepalives (a connection whose
    /// peer vanished is noticed in about a minute: 30 s idle, then 3 probes 10 s apart), and UTF-8, which the
    /// result decoding assumes.
    static let defaultOptions: [(String, String)] = [
        ("fallback_application_name", "sluice"),
        ("connect_timeout", "10"),
        ("keepalives", "1"),
        ("keepalives_idle", "30"),
        ("keepalives_interval", "10"),
        ("keepalives_count", "3"),
        ("client_encoding", "UTF8"),
    ]

    /// Where the server is, for messages: `host:port` (`[v6]:port`), or the socket directory and port.
    public var serverDescription: String {
        let portText = String(port ?? 5432)
        guard let host, !host.isEmpty else { return "the local socket, port \(portText)" }
        if host.hasPrefix("/") { return "\(host) (socket), port \(portText)" }
        return (host.contains(":") ? "[\(host)]" : host) + ":" + portText
    }

    /// The keyword/value pairs handed to `PQconnectdbParams`, in a stable order.
    var libpqParameters: [(keyword: String, value: String)] {
        var pairs: [(keyword: String, value: String)] = []
        if let host { pairs.append(("host", host)) }
        if let port { pairs.append(("port", String(port))) }
        if let user { pairs.append(("user", user)) }
        if let password { pairs.append(("password", password)) }
        if let database { pairs.append(("dbname", database)) }
        for key in options.keys.sorted() {
            if let value = options[key] { pairs.append((key, value)) }
        }
        for (key, value) in Self.defaultOptions where options[key] == nil {
            pairs.append((key, value))
        }
        return pairs
    }

    /// Sets a libpq keyword, routing the ones that have a field of their own to it.
    mutating func set(keyword: String, value: String) throws {
        switch keyword {
        case "host": host = value.isEmpty ? nil : value
        case "port":
            guard let number = Int(value), (1...65535).contains(number) else {
                throw PostgresError.invalidConfiguration("the port '\(value)' is not a number between 1 and 65535")
            }
            port = number
        case "user": user = value.isEmpty ? nil : value
        case "password": password = value
        case "dbname": database = value.isEmpty ? nil : value
        default:
            guard Self.knownKeywords.contains(keyword) else {
                throw PostgresError.invalidConfiguration("'\(keyword)' is not a libpq connection parameter")
            }
            options[keyword] = value
        }
    }

    /// Every keyword this libpq accepts, from `PQconndefaults()`.
    static let knownKeywords: Set<String> = {
        var names: Set<String> = []
        guard let defaults = PQconndefaults() else { return names }
        defer { PQconninfoFree(defaults) }
        var option = defaults
        while let keyword = option.pointee.keyword {
            names.insert(String(cString: keyword))
            option += 1
        }
        return names
    }()

    static func hasURIScheme(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Parses a libpq `key=value` string with libpq's own parser (`PQconninfoParse`).
    init(keyValueString text: String) throws {
        self.init()
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(text, &errorMessage) else {
            // libpq's message quotes the text near the problem, which may be part of the password: not shown.
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError.invalidConfiguration(
                "the key=value connection string could not be parsed (write key=value pairs separated by spaces; "
                + "quote values containing spaces with single quotes, escaping ' and \\ with a backslash)")
        }
        defer { PQconninfoFree(parsed) }
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                try set(keyword: String(cString: keyword), value: String(cString: value))
            }
            option += 1
        }
    }
}
