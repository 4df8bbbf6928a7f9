import Foundation
import SluiceCore

/// Task instances across the runs of one DAG, for the API's `dagRuns/~/taskInstances` (Airflow's grid):
/// newest runs first by run_after, paged in SQL.
extension SQLMetadataStore {
    /// One page of `dagId`'s task instances whose run's run_after is within the bounds (and whose state is
    /// one of `states`, when given), by run_after descending then task id; the runs they belong to; and how
    /// many match in all.
    public func taskInstancesPage(dagId: String, runAfterFrom: Date?, runAfterThrough: Date?, states: Set<TaskState>,
                                  offset: Int, limit: Int) async throws -> (instances: [TaskInstance], runs: [String: DagRun], total: Int) {
        var conditions = ["r.dag_id = ?"]
        var values: [StoreValue] = [.text(dagId)]
        if let runAfterFrom {
            conditions.append("r.run_after >= ?")
            values.append(.integer(StoreDate.micros(runAfterFrom)))
        }
        if let runAfterThrough {
            conditions.append("r.run_after <= ?")
            values.append(.integer(StoreDate.micros(runAfterThrough)))
        }
        if !states.isEmpty {
            let sorted = states.map(\.rawValue).sorted()
            conditions.append("ti.state IN (\(Array(repeating: "?", count: sorted.count).joined(separator: ", ")))")
            values += sorted.map { .text($0) }
        }
        // CROSS JOIN fixes the order: runs newest first from the (dag_id, run_after) index, then each run's
        // task instances by primary key, so a page reads its own rows, not every task instance of the DAG.
        // (PostgreSQL's planner picks that order itself and takes no ON after CROSS JOIN.)
        let joinKind = database.dialect == .sqlite ? "CROSS JOIN" : "JOIN"
        let join = "FROM dag_run r \(joinKind) task_instance ti ON ti.dag_id = r.dag_id AND ti.run_id = r.run_id WHERE " + conditions.joined(separator: " AND ")
        // Without a run_after bound the count needs no run: the task instances of the DAG, by primary key.
        let countFrom = runAfterFrom == nil && runAfterThrough == nil
            ? "FROM task_instance ti WHERE " + conditions.map { $0.replacingOccurrences(of: "r.dag_id", with: "ti.dag_id") }.joined(separator: " AND ")
            : join
        let bound = values
        return try await database.perform { db in
            let instances = try db.prepare("SELECT \(Self.taskInstanceColumns("ti.")) \(join) ORDER BY r.run_after DESC, ti.task_id LIMIT ? OFFSET ?",
                                           operation: "preparing a page of task instances")
                .query(bound + [.integer(Int64(max(0, limit))), .integer(Int64(max(0, offset)))], operation: "listing task instances of \(dagId)",
                       row: Self.decodeTaskInstance)
            let total = try db.prepare("SELECT count(*) \(countFrom)", operation: "preparing a task instance count")
                .query(bound, operation: "counting task instances of \(dagId)") { Int($0.int64(0)) }.first ?? 0
            var runs: [String: DagRun] = [:]
            let lookup = try db.prepare("SELECT \(Self.runColumns()) FROM dag_run WHERE dag_id = ? AND run_id = ?", operation: "preparing a run lookup")
            for runId in Set(instances.map(\.runId)) {
                runs[runId] = try lookup.query([.text(dagId), .text(runId)], operation: "reading run \(runId)", row: Self.decodeRun).first
            }
            return (instances, runs, total)
        }
    }
}
