import Foundation
import SluiceCore

/// Claims: every change to a try's ownership is a conditional update on the state the writer
/// expects, so two processes can never both run, finish or heartbeat the same try. A claim is a lease:
/// it holds until `lease_expires_at` on the database's clock, renewed by heartbeats; once it has run out
/// the try can no longer be renewed, finished or published, and any process may recover it.
extension SQLMetadataStore {
    /// `lease_expires_at` after a claim or renewal now (the database's clock plus the lease).
    var leaseExpiry: String {
        "(\(database.dialect.nowMicros) + \(Int64(lease * 1_000_000)))"
    }

    /// The condition that a claim's lease still holds (claims made before leases existed have none).
    var leaseHolds: String {
        "(lease_expires_at IS NULL OR lease_expires_at >= \(database.dialect.nowMicros))"
    }

    public var displayName: String {
        path
    }

    public func claim(_ ti: TaskInstance, attemptId: String, expectedState: TaskState, expectedTry: Int) async throws -> ClaimOutcome {
        let (leaseExpiry, processId) = (self.leaseExpiry, self.processId)
        return try await database.perform { db in
            try db.transaction("claiming task instance \(ti.key)") {
                try db.prepare("""
                    UPDATE task_instance SET \(Self.taskInstanceAssignments), attempt_id = ?, lease_expires_at = \(leaseExpiry), process_id = ?
                    WHERE dag_id = ? AND run_id = ? AND task_id = ? AND state = ? AND try_number = ? AND attempt_id IS NULL
                    """, operation: "preparing the claim")
                    .run(Self.taskInstanceValues(ti) + [.text(attemptId), .text(processId)] + Self.keyValues(ti.key)
                         + [.text(expectedState.rawValue), .integer(Int64(expectedTry))],
                         operation: "claiming task instance \(ti.key)")
                if db.changes > 0 { return .claimed }
                return .taken(try Self.readTaskInstance(ti.key, in: db))
            }
        }
    }

    /// Records a try's end (its instance's columns, then its key and claim) only while its claim holds its lease.
    static func recordEnd(leaseHolds: String) -> String {
        """
        UPDATE task_instance SET \(taskInstanceAssignments), attempt_id = NULL, lease_expires_at = NULL, process_id = NULL
        WHERE dag_id = ? AND run_id = ? AND task_id = ? AND attempt_id = ? AND \(leaseHolds)
        """
    }

    public func finishAttempt(_ ti: TaskInstance, attemptId: String, notifications: [NotificationDraft]) async throws -> Bool {
        let update = Self.recordEnd(leaseHolds: leaseHolds)
        let values = Self.taskInstanceValues(ti) + Self.keyValues(ti.key) + [.text(attemptId)]
        return try await database.perform { db in
            let record = {
                try db.prepare(update, operation: "preparing the end of a try").run(values, operation: "recording the end of task instance \(ti.key)")
                return db.changes > 0
            }
            // A try without events (the usual one): one statement, atomic by itself (one round trip, not three).
            // Nothing is announced: processes whose limits were full ask again by themselves (see `Executor`).
            if notifications.isEmpty { return try record() }
            return try db.transaction("recording the end of task instance \(ti.key)", isolation: .readCommitted) {
                guard try record() else { return false }
                // The try's events, with the state change that causes them (issue 12).
                try Self.enqueue(notifications, now: ti.endedAt ?? Date(), in: db)
                return true
            }
        }
    }

    public func heartbeat(attempts: [TaskInstanceKey: String], at: Date) async throws -> Set<TaskInstanceKey> {
        guard !attempts.isEmpty else { return [] }
        let (leaseExpiry, leaseHolds) = (self.leaseExpiry, self.leaseHolds)
        return try await database.perform { db in
            try db.transaction("recording \(attempts.count) heartbeats", isolation: .readCommitted) {
                let update = try db.prepare("""
                    UPDATE task_instance SET heartbeat_at = ?, lease_expires_at = \(leaseExpiry)
                    WHERE dag_id = ? AND run_id = ? AND task_id = ? AND attempt_id = ? AND \(leaseHolds)
                    """, operation: "preparing the heartbeat update")
                var revoked = Set<TaskInstanceKey>()
                for (key, attemptId) in attempts {
                    try update.run([.integer(StoreDate.micros(at))] + Self.keyValues(key) + [.text(attemptId)],
                                   operation: "recording the heartbeat of \(key)")
                    if db.changes == 0 { revoked.insert(key) }
                }
                return revoked
            }
        }
    }

    public func updateUnclaimed(_ tis: [TaskInstance], expectedState: TaskState) async throws -> Set<TaskInstanceKey> {
        guard !tis.isEmpty else { return [] }
        return try await database.perform { db in
            try db.transaction("updating \(tis.count) task instances") {
                let update = try db.prepare("""
                    UPDATE task_instance SET \(Self.taskInstanceAssignments)
                    WHERE dag_id = ? AND run_id = ? AND task_id = ? AND state = ? AND attempt_id IS NULL
                    """, operation: "preparing the task instance update")
                var written = Set<TaskInstanceKey>()
                for ti in tis {
                    try update.run(Self.taskInstanceValues(ti) + Self.keyValues(ti.key) + [.text(expectedState.rawValue)],
                                   operation: "updating task instance \(ti.key)")
                    if db.changes > 0 { written.insert(ti.key) }
                }
                return written
            }
        }
    }

    public func finishRun(dagId: String, runId: String, now: Date,
                          notifications: @escaping @Sendable (DagRun, RunState?) -> [NotificationDraft]) async throws -> RunCompletion {
        try await database.perform { db in
            // The run and its tasks' states are read with the transaction's BEGIN (one round trip): every process that
            // saw the run's last task end asks, and all but the first find it ended already.
            let reading = [
                Self.runLookup(dagId: dagId, runId: runId),
                BatchedStatement("SELECT state FROM task_instance WHERE dag_id = ? AND run_id = ?", [.text(dagId), .text(runId)], columns: 1),
            ]
            return try db.transaction("ending run \(runId) of \(dagId)", isolation: .serializable, reading: reading) { read in
                guard let row = read[0].rows.first else { return .missing }
                var run = try Self.decodeRun(row)
                let states = try read[1].rows.map { row in
                    let text = row.text(0)
                    guard let state = TaskState(rawValue: text) else {
                        throw StoreError.invalidStoredValue(column: "task_instance.state", value: text)
                    }
                    return state
                }
                guard states.allSatisfy(\.isFinished) else { return .unfinished(run) }
                let state = RunStateRule.state(of: states)
                let ends = run.state != state || run.endedAt == nil
                if ends {
                    run.state = state
                    run.endedAt = run.endedAt ?? now
                    try db.prepare("UPDATE dag_run SET state = ?, ended_at = ? WHERE dag_id = ? AND run_id = ?",
                                   operation: "preparing the run end")
                        .run([.text(state.rawValue), StoreDate.value(run.endedAt), .text(dagId), .text(runId)],
                             operation: "ending run \(runId) of \(dagId)")
                    // The run's events (run_failed, run_succeeded, recovered), with its end (issue 12).
                    let previous = try db.prepare("SELECT state FROM dag_run WHERE dag_id = ? AND logical_date < ? ORDER BY logical_date DESC LIMIT 1",
                                                  operation: "preparing the previous run lookup")
                        .query([.text(dagId), StoreDate.value(run.logicalDate)], operation: "reading the previous run of \(dagId)") { RunState(rawValue: $0.text(0)) }
                    try Self.enqueue(notifications(run, previous.first ?? nil), now: now, in: db)
                    // Its DAG has room under max_active_runs again: schedulers create the next due run now.
                    try Self.announce(.runs, in: db)
                }
                return .finished(run, endedHere: ends)
            }
        }
    }

    static func keyValues(_ key: TaskInstanceKey) -> [StoreValue] {
        [.text(key.dagId), .text(key.runId), .text(key.taskId)]
    }

    static func readTaskInstance(_ key: TaskInstanceKey, in db: any StoreConnection) throws -> TaskInstance? {
        try db.prepare("SELECT \(taskInstanceColumns()) FROM task_instance WHERE dag_id = ? AND run_id = ? AND task_id = ?",
                       operation: "preparing a task instance lookup")
            .query(keyValues(key), operation: "reading task instance \(key)", row: decodeTaskInstance)
            .first
    }
}
