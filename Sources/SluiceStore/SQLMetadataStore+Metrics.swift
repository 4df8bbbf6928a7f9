import Foundation

extension SQLMetadataStore {
    /// Counts for the Prometheus gauges, in one read: runs and task instances per state (grouped on their
    /// state indexes), paused DAGs, the latest successful run of each DAG, pending notifications.
    public func metricsFigures() async throws -> StoreMetricsFigures {
        try await database.perform { db in
            let operation = "counting for metrics"
            func counts(_ sql: String) throws -> [String: Int] {
                let rows = try db.prepare(sql, operation: operation).query([], operation: operation) { ($0.text(0), Int($0.int64(1))) }
                return Dictionary(rows, uniquingKeysWith: +)
            }
            var figures = StoreMetricsFigures()
            figures.runsByState = try counts("SELECT state, COUNT(*) FROM dag_run GROUP BY state")
            figures.taskInstancesByState = try counts("SELECT state, COUNT(*) FROM task_instance GROUP BY state")
            figures.pausedDagIds = Set(try db.prepare("SELECT dag_id FROM dag WHERE is_paused = 1", operation: operation)
                .query([], operation: operation) { $0.text(0) })
            let successes = try db.prepare("""
                SELECT dag_id, MAX(ended_at) FROM dag_run WHERE state = 'success' AND ended_at IS NOT NULL GROUP BY dag_id
                """, operation: operation).query([], operation: operation) { ($0.text(0), StoreDate.date($0.int64(1))) }
            figures.lastSuccessByDag = Dictionary(successes, uniquingKeysWith: max)
            figures.outboxPending = try counts("SELECT state, COUNT(*) FROM notification_outbox WHERE state = 'pending' GROUP BY state")["pending"] ?? 0
            return figures
        }
    }
}
