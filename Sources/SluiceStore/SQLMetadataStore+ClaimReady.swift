import Foundation
import SluiceCore

/// Claims in batches: a process asks for the ready task instances it has room for, in one transaction that
/// takes the locks of the limits shared by every process (a DAG's `max_active_tasks`, a connection's pool: live
/// claims are what uses them), then marks each instance `queued` under its lease with an update that locks its
/// row with `FOR UPDATE SKIP LOCKED` (a row another process is claiming right now is skipped, never waited for)
/// and counts its limits' live claims itself (answering what it counted: which limit was full is known without
/// asking again), and last reads the instances it did not get. A request carrying the try to start (`start`) has
/// its try started by the same update (the executor, which starts what it claims at once, saves a round trip). No statement depends
/// on another's answer, so on PostgreSQL the whole transaction is one round trip (`StoreConnection.batch`), and
/// the limits' locks are held only while the server runs it. Without `start`, the try number is not used yet: a
/// claim whose process dies before the try starts goes back to `scheduled` as it was (`recoverAttempts`), and a
/// try starts with `startClaimed`.
extension SQLMetadataStore {
    public func claimReady(_ requests: [ClaimRequest], recordingEnds ends: [TryEnd], at now: Date) async throws
        -> (claims: [ClaimReadyOutcome], recorded: [Bool]) {
        guard !requests.isEmpty || !ends.isEmpty else { return ([], []) }
        var outcomes: [ClaimReadyOutcome] = []
        outcomes.reserveCapacity(requests.count)
        var recorded: [Bool] = []
        var start = 0
        repeat {
            // The ends go with the first batch: the room they free is claimed in the same transaction.
            let batch = Array(requests[start..<min(start + ClaimRequest.batchLimit, requests.count)])
            let answer = try await claimBatch(batch, recordingEnds: start == 0 ? ends : [], at: now)
            outcomes += answer.claims
            if start == 0 { recorded = answer.recorded }
            start += batch.count
        } while start < requests.count
        return (outcomes, recorded)
    }

    private func claimBatch(_ requests: [ClaimRequest], recordingEnds ends: [TryEnd], at now: Date) async throws
        -> (claims: [ClaimReadyOutcome], recorded: [Bool]) {
        let (leaseExpiry, leaseHolds, processId, dialect) = (self.leaseExpiry, self.leaseHolds, self.processId, database.dialect)
        return try await database.perform { db in
            // The tries' ends first (conditional on their claims, as `finishAttempt`): their rows leave the live claims
            // that the claims below count.
            var statements = ends.map { end in
                BatchedStatement(Self.recordEnd(leaseHolds: leaseHolds),
                                 Self.taskInstanceValues(end.instance) + Self.keyValues(end.instance.key) + [.text(end.attemptId)])
            }
            guard !requests.isEmpty else {
                let results = try db.batch(statements, operation: "recording the end of \(ends.count) tries")
                return ([], results.map { $0.changes > 0 })
            }
            let limits = ClaimLimits(requests)
            if !limits.isEmpty, let lock = dialect.nameLocks(limits.names.count) {
                // The limits' locks first, taken in name order in one statement; rows are never waited for while
                // holding them (each claim skips a locked row): claims counting against a limit go one at a time.
                statements.append(BatchedStatement(lock, limits.names.map { .text($0) }, columns: 1))
            }
            // Each claim counts its limits' live claims in the statement that makes it: under the locks, that count
            // sees every other process's committed claims and this transaction's own, and is answered with the claim.
            var claimAt: [Range<Int>] = []
            for request in requests {
                let claim = Self.claimStatements(for: request, at: now, processId: processId, leaseExpiry: leaseExpiry,
                                                 leaseHolds: leaseHolds, dialect: dialect)
                claimAt.append(statements.count..<(statements.count + claim.count))
                statements += claim
            }
            // What the others hold or did meanwhile, so the caller's view catches up without reading whole runs.
            let notClaimed = Array(repeating: "(dag_id = ? AND run_id = ? AND task_id = ? AND (attempt_id IS NULL OR attempt_id <> ?))",
                                   count: requests.count)
            statements.append(BatchedStatement(
                "SELECT \(Self.taskInstanceColumns()), CASE WHEN attempt_id IS NULL THEN 1 ELSE 0 END FROM task_instance WHERE "
                    + notClaimed.joined(separator: " OR "),
                requests.flatMap { Self.keyValues($0.key) + [.text($0.attemptId)] }, columns: Self.taskInstanceColumnCount + 1))
            let results = try db.batch(statements, operation: "claiming \(requests.count) task instances")
            let recorded = results.prefix(ends.count).map { $0.changes > 0 }

            var stored: [TaskInstanceKey: (instance: TaskInstance, unclaimed: Bool)] = [:]
            for row in results.last?.rows ?? [] {
                let instance = try Self.decodeTaskInstance(row)
                stored[instance.key] = (instance, row.int64(Self.taskInstanceColumnCount) == 1)
            }
            let claims = requests.indices.map { index -> ClaimReadyOutcome in
                let request = requests[index]
                let answer = Self.claimAnswer(results[claimAt[index]], dialect: dialect)
                if answer.claimed { return .claimed }
                let found = stored[request.key]
                // Claimable as asked but not claimed: a limit was full (as its claim counted), or another process is
                // claiming it right now.
                if let found, found.unclaimed, found.instance.state == request.expectedState, found.instance.tryNumber == request.expectedTry,
                   let full = ClaimLimits.firstFull(of: request, counted: answer.counted) {
                    return .full(limit: full)
                }
                return .taken(found?.instance)
            }
            return (claims, recorded)
        }
    }

    /// The statements that claim `request` if it is still unclaimed in the state and try asked for, made only while
    /// each of its limits (`ClaimLimits.names(of:)`) has fewer live claims than its limit; read with `claimAnswer`. On
    /// PostgreSQL one statement, whose row is locked first (skipped when another transaction holds it) and which
    /// answers the count of each limit it saw; on SQLite (one writer at a time) the counts, then the claim.
    static func claimStatements(for request: ClaimRequest, at now: Date, processId: String, leaseExpiry: String, leaseHolds: String,
                                dialect: StoreDialect) -> [BatchedStatement] {
        let names = ClaimLimits.names(of: request)
        let counts = names.map { name in
            "(SELECT count(*) FROM task_instance WHERE \(name.hasPrefix("dag:") ? "dag_id" : "pool") = ? AND attempt_id IS NOT NULL AND \(leaseHolds))"
        }
        let counted = ClaimLimits.countedValues(of: request)
        let limits = ClaimLimits.limitValues(of: request)
        // Queued under the claim, or started with it (the instance as its try starts).
        let (assignments, values): (String, [StoreValue]) = request.start.map { (taskInstanceAssignments, taskInstanceValues($0)) }
            ?? ("state = 'queued', heartbeat_at = ?", [.integer(StoreDate.micros(now))])
        let claimValues: [StoreValue] = values + [.text(request.attemptId), .text(processId), request.pool.map { .text($0.name) } ?? .null]
            + keyValues(request.key) + [.text(request.expectedState.rawValue), .integer(Int64(request.expectedTry))]
        let set = """
            UPDATE task_instance SET \(assignments), attempt_id = ?, lease_expires_at = \(leaseExpiry),
                process_id = ?, pool = ?
            """
        switch dialect {
        case .postgres:
            // The row by its key alone (its state and try are checked once it is locked): a generic plan prepared while
            // the table was nearly empty may otherwise look it up through the index on state.
            let seen = counts.isEmpty ? "SELECT" : "SELECT " + counts.indices.map { "\(counts[$0]) AS c\($0)" }.joined(separator: ", ")
            let room = counts.indices.map { " AND (SELECT c\($0) FROM seen) < ?" }.joined()
            let sql = """
                WITH seen AS (\(seen)), claimed AS (\(set)
                    WHERE ctid = (SELECT ctid FROM task_instance WHERE dag_id = ? AND run_id = ? AND task_id = ? AND attempt_id IS NULL\(dialect.forUpdateSkipLocked))
                    AND state = ? AND try_number = ?\(room) RETURNING 1)
                SELECT (SELECT count(*) FROM claimed)\(counts.indices.map { ", c\($0)" }.joined()) FROM seen
                """
            return [BatchedStatement(sql, counted + claimValues + limits, columns: 1 + Int32(names.count))]
        case .sqlite:
            let claim = BatchedStatement(set + "\nWHERE dag_id = ? AND run_id = ? AND task_id = ? AND attempt_id IS NULL AND state = ? AND try_number = ?"
                                         + counts.map { " AND \($0) < ?" }.joined(),
                                         claimValues + zip(counted, limits).flatMap { [$0, $1] })
            guard !counts.isEmpty else { return [claim] }
            return [BatchedStatement("SELECT " + counts.joined(separator: ", "), counted, columns: Int32(names.count)), claim]
        }
    }

    /// Whether the statements of `claimStatements` claimed the instance, and the live claims each of its limits had.
    static func claimAnswer(_ results: ArraySlice<BatchedResult>, dialect: StoreDialect) -> (claimed: Bool, counted: [Int]) {
        switch dialect {
        case .postgres:
            guard let row = results.first?.rows.first else { return (false, []) }
            return (row.int64(0) > 0, row.values.indices.dropFirst().map { Int(row.int64(Int32($0))) })
        case .sqlite:
            let counts = results.count > 1 ? results.first?.rows.first : nil
            let counted = counts.map { row in row.values.indices.map { Int(row.int64(Int32($0))) } } ?? []
            return ((results.last?.changes ?? 0) > 0, counted)
        }
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

/// The limits a batch of claims counts against: each DAG's `max_active_tasks` and each connection's pool, as
/// live claims (`attempt_id` set, lease not run out) of every process.
struct ClaimLimits {
    /// `dag:<id>` for a DAG's max_active_tasks, or a connection id.
    private var all: Set<String> = []

    init(_ requests: [ClaimRequest]) {
        for request in requests { all.formUnion(Self.names(of: request)) }
    }

    var isEmpty: Bool { all.isEmpty }
    var names: [String] { all.sorted() }

    /// The limits `request` counts against.
    static func names(of request: ClaimRequest) -> [String] {
        (request.maxActiveTasks == nil ? [] : ["dag:" + request.key.dagId]) + (request.pool.map { [$0.name] } ?? [])
    }

    /// For each of `names(of: request)`, in that order: what its claims are counted by (the DAG id, the pool's name).
    static func countedValues(of request: ClaimRequest) -> [StoreValue] {
        (request.maxActiveTasks == nil ? [] : [.text(request.key.dagId)]) + (request.pool.map { [.text($0.name)] } ?? [])
    }

    /// For each of `names(of: request)`, in that order: its limit (at least 1: a limit of 0 would never let a task run).
    static func limits(of request: ClaimRequest) -> [Int] {
        (request.maxActiveTasks.map { [Swift.max(1, $0)] } ?? []) + (request.pool.map { [Swift.max(1, $0.limit)] } ?? [])
    }

    static func limitValues(of request: ClaimRequest) -> [StoreValue] {
        limits(of: request).map { .integer(Int64($0)) }
    }

    /// The first limit of `request` that was full by `counted`, the live claims of each of `names(of: request)` as its
    /// claim counted them.
    static func firstFull(of request: ClaimRequest, counted: [Int]) -> String? {
        zip(names(of: request), zip(counted, limits(of: request))).first { $1.0 >= $1.1 }?.0
    }
}
