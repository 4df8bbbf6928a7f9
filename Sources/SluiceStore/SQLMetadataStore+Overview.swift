import Foundation
import SluiceCore

/// What the UI's DAG list shows for many DAGs at once, each in one statement: the latest runs of every DAG,
/// the failed runs per DAG since a date, and which DAGs are paused.
extension SQLMetadataStore {
    /// The `count` latest runs (by run_after) of each of `dagIds`, newest first: one statement, each DAG's
    /// part read from the (dag_id, run_after) index.
    public func latestRuns(of dagIds: [String], count: Int) async throws -> [String: [DagRun]] {
        guard !dagIds.isEmpty, count > 0 else { return [:] }
        var result: [String: [DagRun]] = [:]
        // SQLite allows 500 terms in a compound SELECT.
        for chunk in stride(from: 0, to: dagIds.count, by: 400).map({ Array(dagIds[$0..<min($0 + 400, dagIds.count)]) }) {
            let part = "SELECT * FROM (SELECT \(Self.runColumns()) FROM dag_run WHERE dag_id = ? ORDER BY run_after DESC LIMIT \(count)) AS latest"
            let sql = Array(repeating: part, count: chunk.count).joined(separator: " UNION ALL ")
            let runs = try await database.perform { db in
                try db.prepare(sql, operation: "preparing the latest runs of DAGs")
                    .query(chunk.map { .text($0) }, operation: "reading the latest runs of DAGs", row: Self.decodeRun)
            }
            for run in runs { result[run.dagId, default: []].append(run) }
        }
        return result
    }

    /// How many runs of each DAG failed with run_after at or after `since` (DAGs without any are absent).
    public func failedRunCounts(since: Date) async throws -> [String: Int] {
        try await database.perform { db in
            var counts: [String: Int] = [:]
            for (dagId, count) in try db.prepare("SELECT dag_id, count(*) FROM dag_run WHERE state = 'failed' AND run_after >= ? GROUP BY dag_id",
                                                 operation: "preparing the failed run counts")
                .query([.integer(StoreDate.micros(since))], operation: "counting failed runs", row: { ($0.text(0), Int($0.int64(1))) }) {
                counts[dagId] = count
            }
            return counts
        }
    }

    /// The DAGs that are paused.
    public func pausedDagIds() async throws -> Set<String> {
        try await database.perform { db in
            Set(try db.prepare("SELECT dag_id FROM dag WHERE is_paused = 1", operation: "preparing the paused DAGs")
                .query([], operation: "reading the paused DAGs", row: { $0.text(0) }))
        }
    }

    /// A marker that changes whenever the store does. SQLite: its `data_version` (moved by other processes'
    /// commits, such as the scheduler's) and this process's own commits. PostgreSQL: the rows inserted,
    /// updated and deleted in the store's run tables by every process, from the server's statistics (flushed
    /// within a second of a commit). Cheap: no table is read.
    public func changeMarker() async throws -> String {
        try await database.perform { db in
            if db.dialect == .postgres {
                let sum = try db.prepare("""
                    SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables
                    WHERE schemaname = current_schema() AND relname IN ('dag', 'dag_run', 'task_instance')
                    """, operation: "preparing the change marker")
                    .query([], operation: "reading the change marker", row: { $0.int64(0) }).first ?? 0
                return "pg-\(sum)"
            }
            let version = try db.prepare("PRAGMA data_version", operation: "preparing the change marker")
                .query([], operation: "reading the change marker", row: { $0.int64(0) }).first ?? 0
            let own = try db.prepare("SELECT total_changes()", operation: "preparing the change count")
                .query([], operation: "reading the change count", row: { $0.int64(0) }).first ?? 0
            return "\(version)-\(own)"
        }
    }
}
