import Foundation

/// The named database connections Sluice may use, read from environment variables.
///
/// `SLUICE_CONN_<ID>` holds the URI of connection `<id>`; `SLUICE_CONN_<ID>_POOL` optionally sets how many
/// connections its pool may open (default 4). Ids are matched case-insensitively, and `-` in an id stands for
/// `_` in the variable name, so `warehouse` and `Warehouse` both read `SLUICE_CONN_WAREHOUSE`. The registry only
/// reads the dictionary it is given (no process-wide lookups), which keeps it testable.
public struct ConnectionRegistry: Sendable {
    /// One resolved connection: its id, configuration and pool size.
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var config: ConnectionConfig
        public var maxConnections: Int
    }

    /// The prefix of every connection variable.
    public static let prefix = "SLUICE_CONN_"
    /// The suffix of a pool-size variable.
    public static let poolSuffix = "_POOL"
    /// The pool size when `SLUICE_CONN_<ID>_POOL` is unset.
    public static let defaultMaxConnections = 4

    /// Variables starting with the prefix, keyed by their upper-cased name.
    private let variables: [String: String]

    public init(environment: [String: String]) {
        var variables: [String: String] = [:]
        for (name, value) in environment where name.uppercased().hasPrefix(Self.prefix) {
            variables[name.uppercased()] = value
        }
        self.variables = variables
    }

    /// The environment variable that defines connection `id`.
    public static func variableName(for id: String) -> String {
        prefix + id.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The ids defined in the environment, lower-cased and sorted.
    public var ids: [String] {
        variables.keys.compactMap { name -> String? in
            let suffix = String(name.dropFirst(Self.prefix.count))
            guard !suffix.isEmpty else { return nil }
            // SLUICE_CONN_X_POOL is the pool size of X when SLUICE_CONN_X exists.
            if suffix.hasSuffix(Self.poolSuffix),
               variables[String(name.dropLast(Self.poolSuffix.count))] != nil {
                return nil
            }
            return suffix.lowercased()
        }.sorted()
    }

    /// Resolves connection `id`, or throws `PostgresError.unknownConnection` naming the variable to set, or
    /// `.invalidConfiguration` when its URI or pool size is malformed.
    public func entry(for id: String) throws -> Entry {
        let name = Self.variableName(for: id)
        guard let uri = variables[name] else {
            throw PostgresError.unknownConnection(id: id, environmentVariable: name)
        }
        let config: ConnectionConfig
        do {
            config = try ConnectionConfig(parsing: uri)
        } catch let error as PostgresError {
            if case .invalidConfiguration(let reason) = error {
                throw PostgresError.invalidConfiguration("\(name): \(reason)")
            }
            throw error
        }
        return Entry(id: id.lowercased(), config: config, maxConnections: try poolSize(for: id))
    }

    /// How many connections connection `id` may have open (`SLUICE_CONN_<ID>_POOL`, default 4); throws
    /// `.invalidConfiguration` naming the variable and its value when that is not a whole number of at least 1.
    public func poolSize(for id: String) throws -> Int {
        let name = Self.variableName(for: id) + Self.poolSuffix
        guard let text = variables[name] else { return Self.defaultMaxConnections }
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)), (1...10_000).contains(number) else {
            throw PostgresError.invalidConfiguration("\(name) must be a whole number from 1 to 10000, not '\(String(text.prefix(60)))'")
        }
        return number
    }

    /// The configuration of connection `id` (see `entry(for:)`).
    public func config(for id: String) throws -> ConnectionConfig {
        try entry(for: id).config
    }

    /// Every password found in the connection variables, for masking logs. A value that does not parse is
    /// returned whole, since its password cannot be told apart.
    public var secretValues: [String] {
        var secrets: Set<String> = []
        for (name, value) in variables where !name.hasSuffix(Self.poolSuffix) || !value.allSatisfy(\.isNumber) {
            if let config = try? ConnectionConfig(parsing: value) {
                if let password = config.password, !password.isEmpty { secrets.insert(password) }
                for (key, option) in config.options where ConnectionConfig.isSecretOption(key) && !option.isEmpty {
                    secrets.insert(option)
                }
            } else if !value.isEmpty {
                secrets.insert(value)
            }
        }
        return secrets.sorted()
    }
}
