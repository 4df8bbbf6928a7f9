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
    /// `staleBefore` (rows from before leases). Returns the instances as written.
    public func recoverAttempts(host: String, deadPids: Set<Int32>, staleBefore: Date, now: Date) async throws -> [TaskInstance] {
        let now = now
        let expired = "(attempt_id IS NOT NULL AND lease_expires_at IS NOT NULL AND lease_expires_at < \(database.dialect.nowMicros))"
        let pids = deadPids.sorted()
        let dead = pids.isEmpty ? "" : " OR (host = ? AND pid IN (\(Array(repeating: "?", count: pids.count).joined(separator: ", "))))"
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
                    // The retry is due at once: the attempt's own delay already went by unnoticed.
                    let failed = ti.failed(at: now, error: Self.deadProcessMessage(ti), policy: .none)
                    try write.run(Self.taskInstanceValues(failed) + Self.keyValues(ti.key) + [.text(ti.state.rawValue), .text(attemptId ?? "")],
                                  operation: "recovering task instance \(ti.key)")
                    if db.changes > 0 { recovered.append(failed) }
                }
                return recovered
            }
        }
    }
}

/// Slots: `SLUICE_CONN_<ID>_POOL` and a DAG's `max_active_tasks` across every process sharing the store. A slot names the claim
/// (attempt) holding it and is free again once that claim ends or its lease runs out, so a killed process
/// never keeps one.
extension SQLMetadataStore {
    /// Takes one slot of each of `slots` (a connection's pool, a DAG's max_active_tasks) for the try claimed as
    /// `attemptId`, all in one transaction or none; returns the name of one whose slots are all held by live
    /// claims (the caller waits and asks again), nil when the try now holds one of each.
    public func acquireSlots(_ slots: [(name: String, limit: Int)], attemptId: String) async throws -> String? {
        let leaseHolds = "(t.lease_expires_at IS NULL OR t.lease_expires_at >= \(database.dialect.nowMicros))"
        return try await database.perform { db in
            try db.transaction("taking slots of \(slots.map(\.name).joined(separator: ", "))") {
                let held = try db.prepare("""
                    SELECT s.slot, s.attempt_id, CASE WHEN EXISTS (SELECT 1 FROM task_instance t WHERE t.attempt_id = s.attempt_id AND \(leaseHolds))
                        THEN 1 ELSE 0 END FROM connection_slot s WHERE s.connection_id = ?
                    """, operation: "preparing the slot listing")
                var free: [(name: String, slot: Int)] = []
                for (name, limit) in slots {
                    let rows = try held.query([.text(name)], operation: "reading the slots of \(name)") { row in
                        (slot: Int(row.int64(0)), attempt: row.text(1), live: row.int64(2) != 0)
                    }
                    if rows.contains(where: { $0.attempt == attemptId }) { continue }
                    let taken = Set(rows.filter(\.live).map(\.slot))
                    guard let slot = (0..<max(1, limit)).first(where: { !taken.contains($0) }) else { return name }
                    free.append((name, slot))
                }
                let take = try db.prepare("""
                    INSERT INTO connection_slot (connection_id, slot, attempt_id) VALUES (?, ?, ?)
                    ON CONFLICT (connection_id, slot) DO UPDATE SET attempt_id = excluded.attempt_id
                    """, operation: "preparing the slot")
                for (name, slot) in free {
                    try take.run([.text(name), .integer(Int64(slot)), .text(attemptId)], operation: "taking slot \(slot) of \(name)")
                }
                return nil
            }
        }
    }

    /// Gives back the slots the try claimed as `attemptId` holds.
    public func releaseSlots(attemptId: String) async throws {
        try await database.perform { db in
            try db.prepare("DELETE FROM connection_slot WHERE attempt_id = ?", operation: "preparing the slot release")
                .run([.text(attemptId)], operation: "giving back a connection slot")
        }
    }
}
