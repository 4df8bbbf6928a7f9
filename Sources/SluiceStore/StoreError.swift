import Foundation
import SluiceCore

/// Everything that can go wrong in the metadata store, each with the context a user
/// needs. `description` is one sentence, safe to log: it names DAGs, runs, tasks and
/// paths but never values a caller stored (conf, errors) nor SQL text.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// SQLite answered `code` (its extended result code) with `message` while doing `operation`.
    case sqlite(code: Int32, message: String, operation: String)
    /// The PostgreSQL store failed with `sqlstate` (nil: no server answer, e.g. a lost connection) while doing
    /// `operation`; `message` is the PostgreSQL layer's one-line description (no password, no values).
    case postgres(sqlstate: String?, message: String, operation: String)
    /// `SLUICE_METADATA_URL` (or `--metadata-url`) cannot be used.
    case invalidMetadataURL(String)
    /// The database file could not be opened.
    case cannotOpen(path: String, message: String)
    /// The folder for the database or the lock could not be made.
    case cannotCreateFolder(path: String, message: String)
    /// The database was written by a newer Sluice than this one.
    case schemaTooNew(path: String, found: Int, supported: Int)
    /// A run already exists for this DAG with the same run id or logical date.
    case duplicateRun(dagId: String, runId: String, logicalDate: Date)
    /// No run with this id exists for this DAG.
    case runNotFound(dagId: String, runId: String)
    /// No such task instance exists.
    case taskInstanceNotFound(TaskInstanceKey)
    /// A row holds a value this Sluice does not understand (e.g. an unknown state).
    case invalidStoredValue(column: String, value: String)
    /// Another live process holds the scheduler lock of this Sluice home.
    case schedulerLockHeld(pid: Int32?, host: String?, home: String)
    /// The scheduler lock file could not be opened or locked.
    case lockFailed(path: String, message: String)
    /// No run is named by this run id or logical date (of `dagId`, when given).
    case runReferenceNotFound(reference: String, dagId: String?)
    /// Several runs (of different DAGs) are named by this run id or logical date.
    case runReferenceAmbiguous(reference: String, candidates: [String])

    /// A few words for a failure that may pass while the process waits (disk full, read-only,
    /// locked, an I/O error); nil for errors that waiting does not cure.
    public var transientReason: String? {
        switch self {
        case let .sqlite(code, _, _):
            // Primary result codes from sqlite3.h (the low byte of an extended code).
            switch code & 0xFF {
            case 13: return "disk full"
            case 8: return "read-only"
            case 5, 6: return "locked by another process"
            case 10: return "I/O error"
            case 14: return "cannot open the file"
            default: return nil
            }
        case .cannotOpen, .cannotCreateFolder:
            return "cannot open the file"
        case let .postgres(sqlstate, _, _):
            guard let sqlstate else { return "the database server is unreachable" }
            // Class 08 connection exceptions, 53 insufficient resources, 57P0x shutdowns, 40001/40P01 contention.
            if sqlstate.hasPrefix("08") || sqlstate.hasPrefix("57P") { return "the database server is unreachable" }
            if sqlstate.hasPrefix("53") { return "the database server is out of resources" }
            if sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" { return "busy with other processes" }
            return nil
        default:
            return nil
        }
    }

    public var description: String {
        switch self {
        case let .sqlite(code, message, operation):
            return "the metadata store failed while \(operation): \(message) (SQLite code \(code))"
        case let .postgres(_, message, operation):
            return "the metadata store failed while \(operation): \(message)"
        case let .invalidMetadataURL(message):
            return "invalid SLUICE_METADATA_URL: \(message)"
        case let .cannotOpen(path, message):
            return "cannot open the metadata store at \(path): \(message)"
        case let .cannotCreateFolder(path, message):
            return "cannot create the folder \(path): \(message)"
        case let .schemaTooNew(path, found, supported):
            return "the metadata store at \(path) has schema version \(found), but this Sluice knows only up to version \(supported); upgrade Sluice or set SLUICE_HOME to another folder"
        case let .duplicateRun(dagId, runId, logicalDate):
            return "DAG '\(dagId)' already has a run with run id '\(runId)' or logical date \(RunIdDateFormat.string(from: logicalDate))"
        case let .runNotFound(dagId, runId):
            return "DAG '\(dagId)' has no run '\(runId)'"
        case let .taskInstanceNotFound(key):
            return "no task instance \(key) in the metadata store"
        case let .invalidStoredValue(column, value):
            return "the metadata store holds '\(value)' in \(column), which this Sluice does not understand"
        case let .schedulerLockHeld(pid, host, home):
            let holder = pid.map { "pid \($0) on \(host ?? "an unknown host")" } ?? "pid unknown"
            return "another Sluice scheduler (\(holder)) is already using \(home); stop it first or set SLUICE_HOME to another folder"
        case let .lockFailed(path, message):
            return "cannot lock \(path): \(message)"
        case let .runReferenceNotFound(reference, dagId):
            let of = dagId.map { " of DAG '\(UserText.quote($0))'" } ?? ""
            return "no run\(of) has the run id or logical date '\(UserText.quote(reference))'; see `sluice runs list`"
        case let .runReferenceAmbiguous(reference, candidates):
            let shown = candidates.prefix(5).joined(separator: ", ") + (candidates.count > 5 ? ", …" : "")
            return "'\(UserText.quote(reference))' names \(candidates.count) runs (\(shown)); name the DAG (--dag) or use the run id"
        }
    }
}
