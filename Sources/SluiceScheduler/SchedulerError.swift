import Foundation
import SluiceCore

/// Why a run cannot be started or followed to its end: what the user can do about each is in its
/// `description` (safe to print: names DAGs, runs and folders only).
public enum SchedulerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A trigger of a paused DAG, whose runs no scheduler starts.
    case dagPaused(dagId: String)
    /// `--wait` with no scheduler holding the lock of this Sluice home: nothing would run the run.
    case noScheduler(home: String)
    /// The scheduler went away while a run was being followed.
    case schedulerStopped(home: String, runId: String, state: RunState)
    /// The DAG was paused while its queued run was being followed.
    case pausedWhileWaiting(dagId: String, runId: String)
    /// The DAG no longer loads from the DAG folder (its file is broken or gone), so the scheduler skips its runs.
    case dagNotLoaded(dagId: String, runId: String, problems: [String])

    public var description: String {
        switch self {
        case let .dagPaused(dagId):
            let id = UserText.quote(dagId)
            return "DAG '\(id)' is paused: no scheduler starts its runs; pass --unpause to unpause it and trigger, or --local to run this one in this process (`sluice dags unpause \(id)` unpauses it)"
        case let .noScheduler(home):
            return "no scheduler is running for \(home), so --wait would wait forever: start `sluice scheduler` (e.g. in another terminal) first, or pass --local to run the run in this process"
        case let .schedulerStopped(home, runId, state):
            return "the scheduler of \(home) stopped while waiting; run \(runId) is still \(state.rawValue): start `sluice scheduler` again and it continues the run"
        case let .pausedWhileWaiting(dagId, runId):
            let id = UserText.quote(dagId)
            return "DAG '\(id)' was paused while waiting: the scheduler does not start run \(runId); `sluice dags unpause \(id)` lets it run"
        case let .dagNotLoaded(dagId, runId, problems):
            let id = UserText.quote(dagId)
            let why = problems.isEmpty ? "its file is gone from the DAG folder" : problems.prefix(3).joined(separator: "; ")
            return "DAG '\(id)' no longer loads (\(why)), so the scheduler cannot start run \(runId); fix the DAG file and it will"
        }
    }
}
