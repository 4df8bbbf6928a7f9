import Foundation
import SluiceCore

/// Setting states by hand (Airflow's "mark success/failed"), as the API's PATCH endpoints do. Each is one
/// transaction. A running try whose instance is marked loses its claim: its process sees the claim gone
/// and stops the work (its statement is cancelled), as after a clear.
extension SQLMetadataStore {
    /// Sets the task instances `taskIds` of run `runId` (all when nil) to `state` (success or failed):
    /// ended now if they had not ended. Returns the instances as written; unknown ids are left out.
    public func markTasks(dagId: String, runId: String, taskIds: Set<String>?, state: TaskState, now: Date) async throws -> [TaskInstance] {
        try await database.perform { db in
            try db.transaction("marking task instances of \(dagId) \(runId) \(state.rawValue)") {
                let current = try Self.instances(dagId: dagId, runId: runId, in: db)
                let marked = current.filter { taskIds?.contains($0.taskId) ?? true }.map { ti -> TaskInstance in
                    var next = ti
                    next.state = state
                    if next.endedAt == nil { next.endedAt = now }
                    if state == .success { next.error = nil }
                    next.nextRetryAt = nil
                    next.heartbeatAt = nil
                    return next
                }
                try Self.write(marked, in: db)
                return marked
            }
        }
    }

    /// Sets run `runId` to `state` as Airflow does: success marks its unfinished task instances success;
    /// failed marks queued and running ones failed and those not started skipped; queued queues the run
    /// again as it is. Returns the run as written, nil when there is no such run.
    public func markRun(dagId: String, runId: String, state: RunState, now: Date) async throws -> DagRun? {
        let found = try await database.perform { db in
            try db.transaction("marking run \(runId) of \(dagId) \(state.rawValue)") {
                let exists = try db.prepare("SELECT 1 FROM dag_run WHERE dag_id = ? AND run_id = ?", operation: "preparing the run lookup")
                    .query([.text(dagId), .text(runId)], operation: "finding run \(runId) of \(dagId)") { _ in true }.first ?? false
                guard exists else { return false }
                let unfinished = try Self.instances(dagId: dagId, runId: runId, in: db).filter { !$0.state.isFinished }
                let marked = unfinished.compactMap { ti -> TaskInstance? in
                    var next = ti
                    switch state {
                    case .success: next.state = .success
                    case .failed: next.state = [.queued, .running].contains(ti.state) ? .failed : .skipped
                    case .queued, .running: return nil
                    }
                    if next.endedAt == nil { next.endedAt = now }
                    next.nextRetryAt = nil
                    next.heartbeatAt = nil
                    return next
                }
                try Self.write(marked, in: db)
                let finished = state == .success || state == .failed
                try db.prepare("""
                    UPDATE dag_run SET state = ?, ended_at = ?, queued_at = CASE WHEN ? = 1 THEN ? ELSE queued_at END
                    WHERE dag_id = ? AND run_id = ?
                    """, operation: "preparing the run mark")
                    .run([.text(state.rawValue), finished ? .integer(StoreDate.micros(now)) : .null,
                          .integer(state == .queued ? 1 : 0), .integer(StoreDate.micros(now)), .text(dagId), .text(runId)],
                         operation: "marking run \(runId) of \(dagId)")
                try Self.announce(.runs, in: db)
                return true
            }
        }
        return found ? try await run(dagId: dagId, runId: runId) : nil
    }
}
