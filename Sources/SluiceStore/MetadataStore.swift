import Foundation
import SluiceCore

/// Where Sluice keeps DAG runs and task instances across restarts and crashes
/// (Airflow's metadata database): `SQLMetadataStore`, on SQLite (the embedded default) or on a
/// PostgreSQL database shared by several schedulers and workers.
///
/// The store keeps exactly what it is given. It never looks inside `conf` or `error`:
/// callers mask secrets before handing values over. It decides nothing either: state
/// changes are computed by the pure rules in SluiceCore and written here, except for the
/// two bulk operations that are defined as store operations (`recoverAttempts`,
/// `clearTasks`), which apply those same rules.
public protocol MetadataStore: Sendable {
    /// Inserts `run` and one task instance per id in `taskIds` (state `none`, try 0,
    /// `maxTries` from `maxTries[taskId]`, 0 when absent) in one transaction.
    /// Throws `StoreError.duplicateRun` when the DAG already has a run with the same
    /// run id or logical date.
    func createRun(_ run: DagRun, taskIds: [String], maxTries: [String: Int]) async throws

    /// The run with this id, or `nil`.
    func run(dagId: String, runId: String) async throws -> DagRun?

    /// The run of `dagId` at exactly `logicalDate` (to the microsecond), or `nil`.
    func run(dagId: String, logicalDate: Date) async throws -> DagRun?

    /// Runs filtered by DAG and state (`nil` for any), newest logical date first, at most `limit`.
    func runs(dagId: String?, state: RunState?, limit: Int?) async throws -> [DagRun]

    /// Runs that pass `filter`, newest logical date first, at most `filter.limit`.
    func runs(matching filter: RunFilter) async throws -> [DagRun]

    /// Replaces the stored run with the same (dagId, runId); throws `runNotFound` if there is none.
    func updateRun(_ run: DagRun) async throws

    /// Marks a run running (keeping its first start), unless it is finished with nothing left to run (`.over`), or
    /// it is queued while its DAG has `maxActiveRuns` runs (not backfill ones) running in any process (`.atLimit`;
    /// nil counts none). The count and the start are one transaction.
    func startRun(dagId: String, runId: String, maxActiveRuns: Int?, now: Date) async throws -> RunStart

    /// Deletes a run and its task instances; `false` when there was no such run.
    @discardableResult
    func deleteRun(dagId: String, runId: String) async throws -> Bool

    /// The run's task instances, ordered by task id.
    func taskInstances(dagId: String, runId: String) async throws -> [TaskInstance]
    /// The run and its task instances (ordered by task id), read together (one round trip on PostgreSQL); nil when
    /// the run is gone.
    func runWithTaskInstances(dagId: String, runId: String) async throws -> (run: DagRun, instances: [TaskInstance])?

    /// Replaces every given task instance, all in one transaction; throws
    /// `taskInstanceNotFound` (and writes nothing) when one does not exist.
    func updateTaskInstances(_ tis: [TaskInstance]) async throws

    /// Sets `heartbeatAt` of these task instances to `at`, in one transaction.
    /// Task instances left `running` or `queued` (by this or another process), for recovery.
    func activeTaskInstances() async throws -> [TaskInstance]

    func heartbeat(keys: [TaskInstanceKey], at: Date) async throws

    /// The task instances a clear of `selection` would reset, ordered by the runs' logical dates, then task id.
    func taskInstances(matching selection: ClearSelection) async throws -> [TaskInstance]

    /// Clears the task instances `selection` picks, in one transaction, the way Airflow does:
    /// state `none`, try number kept (the next try is try number + 1), `maxTries` extended to try
    /// number + retries, any claim released (a try running elsewhere stops). Their runs go to
    /// `runState`: `queued` (at `now`) so a scheduler runs them again whatever their type, or
    /// `running` for a process that executes them itself (`dags backfill --reprocess`).
    /// Returns the instances as they were before clearing.
    func clearTasks(_ selection: ClearSelection, runState: RunState, now: Date) async throws -> [TaskInstance]

    /// Replaces the run of `dagId` with id `replacing` (if any) by `run`, in one transaction: the old
    /// run and its instances are deleted (claims on them released), `run` is inserted with one
    /// instance per id in `taskIds` whose try number continues from the replaced instance of the same
    /// task (0 when new) and whose `maxTries` is that try number + `maxTries[taskId]`, so the first try
    /// of the new run writes a new log file, never the replaced run's. Throws `duplicateRun` as `createRun`.
    func replaceRun(_ replacing: String, with run: DagRun, taskIds: [String], maxTries: [String: Int]) async throws

    /// Claims one try of a task instance for this process: writes `ti` (normally `running`, its new
    /// try number, host and pid) with claim `attemptId`, but only if the stored instance is still in
    /// `expectedState` with try number `expectedTry` and claimed by nobody. Exactly one of several
    /// processes claiming the same try wins; the others get `.taken` with the stored instance.
    func claim(_ ti: TaskInstance, attemptId: String, expectedState: TaskState, expectedTry: Int) async throws -> ClaimOutcome

    /// Records the end of a claimed try (`ti` in its final or retry state) and releases the claim,
    /// only if the instance is still claimed by `attemptId`. `false` when the try was cleared,
    /// replaced or recovered meanwhile: then nothing is written. `notifications` (the try's
    /// `failed`/`retries_exhausted`/`published` events) go to the outbox in the same transaction.
    func finishAttempt(_ ti: TaskInstance, attemptId: String, notifications: [NotificationDraft]) async throws -> Bool

    /// Heartbeats the claimed tries (`key -> attemptId`); returns the keys whose claim is gone
    /// (cleared, replaced, recovered by another process): their tries must stop.
    func heartbeat(attempts: [TaskInstanceKey: String], at: Date) async throws -> Set<TaskInstanceKey>

    /// Writes instances that nobody has claimed (e.g. `upstream_failed`), each only if its stored
    /// state is `expectedState` and it is unclaimed; returns the keys written.
    func updateUnclaimed(_ tis: [TaskInstance], expectedState: TaskState) async throws -> Set<TaskInstanceKey>

    /// Ends a run from the states recorded in the store (never from a caller's view of them): when
    /// every task instance of the run has a final state, the run gets the state they add up to and
    /// `endedAt` (kept when it already had one). When the run ends here, `notifications` is asked,
    /// with the ended run and the state of the DAG's previous run (by logical date, nil: none), for
    /// the run's events, which go to the outbox in the same transaction.
    func finishRun(dagId: String, runId: String, now: Date,
                   notifications: @escaping @Sendable (DagRun, RunState?) -> [NotificationDraft]) async throws -> RunCompletion

    /// Writes notifications no state change carries (`deadline_missed`) in a transaction of their own;
    /// one already written (same event id and notifier) is left as it is.
    func enqueueNotifications(_ drafts: [NotificationDraft], now: Date) async throws

    /// The backfills created through the API that still have queued or running runs (the scheduler
    /// gates their runs by these).
    func backfillGates() async throws -> [BackfillGate]

    /// Changes other processes sharing the store announced (runs created or queued, tries ended): waiting on
    /// it wakes a process before its next poll. Never fires on a store of one process.
    var changes: StoreChangeSignal { get }

    /// How long a claim holds without a heartbeat; heartbeats must come well within it.
    var lease: TimeInterval { get }

    /// Whether the try claimed as `attemptId` still holds its lease (checked before an export publishes).
    func holdsLease(_ key: TaskInstanceKey, attemptId: String) async throws -> Bool

    /// Fails into retry (or failure, out of tries) the tries whose lease ran out on the database's clock, those
    /// of processes on `host` whose pids are in `deadPids`, and unclaimed running ones with no heartbeat since
    /// `staleBefore`; each only if its claim is unchanged. Returns what was written.
    func recoverAttempts(host: String, deadPids: Set<Int32>, staleBefore: Date, now: Date) async throws -> [TaskInstance]

    /// Records the ends of tries (each as `finishAttempt` without notifications: only while its claim holds its
    /// lease), then claims, of the ready instances asked for, those still unclaimed in the expected state and try,
    /// whose slots are free (the room the ends freed included): each becomes `queued` under its claim's lease, its
    /// try not used yet (or, for a request carrying `start`, starts its try under the claim); in bounded batches,
    /// each one transaction that skips rows other processes are claiming, the ends in the first. One outcome per
    /// request and whether each end was recorded, in order.
    func claimReady(_ requests: [ClaimRequest], recordingEnds ends: [TryEnd], at now: Date) async throws
        -> (claims: [ClaimReadyOutcome], recorded: [Bool])

    /// Starts the try of an instance claimed with `claimReady` as `attemptId` (writes `ti`: running, its try
    /// number), only while the claim holds its lease; `.taken` with the stored instance otherwise.
    func startClaimed(_ ti: TaskInstance, attemptId: String) async throws -> ClaimOutcome

    /// Where the store lives, for messages (a file path or a server without credentials).
    var displayName: String { get }

    /// Pauses or unpauses a DAG.
    func setPaused(dagId: String, paused: Bool) async throws

    /// Whether a DAG is paused; DAGs never paused are not.
    func isPaused(dagId: String) async throws -> Bool

    /// Runs waiting to start (`queued`) of DAGs that are not paused, oldest `runAfter` first.
    func queuedRuns(limit: Int) async throws -> [DagRun]
}

extension MetadataStore {
    /// `claimReady` recording no ends.
    public func claimReady(_ requests: [ClaimRequest], at now: Date) async throws -> [ClaimReadyOutcome] {
        try await claimReady(requests, recordingEnds: [], at: now).claims
    }

    /// `finishAttempt` without notifications.
    public func finishAttempt(_ ti: TaskInstance, attemptId: String) async throws -> Bool {
        try await finishAttempt(ti, attemptId: attemptId, notifications: [])
    }

    /// `finishRun` without notifications.
    public func finishRun(dagId: String, runId: String, now: Date) async throws -> RunCompletion {
        try await finishRun(dagId: dagId, runId: runId, now: now, notifications: { _, _ in [] })
    }

    /// `clearTasks` with the runs queued at the current time.
    public func clearTasks(dagId: String, from: Date, through: Date, onlyFailed: Bool) async throws -> Int {
        try await clearTasks(dagId: dagId, from: from, through: through, onlyFailed: onlyFailed, now: Date())
    }

    /// Clears the task instances of `dagId`'s runs with logical dates in `from...through` (only
    /// `failed`/`upstream_failed` ones when `onlyFailed`); their runs go back to `queued` at `now`.
    /// Returns how many were cleared.
    public func clearTasks(dagId: String, from: Date, through: Date, onlyFailed: Bool, now: Date) async throws -> Int {
        let selection = ClearSelection(dagId: dagId, runs: .logicalDates(from: from, through: through), onlyFailed: onlyFailed)
        return try await clearTasks(selection, runState: .queued, now: now).count
    }
}

/// The answer to a claim.
public enum ClaimOutcome: Sendable, Equatable {
    /// This process owns the try.
    case claimed
    /// Another process claimed it first, or the instance moved on; the stored instance (nil when
    /// the run is gone).
    case taken(TaskInstance?)
}

/// The answer to `finishRun`.
public enum RunCompletion: Sendable, Equatable {
    /// The run ended (or had ended) in this state; `endedHere`: this call wrote its end (false when another
    /// process, or an earlier call, had ended it).
    case finished(DagRun, endedHere: Bool)
    /// Some task instances are not final in the store.
    case unfinished(DagRun)
    /// The run is not in the store (deleted or replaced).
    case missing
}
