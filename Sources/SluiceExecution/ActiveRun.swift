import Foundation
import SluiceCore

/// A run the executor is working on: its task instances in memory, mirrored from the store.
///
/// The memory is only this executor's view: when a try's claim turns out lost or revoked, or the
/// store disagrees that the run is finished, the view is marked stale and read again from the store.
struct ActiveRun {
    var work: RunWork
    var instances: [String: TaskInstance] { didSet { lastPlan = nil; elsewhereReported = false } }
    let planner: RunPlanner
    /// The DAG's tasks by id (the loop looks tasks up on every turn; `Dag.task` searches the list).
    let specs: [String: TaskSpec]
    var inFlight: Set<String> = [] { didSet { lastPlan = nil; elsewhereReported = false } }
    /// The last plan, kept while nothing it depends on changed and no retry came due (the loop plans every
    /// active run on every turn).
    private var lastPlan: RunPlanner.Plan?
    /// Read the run and its task instances from the store again before planning.
    var needsRefresh = false
    /// The place in the DAG's task order where this process begins the run's ready tasks (0 on a store of one
    /// process; its own place per process and run on a shared store, see `RunPlanner.rotated`).
    var startingPlace = 0
    /// A claim met another process's: begin at the middle of the widest stretch of ready tasks after the next reading.
    var movesStartingPlace = false
    /// Tries running in another process that this executor has already reported.
    private var reportedElsewhere: Set<ReportedTry> = []
    /// Every try running elsewhere in `instances` is reported (until they change).
    private var elsewhereReported = false

    private struct ReportedTry: Hashable {
        let taskId: String
        let tryNumber: Int
    }

    init(work: RunWork, instances: [TaskInstance]) {
        self.work = work
        let known = Set(work.dag.tasks.map(\.taskId))
        let byId = Dictionary(instances.filter { known.contains($0.taskId) }.map { ($0.taskId, $0) }, uniquingKeysWith: { a, _ in a })
        self.instances = byId
        let ids = work.dag.tasks.map(\.taskId).filter { byId[$0] != nil }
        specs = Dictionary(work.dag.tasks.map { ($0.taskId, $0) }, uniquingKeysWith: { a, _ in a })
        planner = RunPlanner(order: ids, upstream: Dictionary(work.dag.tasks.map { ($0.taskId, $0.upstream) }, uniquingKeysWith: { a, _ in a }))
    }

    var isFinished: Bool {
        inFlight.isEmpty && instances.values.allSatisfy { $0.state.isFinished }
    }

    /// Tasks that another process is running (claimed there, not here).
    var ownedElsewhere: [TaskInstance] {
        instances.values.filter(isOwnedElsewhere)
    }

    /// Whether another process runs one of its tasks (without copying them: the loop asks on every turn).
    var hasOwnedElsewhere: Bool {
        instances.values.contains(where: isOwnedElsewhere)
    }

    private func isOwnedElsewhere(_ ti: TaskInstance) -> Bool {
        (ti.state == .running || ti.state == .queued) && !inFlight.contains(ti.taskId)
    }

    /// Tries another process is running that were not reported yet; each is returned once.
    mutating func newlyOwnedElsewhere(ownPid: Int32) -> [TaskInstance] {
        guard !elsewhereReported else { return [] }  // asked on every turn: nothing new unless the instances changed
        let found = ownedElsewhere.filter { $0.state == .running && $0.pid != ownPid }
            .filter { reportedElsewhere.insert(ReportedTry(taskId: $0.taskId, tryNumber: $0.tryNumber)).inserted }
        elsewhereReported = true
        return found.sorted { $0.taskId < $1.taskId }
    }

    /// Takes the store's view of the run and its instances; tries in flight here keep theirs.
    mutating func reload(run: DagRun, instances stored: [TaskInstance]) {
        work.run = run
        for ti in stored where instances[ti.taskId] != nil && !inFlight.contains(ti.taskId) {
            instances[ti.taskId] = ti
        }
    }

    /// A place in a run's task order for the process `pid`, spread evenly over processes (FNV-1a of the pid
    /// and the run id): processes working on the same run begin its ready tasks far apart.
    static func startingPlace(pid: Int32, runId: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(pid)/\(runId)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash >> 1)
    }

    /// Whether its view has a ready task `settings` serves (one this process would claim).
    mutating func hasReadyTask(servedBy settings: ExecutorSettings, now: Date) -> Bool {
        plan(now: now).ready.contains { specs[$0].map(settings.serves) ?? false }
    }

    mutating func plan(now: Date) -> RunPlanner.Plan {
        if let lastPlan, lastPlan.nextRetryAt.map({ now < $0 }) ?? true { return lastPlan }
        let plan = freshPlan(now: now)
        lastPlan = plan
        return plan
    }

    private func freshPlan(now: Date) -> RunPlanner.Plan {
        var states: [String: TaskState] = [:]
        var retries: [String: Date] = [:]
        for (id, ti) in instances {
            states[id] = inFlight.contains(id) ? .running : ti.state
            if let r = ti.nextRetryAt { retries[id] = r }
        }
        return planner.plan(states: states, nextRetryAt: retries, now: now)
    }
}
