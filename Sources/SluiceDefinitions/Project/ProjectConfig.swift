import Foundation
import SluiceCore
import Yams

/// The settings of `sluice.yaml`, the file that marks a project's root.
///
/// Every key is optional and has an environment variable that overrides it (and a flag that overrides
/// both, where the command has one): flag > environment (the process's, then the project's `.env`) >
/// `sluice.yaml` > built-in default. Paths are relative to the project root.
public struct ProjectConfig: Sendable, Equatable {
    /// The DAG folder (`SLUICE_DAGS_FOLDER`, `--dags-folder`; default `dags`).
    public var dagsFolder: String?
    /// Where the metadata store and logs live (`SLUICE_HOME`; default `.sluice`).
    public var home: String?
    /// Task attempts at once (`SLUICE_PARALLELISM`, `--parallelism`; default 2 x cores).
    public var parallelism: Int?
    /// How long running statements get after SIGTERM (`SLUICE_SHUTDOWN_GRACE`, `--grace`; default 30s).
    public var shutdownGrace: String?
    /// The daemon's log lines: `text` or `json` (`SLUICE_LOG_FORMAT`; default text).
    public var logFormat: String?
    /// The time zone of DAGs that name none (`SLUICE_DEFAULT_TIMEZONE`; default UTC).
    public var defaultTimezone: String?

    public init() {}

    /// Each key, the environment variable it stands for, and what it holds.
    public static let keys: [(key: String, variable: String, meaning: String)] = [
        ("dags_folder", "SLUICE_DAGS_FOLDER", "the DAG folder, relative to the project root"),
        ("home", "SLUICE_HOME", "the metadata store and logs folder, relative to the project root"),
        ("parallelism", "SLUICE_PARALLELISM", "task attempts at once over all DAGs"),
        ("shutdown_grace", "SLUICE_SHUTDOWN_GRACE", "time running statements get after SIGTERM (30s, 2m)"),
        ("log_format", "SLUICE_LOG_FORMAT", "the daemon's log lines: text or json"),
        ("default_timezone", "SLUICE_DEFAULT_TIMEZONE", "the time zone of DAGs that name none"),
    ]

    /// Reads `sluice.yaml`; every problem is thrown as one located `DagProblem` (file:line:col).
    public static func parse(_ text: String, file: String) throws -> ProjectConfig {
        guard text.utf8.count <= 1_048_576 else {
            throw DagProblem(file: file, line: 1, column: 1, message: "the file is larger than 1 MiB; sluice.yaml holds a few settings")
        }
        if let (line, column, message) = YAMLShapeCheck.violation(in: text) {
            throw DagProblem(file: file, line: line, column: column, message: message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.located(error, file: file)
        }
        var config = ProjectConfig()
        guard let root else { return config }
        guard let mapping = root.mapping else {
            throw problem(file, root, "sluice.yaml must be a mapping of settings (key: value); see docs/projects.md")
        }
        let known = keys.map(\.key)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "dags_folder": config.dagsFolder = try string(value, key, file)
            case "home": config.home = try string(value, key, file)
            case "parallelism":
                guard let n = value.scalar.flatMap({ Int($0.string) }), (1...10_000).contains(n) else {
                    throw problem(file, value, "parallelism must be a whole number from 1 to 10000")
                }
                config.parallelism = n
            case "shutdown_grace":
                let text = try string(value, key, file)
                do {
                    let seconds = try DurationParser.seconds(from: text)
                    guard seconds <= 86_400 else { throw problem(file, value, "shutdown_grace must be at most 1d") }
                } catch let error as ScheduleError {
                    throw problem(file, value, "shutdown_grace: \(error.message)")
                }
                config.shutdownGrace = text
            case "log_format":
                let text = try string(value, key, file)
                guard ["text", "json"].contains(text) else { throw problem(file, value, "log_format must be text or json") }
                config.logFormat = text
            case "default_timezone":
                let text = try string(value, key, file)
                guard TimeZone(identifier: text) != nil else {
                    throw problem(file, value, "unknown time zone '\(UserText.quote(text))': use an IANA name such as UTC or Europe/Berlin"
                        + DidYouMean.hint(for: text, among: TimeZone.knownTimeZoneIdentifiers))
                }
                config.defaultTimezone = text
            default:
                throw problem(file, keyNode, "unknown setting '\(UserText.quote(key))' in sluice.yaml\(DidYouMean.hint(for: key, among: known)); "
                    + "the settings are \(known.joined(separator: ", "))")
            }
        }
        return config
    }

    /// The settings as the environment variables they stand for, paths made absolute against `root`.
    public func environment(root: URL) -> [String: String] {
        var env: [String: String] = [:]
        env["SLUICE_DAGS_FOLDER"] = root.appendingPathComponent(dagsFolder ?? "dags").standardizedFileURL.path
        env["SLUICE_HOME"] = root.appendingPathComponent(home ?? ".sluice").standardizedFileURL.path
        if let parallelism { env["SLUICE_PARALLELISM"] = String(parallelism) }
        if let shutdownGrace { env["SLUICE_SHUTDOWN_GRACE"] = shutdownGrace }
        if let logFormat { env["SLUICE_LOG_FORMAT"] = logFormat }
        if let defaultTimezone { env["SLUICE_DEFAULT_TIMEZONE"] = defaultTimezone }
        return env
    }

    private static func string(_ node: Node, _ key: String, _ file: String) throws -> String {
        guard let text = node.scalar?.string, !text.isEmpty else { throw problem(file, node, "\(key) must be a non-empty string") }
        return text
    }

    private static func problem(_ file: String, _ node: Node, _ message: String) -> DagProblem {
        let (line, column) = node.position
        return DagProblem(file: file, line: line, column: column, message: message)
    }

    private static func located(_ error: YamlError, file: String) -> DagProblem {
        switch error {
        case let .scanner(_, problemText, mark, _), let .parser(_, problemText, mark, _), let .composer(_, problemText, mark, _):
            return DagProblem(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problemText)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return DagProblem(file: file, line: context.mark.line, column: context.mark.column,
                              message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")); each setting may appear once")
        default:
            return DagProblem(file: file, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }
}
