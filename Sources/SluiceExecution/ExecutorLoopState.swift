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
    /// Shared limits (`dag:<id>`, connection ids) found full at the last claim: their tasks wait for a poll or a
    /// try's end instead of being asked for again at once.
    var fullLimits: Set<String> = []
    /// A wake-up for when another process ends a try is pending.
    var roomWakePending = false
    /// DAGs whose pending runs wait because max_active_runs of their runs run in other processes.
    var atLimit: Set<String> = []
    var shutdownDeadline: Date?

    init(pending: [RunWork], streamOpen: Bool, maxActiveRuns: Int?) {
        self.pending = pending
        self.streamOpen = streamOpen
        self.maxActiveRuns = maxActiveRuns
    }

    /// The connection a task counts against (empty tasks use none).
    static func connection(of spec: TaskSpec) -> String? {
        spec.type == .empty ? nil : spec.connection.map(ExecutorSettings.connectionKey)
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
        guard var run = active[runIndex] else { return nil }
        run.inFlight.insert(spec.taskId)
        active[runIndex] = run
        inFlightTotal += 1
        inFlightPerDag[run.work.dag.dagId, default: 0] += 1
        guard let connection = Self.connection(of: spec) else { return nil }
        inFlightPerConnection[connection, default: 0] += 1
        return connection
    }

    /// A try ended: its slot is free; its instance is what the store now holds, or the run is read again.
    /// The connection whose slot it gave back, if any.
    @discardableResult
    mutating func attemptEnded(runIndex: Int, taskId: String, instance: TaskInstance?, settings: ExecutorSettings) -> String? {
        inFlightTotal -= 1
        guard var run = active[runIndex] else { return nil }
        run.inFlight.remove(taskId)
        if let instance { run.instances[taskId] = instance } else { run.needsRefresh = true }
        inFlightPerDag[run.work.dag.dagId, default: 1] -= 1
        var released: String?
        if let spec = run.work.dag.task(taskId), let connection = Self.connection(of: spec) {
            inFlightPerConnection[connection, default: 1] -= 1
            released = connection
        }
        active[runIndex] = run
        return released
    }

    /// A run submitted while the executor serves a stream (the scheduler); ignored when already waiting.
    mutating func submit(_ work: RunWork) {
        if !pending.contains(where: { $0.run.runId == work.run.runId && $0.dag.dagId == work.dag.dagId }) {
            pending.append(work)
        }
    }
}
