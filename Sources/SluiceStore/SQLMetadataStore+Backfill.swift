import Foundation
import SluiceCore

/// Backfills created through the API (store v6): written with their runs in one transaction, carried out
/// by the scheduler within their `max_active_runs`, paused, unpaused and cancelled.
extension SQLMetadataStore {
    static let backfillColumns = "id, dag_id, from_date, to_date, reprocess_behavior, max_active_runs, dag_run_conf, is_paused, created_at, updated_at, cancelled_at"

    /// Writes the backfill, its new runs (queued), clears and queues its reruns, and adopts its unfinished
    /// runs. Throws `StoreError.duplicateRun` when a new run's date was taken meanwhile.
    public func createBackfill(_ creation: BackfillCreation, now: Date) async throws -> Backfill {
        let id = try await database.perform { db in
            try db.transaction("creating a backfill of \(creation.dagId)") { () throws -> Int64 in
                let inserted = try db.prepare("""
                    INSERT INTO backfill (dag_id, from_date, to_date, reprocess_behavior, max_active_runs, dag_run_conf, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """, operation: "preparing the backfill insert")
                    .query([.text(creation.dagId), StoreDate.value(creation.from), StoreDate.value(creation.through), .text(creation.reprocessBehavior),
                          .integer(Int64(creation.maxActiveRuns)), .text(creation.conf), StoreDate.value(now), StoreDate.value(now)],
                         operation: "writing the backfill of \(creation.dagId)") { row in row.int64(0) }
                guard let id = inserted.first else { throw StoreError.invalidStoredValue(column: "backfill.id", value: "none") }
                let link = try db.prepare("INSERT INTO backfill_run (backfill_id, dag_id, run_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                          operation: "preparing the backfill run link")
                for run in creation.newRuns {
                    try Self.insert(run, taskIds: creation.taskIds, maxTries: creation.maxTries, tries: [:], in: db)
                    try link.run([.integer(id), .text(run.dagId), .text(run.runId)], operation: "linking run \(run.runId) to backfill \(id)")
                }
                let requeue = try db.prepare("""
                    UPDATE dag_run SET state = 'queued', queued_at = ?, started_at = NULL, ended_at = NULL WHERE dag_id = ? AND run_id = ?
                    """, operation: "preparing the run requeue")
                for runId in creation.rerunIds {
                    let selection = ClearSelection(dagId: creation.dagId, runs: .runId(runId), onlyFailed: creation.rerunOnlyFailed)
                    let matched = try Self.select(selection, in: db)
                    try Self.write(matched.map { $0.instance.cleared(retries: $0.retries) }, in: db)
                    try requeue.run([.integer(StoreDate.micros(now)), .text(creation.dagId), .text(runId)], operation: "queueing run \(runId) again")
                    try link.run([.integer(id), .text(creation.dagId), .text(runId)], operation: "linking run \(runId) to backfill \(id)")
                }
                if !creation.rerunIds.isEmpty { try Self.announce(.runs, in: db) }
                for runId in creation.adoptIds {
                    try link.run([.integer(id), .text(creation.dagId), .text(runId)], operation: "linking run \(runId) to backfill \(id)")
                }
                return id
            }
        }
        guard let backfill = try await backfill(id: id) else { throw StoreError.invalidStoredValue(column: "backfill.id", value: String(id)) }
        return backfill
    }

    /// Whether `dagId` has a backfill that still has runs to carry out (queued or running ones).
    public func hasActiveBackfill(dagId: String) async throws -> Bool {
        try await database.perform { db in
            try db.prepare("""
                SELECT 1 FROM backfill b JOIN backfill_run l ON l.backfill_id = b.id
                JOIN dag_run r ON r.dag_id = l.dag_id AND r.run_id = l.run_id
                WHERE b.dag_id = ? AND b.cancelled_at IS NULL AND r.state IN ('queued', 'running') LIMIT 1
                """, operation: "preparing the active backfill lookup")
                .query([.text(dagId)], operation: "looking for an active backfill of \(dagId)") { _ in true }.isEmpty == false
        }
    }

    /// One backfill, nil when unknown.
    public func backfill(id: Int64) async throws -> Backfill? {
        try await backfills(where: "id = ?", [.integer(id)]).first
    }

    /// The backfills of `dagId` (all DAGs when nil), oldest first.
    public func backfills(dagId: String?) async throws -> [Backfill] {
        guard let dagId else { return try await backfills(where: "1 = 1", []) }
        return try await backfills(where: "dag_id = ?", [.text(dagId)])
    }

    private func backfills(where condition: String, _ values: [StoreValue]) async throws -> [Backfill] {
        try await database.perform { db in
            let rows = try db.prepare("SELECT \(Self.backfillColumns) FROM backfill WHERE \(condition) ORDER BY id", operation: "preparing the backfill listing")
                .query(values, operation: "listing backfills") { row in
                    Backfill(id: row.int64(0), dagId: row.text(1), from: StoreDate.date(row.int64(2)), through: StoreDate.date(row.int64(3)),
                             reprocessBehavior: row.text(4), maxActiveRuns: Int(row.int64(5)), conf: row.text(6), isPaused: row.int64(7) != 0,
                             createdAt: StoreDate.date(row.int64(8)), updatedAt: StoreDate.date(row.int64(9)),
                             completedAt: row.optionalInt64(10).map(StoreDate.date))
                }
            // Completed when cancelled, or once none of its runs is queued or running: when the last one ended.
            let progress = try db.prepare("""
                SELECT SUM(CASE WHEN r.state IN ('queued', 'running') THEN 1 ELSE 0 END), MAX(r.ended_at) FROM backfill_run l
                JOIN dag_run r ON r.dag_id = l.dag_id AND r.run_id = l.run_id WHERE l.backfill_id = ?
                """, operation: "preparing the backfill progress")
            return try rows.map { backfill in
                guard backfill.completedAt == nil else { return backfill }
                var done = backfill
                let (open, lastEnd) = try progress.query([.integer(backfill.id)], operation: "reading backfill \(backfill.id)") {
                    ($0.optionalInt64(0) ?? 0, $0.optionalInt64(1))
                }.first ?? (0, nil)
                if open == 0 { done.completedAt = lastEnd.map(StoreDate.date) ?? backfill.createdAt }
                return done
            }
        }
    }

    /// Pauses or unpauses a backfill; false when unknown.
    public func setBackfillPaused(id: Int64, paused: Bool, now: Date) async throws -> Bool {
        try await database.perform { db in
            try db.transaction("pausing backfill \(id)") {
                try db.prepare("UPDATE backfill SET is_paused = ?, updated_at = ? WHERE id = ?", operation: "preparing the backfill pause")
                    .run([.integer(paused ? 1 : 0), StoreDate.value(now), .integer(id)], operation: "pausing backfill \(id)")
                return db.changes > 0
            }
        }
    }

    /// Cancels a backfill: its queued runs end failed (running ones finish); false when unknown.
    public func cancelBackfill(id: Int64, now: Date) async throws -> Bool {
        try await database.perform { db in
            try db.transaction("cancelling backfill \(id)") {
                try db.prepare("UPDATE backfill SET cancelled_at = COALESCE(cancelled_at, ?), updated_at = ? WHERE id = ?", operation: "preparing the backfill cancel")
                    .run([StoreDate.value(now), StoreDate.value(now), .integer(id)], operation: "cancelling backfill \(id)")
                guard db.changes > 0 else { return false }
                try db.prepare("""
                    UPDATE dag_run SET state = 'failed', ended_at = ?
                    WHERE state = 'queued' AND EXISTS (SELECT 1 FROM backfill_run l WHERE l.backfill_id = ? AND l.dag_id = dag_run.dag_id AND l.run_id = dag_run.run_id)
                    """, operation: "preparing the backfill's run cancel")
                    .run([StoreDate.value(now), .integer(id)], operation: "failing the queued runs of backfill \(id)")
                return true
            }
        }
    }

    /// The scheduler's view of backfills that are not cancelled: paused or not, their limit, their runs.
    public func backfillGates() async throws -> [BackfillGate] {
        try await database.perform { db in
            var gates: [Int64: BackfillGate] = [:]
            _ = try db.prepare("""
                SELECT b.id, b.is_paused, b.max_active_runs, l.dag_id, l.run_id FROM backfill b
                JOIN backfill_run l ON l.backfill_id = b.id
                JOIN dag_run r ON r.dag_id = l.dag_id AND r.run_id = l.run_id
                WHERE b.cancelled_at IS NULL AND r.state IN ('queued', 'running')
                """, operation: "preparing the backfill gates")
                .query([], operation: "reading the backfill gates") { row in
                    let id = row.int64(0)
                    var gate = gates[id] ?? BackfillGate(id: id, isPaused: row.int64(1) != 0, maxActiveRuns: Int(row.int64(2)), runKeys: [])
                    gate.runKeys.insert(row.text(3) + "\u{0}" + row.text(4))
                    gates[id] = gate
                }
            return gates.values.sorted { $0.id < $1.id }
        }
    }
}
