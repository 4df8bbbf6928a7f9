import Foundation
import SluiceCore

/// Claims in batches: a process asks for the ready task instances it has room for, in one transaction that
/// takes the locks of the limits shared by every process (a DAG's `max_active_tasks`, a connection's pool: live
/// claims are what uses them), then marks each instance `queued` under its lease with an update that locks its
/// row with `FOR UPDATE SKIP LOCKED` (a row another process is claiming right now is skipped, never waited for)
/// and counts its limits' live claims itself, and last reads the instances it did not get. No statement depends
/// on another's answer, so on PostgreSQL the whole transaction is one round trip (`StoreConnection.batch`), and
/// the limits' locks are held only while the server runs it. The try number is not used yet: a claim whose
/// process dies before the try starts goes back to `scheduled` as it was (`recoverAttempts`), and a try starts
/// with `startClaimed`.
extension SQLMetadataStore {
    public func claimReady(_ requests: [ClaimRequest], at now: Date) async throws -> [ClaimReadyOutcome] {
        guard !requests.isEmpty else { return [] }
        var outcomes: [ClaimReadyOutcome] = []
        outcomes.reserveCapacity(requests.count)
        var start = 0
        while start < requests.count {
            let batch = Array(requests[start..<min(start + ClaimRequest.batchLimit, requests.count)])
            outcomes += try await claimBatch(batch, at: now)
            start += batch.count
        }
        return outcomes
    }

    private func claimBatch(_ requests: [ClaimRequest], at now: Date) async throws -> [ClaimReadyOutcome] {
        let (leaseExpiry, leaseHolds, processId, dialect) = (self.leaseExpiry, self.leaseHolds, self.processId, database.dialect)
        return try await database.perform { db in
            let limits = ClaimLimits(requests)
            var statements: [BatchedStatement] = []
            if !limits.isEmpty, let lock = dialect.nameLocks(limits.names.count) {
                // The limits' locks first, taken in name order in one statement; rows are never waited for while
                // holding them (each claim skips a locked row): claims counting against a limit go one at a time.
                statements.append(BatchedStatement(lock, limits.names.map { .text($0) }, columns: 1))
            }
            // Each claim counts its limits' live claims in the statement that makes it: under the locks, that count
            // sees every other process's committed claims and this transaction's own.
            let firstClaim = statements.count
            for request in requests {
                statements.append(BatchedStatement(
                    Self.claimStatement(counting: ClaimLimits.names(of: request), leaseExpiry: leaseExpiry, leaseHolds: leaseHolds, dialect: dialect),
                    [.integer(StoreDate.micros(now)), .text(request.attemptId), .text(processId), request.pool.map { .text($0.name) } ?? .null]
                        + Self.keyValues(request.key) + [.text(request.expectedState.rawValue), .integer(Int64(request.expectedTry))]
                        + ClaimLimits.countValues(of: request)))
            }
            // What the others hold or did meanwhile, so the caller's view catches up without reading whole runs.
            let notClaimed = requests.map { request in
                "(dag_id = ? AND run_id = ? AND task_id = ? AND (attempt_id IS NULL OR attempt_id <> ?))"
            }
            statements.append(BatchedStatement(
                "SELECT \(Self.taskInstanceColumns()), CASE WHEN attempt_id IS NULL THEN 1 ELSE 0 END FROM task_instance WHERE "
                    + notClaimed.joined(separator: " OR "),
                requests.flatMap { Self.keyValues($0.key) + [.text($0.attemptId)] }, columns: Self.taskInstanceColumnCount + 1))
            let results = try db.batch(statements, operation: "claiming \(requests.count) task instances")

            var stored: [TaskInstanceKey: (instance: TaskInstance, unclaimed: Bool)] = [:]
            for row in results.last?.rows ?? [] {
                let instance = try Self.decodeTaskInstance(row)
                stored[instance.key] = (instance, row.int64(Self.taskInstanceColumnCount) == 1)
            }
            var outcomes: [ClaimReadyOutcome] = []
            var blocked: [Int] = []  // claimable as asked, but not claimed: a limit is full, or another process is claiming it
            for (index, request) in requests.enumerated() {
                if results[firstClaim + index].changes > 0 {
                    outcomes.append(.claimed)
                    continue
                }
                let found = stored[request.key]
                outcomes.append(.taken(found?.instance))
                if let found, found.unclaimed, found.instance.state == request.expectedState, found.instance.tryNumber == request.expectedTry {
                    blocked.append(index)
                }
            }
            // Which limit was full, counted after the fact (one more round trip, only then): what each blocked claim
            // saw is the room now plus the claims this batch made after it.
            guard !blocked.isEmpty, !limits.isEmpty else { return outcomes }
            var room = try limits.room(in: db, leaseHolds: leaseHolds)
            for index in requests.indices.reversed() {
                if outcomes[index] == .claimed {
                    for name in ClaimLimits.names(of: requests[index]) { room[name, default: 0] += 1 }
                } else if blocked.contains(index), let full = limits.firstFull(of: requests[index], room: room) {
                    outcomes[index] = .full(limit: full)
                }
            }
            return outcomes
        }
    }

    /// The claim of one instance if still unclaimed in the state and try asked for (values: heartbeat, attempt id,
    /// process id, pool, its key, the state and try, then `ClaimLimits.countValues`), made only while each of the
    /// limits `names` has fewer live claims than its limit. On PostgreSQL the row is locked first, skipped when
    /// another transaction holds it.
    static func claimStatement(counting names: [String], leaseExpiry: String, leaseHolds: String, dialect: StoreDialect) -> String {
        let counts = names.map { name in
            "AND (SELECT count(*) FROM task_instance WHERE \(name.hasPrefix("dag:") ? "dag_id" : "pool") = ? AND attempt_id IS NOT NULL AND \(leaseHolds)) < ?"
        }
        // The row by its key alone (its state and try are checked once it is locked): a generic plan prepared while
        // the table was nearly empty may otherwise look it up through the index on state.
        let row = dialect == .postgres
            ? "ctid = (SELECT ctid FROM task_instance WHERE dag_id = ? AND run_id = ? AND task_id = ? AND attempt_id IS NULL\(dialect.forUpdateSkipLocked))"
            : "dag_id = ? AND run_id = ? AND task_id = ? AND attempt_id IS NULL"
        return """
            UPDATE task_instance SET state = 'queued', heartbeat_at = ?, attempt_id = ?, lease_expires_at = \(leaseExpiry),
                process_id = ?, pool = ?
            WHERE \(row) AND state = ? AND try_number = ? \(counts.joined(separator: " "))
            """
    }

    /// `(dag_id = ? AND run_id = ? AND task_id = ?) OR ...` for `count` keys: each an index lookup, where a list of
    /// row values may be planned as a scan of the whole table.
    static func keyMatches(_ count: Int) -> String {
        Array(repeating: "(dag_id = ? AND run_id = ? AND task_id = ?)", count: count).joined(separator: " OR ")
    }

    /// Starts the try of an instance this process claimed (`queued` under `attemptId`): writes `ti` (running,
    /// its try number) only while the claim still holds its lease. `.taken` with the stored instance when the
    /// claim is gone (cleared, or its lease ran out and another process took it back).
    public func startClaimed(_ ti: TaskInstance, attemptId: String) async throws -> ClaimOutcome {
        let leaseHolds = self.leaseHolds
        return try await database.perform { db in
            // One statement, atomic by itself (no transaction around it: one round trip, not three); the instance
            // read when it changed nothing only tells the caller what holds it now.
            try db.prepare("""
                UPDATE task_instance SET \(Self.taskInstanceAssignments)
                WHERE dag_id = ? AND run_id = ? AND task_id = ? AND attempt_id = ? AND state = 'queued' AND \(leaseHolds)
                """, operation: "preparing the start of a try")
                .run(Self.taskInstanceValues(ti) + Self.keyValues(ti.key) + [.text(attemptId)],
                     operation: "starting task instance \(ti.key)")
            if db.changes > 0 { return .claimed }
            return .taken(try Self.readTaskInstance(ti.key, in: db))
        }
    }
}

extension SQLMetadataStore {
    /// The stored instances of `keys` (those that exist), by key.
    static func readTaskInstances(_ keys: [TaskInstanceKey], in db: any StoreConnection) throws -> [TaskInstanceKey: TaskInstance] {
        let found = try db.prepare("SELECT \(taskInstanceColumns()) FROM task_instance WHERE \(keyMatches(keys.count))",
                                   operation: "preparing a task instance lookup")
            .query(keys.flatMap(keyValues), operation: "reading \(keys.count) task instances", row: decodeTaskInstance)
        return Dictionary(found.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

/// The limits a batch of claims counts against: each DAG's `max_active_tasks` and each connection's pool, as
/// live claims (`attempt_id` set, lease not run out) of every process.
struct ClaimLimits {
    /// `dag:<id>` or a connection id, and its limit.
    private var limits: [String: Int] = [:]

    init(_ requests: [ClaimRequest]) {
        for request in requests {
            if let max = request.maxActiveTasks { limits["dag:" + request.key.dagId] = max }
            if let pool = request.pool { limits[pool.name] = pool.limit }
        }
    }

    var isEmpty: Bool { limits.isEmpty }
    var names: [String] { limits.keys.sorted() }

    /// The limits `request` counts against.
    static func names(of request: ClaimRequest) -> [String] {
        (request.maxActiveTasks == nil ? [] : ["dag:" + request.key.dagId]) + (request.pool.map { [$0.name] } ?? [])
    }

    /// For each of `names(of: request)`, in that order: what its claims are counted by (the DAG id, the pool's
    /// name) and its limit (at least 1, as in `room`).
    static func countValues(of request: ClaimRequest) -> [StoreValue] {
        var values: [StoreValue] = []
        if let max = request.maxActiveTasks { values += [.text(request.key.dagId), .integer(Int64(Swift.max(1, max)))] }
        if let pool = request.pool { values += [.text(pool.name), .integer(Int64(Swift.max(1, pool.limit)))] }
        return values
    }

    /// How many more claims each limit has room for now, all counted in one statement.
    func room(in db: any StoreConnection, leaseHolds: String) throws -> [String: Int] {
        let names = self.names
        let counts = names.map { name in
            "(SELECT count(*) FROM task_instance WHERE \(name.hasPrefix("dag:") ? "dag_id" : "pool") = ? AND attempt_id IS NOT NULL AND \(leaseHolds))"
        }
        let values: [StoreValue] = names.map { .text($0.hasPrefix("dag:") ? String($0.dropFirst(4)) : $0) }
        let used = try db.prepare("SELECT " + counts.joined(separator: ", "), operation: "preparing the count of live claims")
            .query(values, operation: "counting the live claims of \(names.joined(separator: ", "))") { row in
                names.indices.map { Int(row.int64(Int32($0))) }
            }.first ?? []
        var room: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            room[name] = max(1, limits[name] ?? 0) - (index < used.count ? used[index] : 0)
        }
        return room
    }

    /// The first limit of `request` without room.
    func firstFull(of request: ClaimRequest, room: [String: Int]) -> String? {
        Self.names(of: request).first { room[$0, default: 0] <= 0 }
    }
}
