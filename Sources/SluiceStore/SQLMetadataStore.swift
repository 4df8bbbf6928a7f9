import Foundation
import SluiceCore
import SluicePostgres

/// The metadata store: one implementation of the store's SQL over two engines.
///
/// - SQLite, the embedded default: one file in WAL mode (by default `$SLUICE_HOME/sluice.db`) on one
///   connection whose serial queue runs all work, writes grouped in `BEGIN IMMEDIATE` transactions. Several
///   processes may open the file, but only one scheduler should write: see `SchedulerLock`.
/// - PostgreSQL (`SLUICE_METADATA_URL`): a pool of connections, SERIALIZABLE transactions, shared by several
///   schedulers and workers on one or many machines.
///
/// Both are migrated to the newest schema when opened, and prepare each statement once per connection, so
/// batches of thousands of task instances stay cheap. It stores what it is given and never secrets of its
/// own: callers mask `conf` and `error` before writing.
public final class SQLMetadataStore: MetadataStore {
    let database: any StoreDatabase
    /// How long a claimed try holds its task instance without a heartbeat (`SLUICE_LEASE_TIMEOUT`).
    public let lease: TimeInterval
    /// This store's process in `sluice_process` (a new id for each open store).
    public let processId = UUID().uuidString.lowercased()
    /// Changes other processes made, as `listenForChanges` hears them (never on SQLite).
    public let changes = StoreChangeSignal()

    private init(database: any StoreDatabase, lease: TimeInterval) {
        self.database = database
        self.lease = lease
    }

    /// The default lease, in seconds.
    public static let defaultLease: TimeInterval = 30

    /// Opens (creating the file and its parent folders if needed) and migrates the SQLite store at `path`.
    public static func open(path: String, lease: TimeInterval = defaultLease, now: Date = Date()) async throws -> SQLMetadataStore {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotCreateFolder(path: folder, message: (error as NSError).localizedDescription)
        }
        return try await open(database: try await SQLiteDatabase.open(path: path), lease: lease, now: now)
    }

    /// Opens and migrates the PostgreSQL store at `url` (`postgresql://...`), with at most `connections`
    /// connections from this process.
    public static func open(url: String, connections: Int = 4, lease: TimeInterval = defaultLease, now: Date = Date()) async throws -> SQLMetadataStore {
        let config: ConnectionConfig
        do {
            config = try ConnectionConfig(uri: url)
        } catch let error as PostgresError {
            throw StoreError.invalidMetadataURL(error.description)
        }
        return try await open(database: PostgresStoreDatabase(config: config, connections: connections), lease: lease, now: now)
    }

    private static func open(database: any StoreDatabase, lease: TimeInterval, now: Date) async throws -> SQLMetadataStore {
        do {
            _ = try await database.perform { db in try SchemaMigrator(dialect: db.dialect).migrate(db, now: now) }
        } catch {
            await database.close()
            throw error
        }
        return SQLMetadataStore(database: database, lease: max(0.05, lease))
    }

    /// Opens the store of a Sluice home (`location.databasePath`).
    public static func open(location: StoreLocation, lease: TimeInterval = defaultLease, now: Date = Date()) async throws -> SQLMetadataStore {
        try await open(path: location.databasePath, lease: lease, now: now)
    }

    /// Hears the changes other processes announce (`StoreChange`, PostgreSQL's `LISTEN`) and wakes the waiters of
    /// `changes`, until the calling task is cancelled; returns at once on SQLite (one scheduler per store). Each
    /// time it starts listening (again, after a lost connection) it wakes every waiter, as changes may have gone
    /// unheard, then calls `listening`.
    public func listenForChanges(listening: @escaping @Sendable () -> Void = {}) async {
        guard let postgres = database as? PostgresStoreDatabase else { return }
        let changes = self.changes
        await postgres.listen(channels: StoreChange.allCases.map(\.channel), connected: {
            StoreChange.allCases.forEach(changes.announce)
            listening()
        }, heard: { channel in
            if let change = StoreChange(channel: channel) { changes.announce(change) }
        })
    }

    /// Announces `change` to the processes listening, when the current transaction commits (PostgreSQL only).
    static func announce(_ change: StoreChange, in db: any StoreConnection) throws {
        guard db.dialect == .postgres else { return }
        try db.execute("NOTIFY \(change.channel)", operation: "announcing a change to other processes")
    }

    /// Whether several schedulers and workers may share the store (PostgreSQL), not one per home (SQLite).
    public var isShared: Bool {
        database.dialect == .postgres
    }

    /// The file this store writes, or the PostgreSQL server and database (without credentials).
    public var path: String {
        database.displayName
    }

    /// Closes the store's connections (PostgreSQL); later calls fail.
    public func close() async {
        await database.close()
    }

    /// The schema version of the database (the newest applied migration).
    public func schemaVersion() async throws -> Int {
        try await database.perform { db in try SchemaMigrator(dialect: db.dialect).currentVersion(db) }
    }

    // MARK: Runs

    public func createRun(_ run: DagRun, taskIds: [String], maxTries: [String: Int]) async throws {
        try await database.perform { db in
            // It reads nothing, so READ COMMITTED holds it whole: a scheduler that loses the race for a due run waits for the
            // winner's insert and inserts nothing (under SERIALIZABLE it would fail to serialize and try again).
            try db.transaction("creating run \(run.runId) of \(run.dagId)", isolation: .readCommitted) {
                try Self.insert(run, taskIds: taskIds, maxTries: maxTries, tries: [:], in: db)
            }
        }
    }

    /// Inserts a run and its task instances (try numbers from `tries`, 0 when absent; `max_tries` the
    /// try number + `maxTries`); call inside a transaction on the database's queue.
    static func insert(_ run: DagRun, taskIds: [String], maxTries: [String: Int], tries: [String: Int], in db: any StoreConnection) throws {
        let insertRun = try db.prepare(
            "INSERT INTO dag_run (\(Self.runColumns())) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            operation: "preparing the run insert")
        // Schedulers creating the same due run at once: one inserts it, the others insert nothing.
        do {
            try insertRun.run([.text(run.dagId), .text(run.runId)] + Self.runValues(run),
                              operation: "creating run \(run.runId) of \(run.dagId)")
        } catch where Self.isUniqueViolation(error) {
            throw StoreError.duplicateRun(dagId: run.dagId, runId: run.runId, logicalDate: run.logicalDate)
        }
        if db.changes == 0 {
            throw StoreError.duplicateRun(dagId: run.dagId, runId: run.runId, logicalDate: run.logicalDate)
        }
        try announce(.runs, in: db)
        // Many rows per statement (a run of 50 tasks is one round trip, not 50), in chunks far below either
        // engine's limit of parameters.
        let rows = taskIds.map { taskId -> [StoreValue] in
            let retries = max(0, maxTries[taskId] ?? 0)
            let tryNumber = max(0, tries[taskId] ?? 0)
            let (limit, overflow) = tryNumber.addingReportingOverflow(retries)
            return [.text(run.dagId), .text(run.runId), .text(taskId), .integer(Int64(tryNumber)),
                    .integer(Int64(overflow ? Int.max : limit)), .integer(Int64(retries))]
        }
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 100, rows.count)]
            try db.prepare("""
                INSERT INTO task_instance (dag_id, run_id, task_id, try_number, max_tries, retries, state) VALUES \(
                    Array(repeating: "(?, ?, ?, ?, ?, ?, 'none')", count: chunk.count).joined(separator: ", "))
                """, operation: "preparing the task instance insert")
                .run(chunk.flatMap { $0 }, operation: "creating the task instances of run \(run.runId)")
            start += chunk.count
        }
    }

    public func run(dagId: String, runId: String) async throws -> DagRun? {
        try await database.perform { db in
            try db.prepare("SELECT \(Self.runColumns()) FROM dag_run WHERE dag_id = ? AND run_id = ?", operation: "preparing a run lookup")
                .query([.text(dagId), .text(runId)], operation: "reading run \(runId) of \(dagId)", row: Self.decodeRun)
                .first
        }
    }

    public func run(dagId: String, logicalDate: Date) async throws -> DagRun? {
        try await database.perform { db in
            try db.prepare("SELECT \(Self.runColumns()) FROM dag_run WHERE dag_id = ? AND logical_date = ?", operation: "preparing a run lookup")
                .query([.text(dagId), .integer(StoreDate.micros(logicalDate))],
                       operation: "reading the run of \(dagId) at a logical date", row: Self.decodeRun)
                .first
        }
    }

    public func runs(dagId: String?, state: RunState?, limit: Int?) async throws -> [DagRun] {
        try await runs(matching: RunFilter(dagId: dagId, states: state.map { [$0] } ?? [], limit: limit))
    }

    public func updateRun(_ run: DagRun) async throws {
        try await database.perform { db in
            let update = try db.prepare("""
                UPDATE dag_run SET run_type = ?, logical_date = ?, data_interval_start = ?, data_interval_end = ?,
                    run_after = ?, conf = ?, state = ?, queued_at = ?, started_at = ?, ended_at = ?
                WHERE dag_id = ? AND run_id = ?
                """, operation: "preparing the run update")
            do {
                try update.run(Self.runValues(run) + [.text(run.dagId), .text(run.runId)],
                               operation: "updating run \(run.runId) of \(run.dagId)")
            } catch where Self.isUniqueViolation(error) {
                throw StoreError.duplicateRun(dagId: run.dagId, runId: run.runId, logicalDate: run.logicalDate)
            }
            if db.changes == 0 {
                throw StoreError.runNotFound(dagId: run.dagId, runId: run.runId)
            }
        }
    }

    @discardableResult
    public func deleteRun(dagId: String, runId: String) async throws -> Bool {
        try await database.perform { db in
            try db.prepare("DELETE FROM dag_run WHERE dag_id = ? AND run_id = ?", operation: "preparing the run delete")
                .run([.text(dagId), .text(runId)], operation: "deleting run \(runId) of \(dagId)")
            return db.changes > 0
        }
    }

    public func queuedRuns(limit: Int) async throws -> [DagRun] {
        try await database.perform { db in
            try db.prepare("""
                SELECT \(Self.runColumns("r.")) FROM dag_run r LEFT JOIN dag d ON d.dag_id = r.dag_id
                WHERE r.state = 'queued' AND COALESCE(d.is_paused, 0) = 0
                ORDER BY r.run_after, r.logical_date, r.dag_id LIMIT ?
                """, operation: "preparing the queued run listing")
                .query([.integer(Int64(max(0, limit)))], operation: "listing queued runs", row: Self.decodeRun)
        }
    }

    // MARK: Task instances

    public func taskInstances(dagId: String, runId: String) async throws -> [TaskInstance] {
        try await database.perform { db in try Self.instances(dagId: dagId, runId: runId, in: db) }
    }

    public func runWithTaskInstances(dagId: String, runId: String) async throws -> (run: DagRun, instances: [TaskInstance])? {
        try await database.perform { db in
            let key: [StoreValue] = [.text(dagId), .text(runId)]
            let read = try db.batch([
                Self.runLookup(dagId: dagId, runId: runId),
                BatchedStatement("SELECT \(Self.taskInstanceColumns()) FROM task_instance WHERE dag_id = ? AND run_id = ? ORDER BY task_id",
                                 key, columns: Self.taskInstanceColumnCount),
            ], operation: "reading run \(runId) of \(dagId) with its task instances")
            guard let row = read[0].rows.first else { return nil }
            return (try Self.decodeRun(row), try read[1].rows.map(Self.decodeTaskInstance))
        }
    }

    /// The task instances of one run, by task id, inside the caller's transaction.
    static func instances(dagId: String, runId: String, in db: any StoreConnection) throws -> [TaskInstance] {
        try db.prepare("SELECT \(taskInstanceColumns()) FROM task_instance WHERE dag_id = ? AND run_id = ? ORDER BY task_id",
                       operation: "preparing the task instance listing")
            .query([.text(dagId), .text(runId)], operation: "reading the task instances of run \(runId) of \(dagId)",
                   row: decodeTaskInstance)
    }

    public func updateTaskInstances(_ tis: [TaskInstance]) async throws {
        guard !tis.isEmpty else { return }
        try await database.perform { db in
            try db.transaction("updating \(tis.count) task instances") {
                try Self.write(tis, in: db)
            }
        }
    }

    /// Writes task instances, releasing any claim on them (a try cleared or recovered this way
    /// cannot be finished by the process that ran it); call inside a transaction on the database's queue.
    static func write(_ tis: [TaskInstance], in db: any StoreConnection) throws {
        let update = try db.prepare("""
            UPDATE task_instance SET \(Self.taskInstanceAssignments),
                attempt_id = NULL, lease_expires_at = NULL, process_id = NULL
            WHERE dag_id = ? AND run_id = ? AND task_id = ?
            """, operation: "preparing the task instance update")
        for ti in tis {
            try update.run(taskInstanceValues(ti) + [.text(ti.dagId), .text(ti.runId), .text(ti.taskId)],
                           operation: "updating task instance \(ti.key)")
            if db.changes == 0 {
                throw StoreError.taskInstanceNotFound(ti.key)
            }
        }
    }

    public func heartbeat(keys: [TaskInstanceKey], at: Date) async throws {
        guard !keys.isEmpty else { return }
        try await database.perform { db in
            try db.transaction("recording \(keys.count) heartbeats") {
                let update = try db.prepare("UPDATE task_instance SET heartbeat_at = ? WHERE dag_id = ? AND run_id = ? AND task_id = ?",
                                            operation: "preparing the heartbeat update")
                let micros = StoreValue.integer(StoreDate.micros(at))
                for key in keys {
                    try update.run([micros, .text(key.dagId), .text(key.runId), .text(key.taskId)],
                                   operation: "recording the heartbeat of \(key)")
                }
            }
        }
    }

    public func activeTaskInstances() async throws -> [TaskInstance] {
        try await database.perform { db in
            try db.prepare("SELECT \(Self.taskInstanceColumns()) FROM task_instance WHERE state IN ('running', 'queued') ORDER BY dag_id, run_id, task_id",
                           operation: "preparing the active task search")
                .query([], operation: "finding running task instances", row: Self.decodeTaskInstance)
        }
    }

    static func deadProcessMessage(_ ti: TaskInstance) -> String {
        var who = "the Sluice process running this task"
        if let pid = ti.pid {
            who += " (pid \(pid)\(ti.host.map { " on \($0)" } ?? ""))"
        }
        let since = ti.heartbeatAt.map { "since \(RunIdDateFormat.string(from: $0))" } ?? "at all"
        return "\(who) died or was stopped: no heartbeat \(since)"
    }

    // MARK: Paused DAGs

    public func setPaused(dagId: String, paused: Bool) async throws {
        try await database.perform { db in
            try db.prepare("""
                INSERT INTO dag (dag_id, is_paused) VALUES (?, ?)
                ON CONFLICT (dag_id) DO UPDATE SET is_paused = excluded.is_paused
                """, operation: "preparing the pause update")
                .run([.text(dagId), .integer(paused ? 1 : 0)], operation: "pausing or unpausing \(dagId)")
            if !paused { try Self.announce(.runs, in: db) }
        }
    }

    public func isPaused(dagId: String) async throws -> Bool {
        try await database.perform { db in
            try db.prepare("SELECT is_paused FROM dag WHERE dag_id = ?", operation: "preparing the pause lookup")
                .query([.text(dagId)], operation: "reading whether \(dagId) is paused") { $0.int64(0) != 0 }
                .first ?? false
        }
    }
}
