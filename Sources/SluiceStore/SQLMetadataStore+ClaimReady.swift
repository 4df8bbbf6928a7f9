import Foundation
import SluiceCore

/// Claims in batches: a process asks for the ready task instances it has room for, in one transaction that
/// locks them with `FOR UPDATE SKIP LOCKED` (rows another process is claiming right now are skipped, not
/// waited for), then takes the locks of the limits shared by every process (a DAG's `max_active_tasks`, a
/// connection's pool: live claims are what uses them), and marks each `queued` under its lease with an update
/// that counts its limits' live claims itself (one round trip per claim). The try number is not used yet: a
/// claim whose process dies before the try starts goes back to `scheduled` as it was (`recoverAttempts`), and a
/// try starts with `startClaimed`.
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
            try db.transaction("claiming \(requests.count) task instances", isolation: .readCommitted) {
                // The rows first, skipping those another process is claiming right now (never waiting for them).
                let available = try db.prepare("""
                    SELECT dag_id, run_id, task_id, state, try_number FROM task_instance
                    WHERE attempt_id IS NULL AND (\(Self.keyMatches(requests.count)))\(dialect.forUpdateSkipLocked)
                    """, operation: "preparing the search for claimable task instances")
                    .query(requests.flatMap { Self.keyValues($0.key) }, operation: "locking the task instances to claim") { row in
                        (TaskInstanceKey(dagId: row.text(0), runId: row.text(1), taskId: row.text(2)), row.text(3), Int(row.int64(4)))
                    }
                let unclaimed = Dictionary(available.map { ($0.0, (state: $0.1, tryNumber: $0.2)) }, uniquingKeysWith: { a, _ in a })
                let claimableIndices = requests.indices.filter { index in
                    let request = requests[index]
                    return unclaimed[request.key].map { $0.state == request.expectedState.rawValue && $0.tryNumber == request.expectedTry } ?? false
                }
                let claimable = claimableIndices.map { requests[$0] }
                var outcomes = [ClaimReadyOutcome](repeating: .taken(nil), count: requests.count)
                let limits = ClaimLimits(claimable)
                if !limits.isEmpty, let lock = dialect.nameLocks(limits.names.count) {
                    // The limits' locks, taken in name order in one statement (rows are never waited for while holding
                    // one: they are locked already, or skipped): claims counting against a limit go one at a time.
                    try db.prepare(lock, operation: "preparing the limit locks")
                        .run(limits.names.map { .text($0) }, operation: "waiting for the limits \(limits.names.joined(separator: ", "))")
                }
                // Each claim counts its limits' live claims in the statement that makes it (one round trip): under
                // the locks, that count sees every other process's committed claims and this transaction's own.
                var claims: [[String]: any StoreStatement] = [:]
                var room: [String: Int]?  // counted only when a claim found a limit full, to say which
                for index in claimableIndices {
                    let request = requests[index]
                    let names = ClaimLimits.names(of: request)
                    if let room, let full = limits.firstFull(of: request, room: room) {
                        outcomes[index] = .full(limit: full)  // found full by an earlier claim of this batch
                        continue
                    }
                    let claim: any StoreStatement
                    if let prepared = claims[names] {
                        claim = prepared
                    } else {
                        claim = try db.prepare(Self.claimStatement(counting: names, leaseExpiry: leaseExpiry, leaseHolds: leaseHolds),
                                               operation: "preparing the claim")
                        claims[names] = claim
                    }
                    try claim.run([.integer(StoreDate.micros(now)), .text(request.attemptId), .text(processId),
                                   request.pool.map { .text($0.name) } ?? .null] + Self.keyValues(request.key)
                                  + ClaimLimits.countValues(of: request),
                                  operation: "claiming task instance \(request.key)")
                    if db.changes > 0 {
                        outcomes[index] = .claimed
                        if room != nil { for name in names { room?[name, default: 0] -= 1 } }
                        continue
                    }
                    // The row is locked by this transaction and was claimable: a limit is full.
                    if room == nil { room = try limits.room(in: db, leaseHolds: leaseHolds) }
                    if let full = limits.firstFull(of: request, room: room ?? [:]) { outcomes[index] = .full(limit: full) }
                }
                // What the others hold or did meanwhile, so the caller's view catches up without reading whole runs.
                let taken = zip(requests, outcomes).filter { $0.1 == .taken(nil) }.map(\.0.key)
                guard !taken.isEmpty else { return outcomes }
                let stored = try Self.readTaskInstances(taken, in: db)
                return zip(requests, outcomes).map { $1 == .taken(nil) ? .taken(stored[$0.key]) : $1 }
            }
        }
    }

    /// The claim of one unclaimed instance (values: heartbeat, attempt id, process id, pool, its key, then
    /// `ClaimLimits.countValues`), made only while each of the limits `names` has fewer live claims than its limit.
    static func claimStatement(counting names: [String], leaseExpiry: String, leaseHolds: String) -> String {
        let counts = names.map { name in
            "AND (SELECT count(*) FROM task_instance WHERE \(name.hasPrefix("dag:") ? "dag_id" : "pool") = ? AND attempt_id IS NOT NULL AND \(leaseHolds)) < ?"
        }
        return """
            UPDATE task_instance SET state = 'queued', heartbeat_at = ?, attempt_id = ?, lease_expires_at = \(leaseExpiry),
                process_id = ?, pool = ?
            WHERE dag_id = ? AND run_id = ? AND task_id = ? AND attempt_id IS NULL \(counts.joined(separator: " "))
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
