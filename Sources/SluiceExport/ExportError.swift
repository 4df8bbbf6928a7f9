import SluiceCore
import SluiceExecution

/// Why an export could not run or could not be published.
///
/// `description` is one sentence that is safe to log: it names tables, keys and audits, never row values
/// or credentials.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The task has no `export` settings (the DAG loader normally guarantees them).
    case missingSpec(task: String)
    /// The task has no connection.
    case missingConnection(task: String)
    /// A rendered setting is unusable (empty path, bad delimiter, ...).
    case invalidSetting(key: String, reason: String)
    /// Reading from the database failed.
    case source(String)
    /// Writing a file failed.
    case write(String)
    /// The destination failed.
    case destination(String)
    /// The try's `execution_timeout` ran out; the message names the timeout and the party that stopped answering.
    case timedOut(String)
    /// One or more audits failed; the staged files are kept at `staging`.
    case auditsFailed(names: [String], staging: String)

    public var description: String {
        switch self {
        case let .missingSpec(task):
            return "task '\(task)' is an export task without export settings"
        case let .missingConnection(task):
            return "export task '\(task)' has no connection: set `connection:` on the task or in default_args"
        case let .invalidSetting(key, reason):
            return "export setting `\(key)` is not usable: \(reason)"
        case let .source(message):
            return "reading the export's rows failed: \(message)"
        case let .write(message):
            return "writing the export's files failed: \(message)"
        case let .destination(message):
            return "the export's destination failed: \(message)"
        case let .timedOut(message):
            return message
        case let .auditsFailed(names, staging):
            return "audit\(names.count == 1 ? "" : "s") failed: \(names.joined(separator: ", ")); nothing was published and the staged files stay at \(staging) (outside the lake) until the partition's next publish or `sluice lake gc`"
        }
    }
}

extension ExportError: NotifyingTaskError {
    /// Failed audits are `audit_failed` besides `failed`.
    public var notificationEvent: NotificationEvent? {
        if case .auditsFailed = self { return .auditFailed }
        return nil
    }
}
