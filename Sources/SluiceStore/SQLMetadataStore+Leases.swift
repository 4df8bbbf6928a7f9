import Foundation
import SluiceCore

/// What happens to tries whose process is gone: their leases run out (on the database's clock) or, on this
/// host, their pid no longer exists. Any scheduler recovers them; each change is conditional on the claim
/// it ends, so a try that finished meanwhile is left as it is.
extension SQLMetadataStore {
    /// Whether the try claimed as `attemptId` still holds its lease: checked before an export publishes.
    public func holdsLease(_ key: TaskInstanceKey, attemptId: String) async throws -> Bool {
        let leaseHolds = self.leaseHolds
        return try await database.perform { db in
            try !db.prepare("""
                SELECT 1 FROM task_instance WHERE dag_id = ? AND run_id = ? AND task_id = ? AND attempt_id = ? AND \(leaseHolds)
                """, operation: "preparing the lease check")
                .query(Self.keyValues(key) + [.text(attemptId)], operation: "checking the lease of \(key)") { _ in true }
                .isEmpty
        }
    }

    /// Ends, as failed into retry (or failed when out of tries), every running try whose lease ran out, whose
    /// process ran on `host` with a pid in `deadPids`, or which has no claim and no heartbeat since
    /// `staleBefore` (rows from before leases); a claim whose lease ran out before its try started goes back
    /// to `scheduled` with its try number unchanged. Returns the instances as written.
    public func recoverAttempts(host: String, deadPids: Set<Int32>, staleBefore: Date, now: Date) async throws -> [TaskInstance] {
        let now = now
        let expired = "(attempt_id IS NOT NULL AND lease_expires_at IS NOT NULL AND lease_expires_at < \(database.dialect.nowMicros))"
        let pids = deadPids.sorted()
        // host and pid are the running try's (a queued claim keeps those of the instance's previous try).
        let dead = pids.isEmpty ? "" : " OR (state = 'running' AND host = ? AND pid IN (\(Array(repeating: "?", count: pids.count).joined(separator: ", "))))"
        let legacy = "(attempt_id IS NULL AND (heartbeat_at IS NULL OR heartbeat_at < ?))"
        let values: [StoreValue] = (pids.isEmpty ? [] : [.text(host)] + pids.map { .integer(Int64($0)) }) + [.integer(StoreDate.micros(staleBefore))]
        return try await database.perform { db in
            try db.transaction("recovering the tries of processes that are gone") {
                let found = try db.prepare("""
                    SELECT \(Self.taskInstanceColumns()), attempt_id FROM task_instance
                    WHERE state IN ('running', 'queued') AND (\(expired)\(dead) OR \(legacy))
                    ORDER BY dag_id, run_id, task_id
                    """, operation: "preparing the search for abandoned tries")
                    .query(values, operation: "finding abandoned tries") { row in
                        (try Self.decodeTaskInstance(row), row.optionalText(16))
                    }
                let write = try db.prepare("""
                    UPDATE task_instance SET \(Self.taskInstanceAssignments),
                        attempt_id = NULL, lease_expires_at = NULL, process_id = NULL
                    WHERE dag_id = ? AND run_id = ? AND task_id = ? AND state = ? AND COALESCE(attempt_id, '') = ?
                    """, operation: "preparing the recovery of a try")
                var recovered: [TaskInstance] = []
                for (ti, attemptId) in found {
                    let written: TaskInstance
                    if ti.state == .queued, attemptId != nil {
                        // Claimed, never started: back to ready as it was, its try not used.
                        var ready = ti
                        ready.state = .scheduled
                        ready.nextRetryAt = nil
                        written = ready
                    } else {
                        // The retry is due at once: the attempt's own delay already went by unnoticed.
                        written = ti.failed(at: now, error: Self.deadProcessMessage(ti), policy: .none)
                    }
                    try write.run(Self.taskInstanceValues(written) + Self.keyValues(ti.key) + [.text(ti.state.rawValue), .text(attemptId ?? "")],
                                  operation: "recovering task instance \(ti.key)")
                    if db.changes > 0 { recovered.append(written) }
                }
                return recovered
            }
        }
    }
}
