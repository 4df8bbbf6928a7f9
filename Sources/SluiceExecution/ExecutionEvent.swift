import Foundation
import SluiceCore

/// What the executor reports while it works.
///
/// Observability is an observer: logs, progress bars and the CLI subscribe to these events; the
/// executor's decisions never depend on who listens.
public enum ExecutionEvent: Sendable {
    case runStarted(DagRun, taskCount: Int)
    case taskStarted(TaskInstance)
    /// A line of a task's log (already masked).
    case taskLog(TaskInstanceKey, String)
    case taskFinished(TaskInstance)
    /// Rows and bytes moved so far by a running task (exports).
    case taskProgress(TaskInstanceKey, rows: Int64, bytes: Int64)
    /// A run left this executor finished; `endedHere`: this process wrote its end (on a shared store the
    /// other processes working on it see it finished too, and report it with false).
    case runFinished(DagRun, endedHere: Bool = true)
    /// An export try published its partition, or stopped because its audits failed (metrics).
    case exportFinished(TaskInstanceKey, ExportFigures)
    /// Another process holds this try (the stored instance, with its pid and host): it is not run here.
    case taskSkipped(TaskInstance)
    /// The run left this executor unfinished: it was deleted or replaced by another process.
    case runAbandoned(DagRun, reason: String)
    /// A run handed to this executor left it without this process taking part: another process ran it, and it is
    /// no longer open (`OpenRunListing`). The run as it was handed over.
    case runEndedElsewhere(DagRun)
    /// The metadata store cannot be written; work waits (one line, e.g. `metadata store …/sluice.db: disk full; waiting to write`).
    case storeWaiting(String)
    /// The metadata store took a write again after `storeWaiting` (its display name).
    case storeResumed(String)
    /// A try took or gave back a slot of a connection's pool (`SLUICE_CONN_<ID>_POOL`): how many are
    /// used now, of how many (metrics).
    case connectionSlots(connection: String, used: Int, limit: Int)
    /// Heartbeats have not reached the store for two thirds of the lease: these tries are stopped here
    /// before their leases run out (`reason`: the store's last error).
    case leaseLost(keys: [TaskInstanceKey], reason: String)
}

/// Receives execution events; called from many tasks at once, so it must be thread-safe.
public typealias ExecutionObserver = @Sendable (ExecutionEvent) -> Void
