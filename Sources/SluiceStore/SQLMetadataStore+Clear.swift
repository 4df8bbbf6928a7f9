import Foundation
import SluiceCore

/// Clearing task instances so they run again, and replacing a run: the two writes that release
/// claims on purpose (see docs/decisions/0006).
extension SQLMetadataStore {
    public func taskInstances(matching selection: ClearSelection) async throws -> [TaskInstance] {
        try await database.perform { db in
            try Self.select(selection, in: db).map(\.instance)
        }
    }

    public func clearTasks(_ selection: ClearSelection, runState: RunState, now: Date) async throws -> [TaskInstance] {
        try await database.perform { db in
            try db.transaction("clearing task instances of \(selection.dagId)") {
                let matched = try Self.select(selection, in: db)
                try Self.write(matched.map { $0.instance.cleared(retries: $0.retries) }, in: db)
                let requeue = try db.prepare("""
                    UPDATE dag_run SET state = ?, queued_at = ?, started_at = NULL, ended_at = NULL
                    WHERE dag_id = ? AND run_id = ?
                    """, operation: "preparing the run requeue")
                for runId in Set(matched.map(\.instance.runId)) {
                    try requeue.run([.text(runState.rawValue), .integer(StoreDate.micros(now)), .text(selection.dagId), .text(runId)],
                                    operation: "queueing run \(runId) of \(selection.dagId) again")
                }
                if !matched.isEmpty { try Self.announce(.runs, in: db) }
                return matched.map(\.instance)
            }
        }
    }

    public func replaceRun(_ replacing: String, with run: DagRun, taskIds: [String], maxTries: [String: Int]) async throws {
        try await database.perform { db in
            try db.transaction("replacing run \(replacing) of \(run.dagId)") {
                let old = try db.prepare("SELECT task_id, try_number FROM task_instance WHERE dag_id = ? AND run_id = ?",
                                         operation: "preparing the replaced run's tries")
                    .query([.text(run.dagId), .text(replacing)], operation: "reading the tries of run \(replacing) of \(run.dagId)") { row in
                        (row.text(0), Int(row.int64(1)))
                    }
                try db.prepare("DELETE FROM dag_run WHERE dag_id = ? AND run_id = ?", operation: "preparing the run delete")
                    .run([.text(run.dagId), .text(replacing)], operation: "deleting run \(replacing) of \(run.dagId)")
                let tries = Dictionary(old, uniquingKeysWith: { a, _ in a })
                try Self.insert(run, taskIds: taskIds, maxTries: maxTries, tries: tries, in: db)
            }
        }
    }

    /// The instances `selection` picks with each one's retries, ordered by logical date, then task id.
    static func select(_ selection: ClearSelection, in db: any StoreConnection) throws -> [(instance: TaskInstance, retries: Int)] {
        var filter: String
        var values: [StoreValue] = [.text(selection.dagId)]
        switch selection.runs {
        case let .logicalDates(from, through):
            filter = "r.logical_date BETWEEN ? AND ?"
            values += [.integer(StoreDate.micros(from)), .integer(StoreDate.micros(through))]
        case let .runId(runId):
            filter = "r.run_id = ?"
            values.append(.text(runId))
        }
        if selection.onlyFailed { filter += " AND ti.state IN ('failed', 'upstream_failed')" }
        let rows = try db.prepare("""
            SELECT \(taskInstanceColumns("ti.")), ti.retries FROM task_instance ti
            JOIN dag_run r ON r.dag_id = ti.dag_id AND r.run_id = ti.run_id
            WHERE r.dag_id = ? AND \(filter)
            ORDER BY r.logical_date, ti.task_id
            """, operation: "preparing the clear search")
            .query(values, operation: "finding task instances to clear of \(selection.dagId)") { row in
                (instance: try decodeTaskInstance(row), retries: Int(row.int64(16)))
            }
        guard let ids = selection.taskIds else { return rows }
        return rows.filter { ids.contains($0.instance.taskId) }
    }
}
