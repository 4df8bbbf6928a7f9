import Foundation
import SluiceCore

/// The executor loop's bookkeeping: runs waiting and active, tries in flight per DAG and per
/// connection, timers pending. Plain data with no I/O; the loop in `Executor.execute` owns it.
struct ExecutorLoopState {
    var pending: [RunWork]
    var streamOpen: Bool
    let maxActiveRuns: Int?
    var active: [Int: ActiveRun] = [:]
    var finished: [DagRun] = []
    var nextIndex = 0
    var inFlightTotal = 0
    var inFlightPerDag: [String: Int] = [:]
    var inFlightPerConnection: [String: Int] = [:]
    var wakePending: Date?
    var pollPending = false
    /// Shared limits (`dag:<id>`, connection ids) found full at the last claim: their tasks wait for a try of this
    /// process to end, the room retry (`roomRetryDelay`) or a poll instead of being asked for again at once.
    var fullLimits: Set<String> = []
    /// A wake-up to ask again for limits found full is pending.
    var roomWakePending = false
    /// How long until limits found full are asked for again: doubles while they stay full, back to the first
    /// once a claim succeeds.
    var roomRetryDelay = Self.firstRoomRetry
    static let firstRoomRetry: TimeInterval = 0.25
    /// DAGs whose pending runs wait because max_active_runs of their runs run in other processes.
    var atLimit: Set<String> = []
    var shutdownDeadline: Date?
    /// Pending runs found running in another process, by `dagId\0runId`, and when first found so: joined once this
    /// process has nothing of its own to do, or after a lease's length (see `Executor.activatePending`).
    var runningElsewhere: [String: Date] = [:]
    /// The scheduler's last listing of open runs whose ended runs were taken out of `pending` (`OpenRunListing`).
    var listingSeen = 0

    init(pending: [RunWork], streamOpen: Bool, maxActiveRuns: Int?) {
        self.pending = pending
        self.streamOpen = streamOpen
        self.maxActiveRuns = maxActiveRuns
    }

    /// The connection a task counts against (empty tasks use none).
    static func connection(of spec: TaskSpec) -> String? {
        spec.type == .empty ? nil : spec.connection.map(ExecutorSettings.connectionKey)
    }

    /// Whether this process has work of its own: a try in flight, or a ready task it serves in an active run.
    mutating func hasOwnWork(settings: ExecutorSettings, now: Date) -> Bool {
        if inFlightTotal > 0 { return true }
        for index in active.keys where active[index]?.hasReadyTask(servedBy: settings, now: now) == true { return true }
        return false
    }

    /// Whether another try of `spec` may start now within the global, per-DAG and per-connection limits.
    func canStart(_ spec: TaskSpec, dag: Dag, settings: ExecutorSettings) -> Bool {
        guard inFlightTotal < settings.parallelism, inFlightPerDag[dag.dagId, default: 0] < dag.maxActiveTasks else { return false }
        if let connection = Self.connection(of: spec) {
            return inFlightPerConnection[connection, default: 0] < settings.limit(forConnection: connection)
        }
        return true
    }

    /// A try started; the connection whose slot it took, if any.
    @discardableResult
    mutating func attemptStarted(runIndex: Int, spec: TaskSpec) -> String? {
        // Changed in place (not copied out and back): the loop does this for every try.
        guard let dagId = active[runIndex]?.work.dag.dagId else { return nil }
        active[runIndex]?.inFlight.insert(spec.taskId)
        inFlightTotal += 1
        inFlightPerDag[dagId, default: 0] += 1
        guard let connection = Self.connection(of: spec) else { return nil }
        inFlightPerConnection[connection, default: 0] += 1
        return connection
    }

    /// A try ended: its slot is free; its instance is what the store now holds, or the run is read again.
    /// The connection whose slot it gave back, if any.
    @discardableResult
    mutating func attemptEnded(runIndex: Int, taskId: String, instance: TaskInstance?, settings: ExecutorSettings) -> String? {
        let connection = attemptRecording(runIndex: runIndex, taskId: taskId)
        attemptRecorded(runIndex: runIndex, taskId: taskId, instance: instance)
        return connection
    }

    /// A try's end was handed to the loop, to be recorded with its next claims: its slot is free for them (the task
    /// stays in flight in its run until `attemptRecorded`). The connection whose slot it gave back, if any.
    mutating func attemptRecording(runIndex: Int, taskId: String) -> String? {
        inFlightTotal -= 1
        guard let dagId = active[runIndex]?.work.dag.dagId else { return nil }
        inFlightPerDag[dagId, default: 1] -= 1
        guard let spec = active[runIndex]?.specs[taskId], let connection = Self.connection(of: spec) else { return nil }
        inFlightPerConnection[connection, default: 1] -= 1
        return connection
    }

    /// The end of a try whose slot `attemptRecording` gave back is recorded: `instance` is what the store now holds,
    /// or nil when the run is read again.
    mutating func attemptRecorded(runIndex: Int, taskId: String, instance: TaskInstance?) {
        active[runIndex]?.inFlight.remove(taskId)
        if let instance { active[runIndex]?.instances[taskId] = instance } else { active[runIndex]?.needsRefresh = true }
    }

    /// A run submitted while the executor serves a stream (the scheduler); ignored when already waiting.
    mutating func submit(_ work: RunWork) {
        if !pending.contains(where: { $0.run.runId == work.run.runId && $0.dag.dagId == work.dag.dagId }) {
            pending.append(work)
        }
    }
}
