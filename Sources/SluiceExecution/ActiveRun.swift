import Foundation
import SluiceCore

/// A run the executor is working on: its task instances in memory, mirrored to the store.
struct ActiveRun {
    var work: RunWork
    var instances: [String: TaskInstance]
    let planner: RunPlanner
    var inFlight: Set<String> = []

    init(work: RunWork, instances: [TaskInstance]) {
        self.work = work
        let known = Set(work.dag.tasks.map(\.taskId))
        let byId = Dictionary(instances.filter { known.contains($0.taskId) }.map { ($0.taskId, $0) }, uniquingKeysWith: { a, _ in a })
        self.instances = byId
        let ids = work.dag.tasks.map(\.taskId).filter { byId[$0] != nil }
        planner = RunPlanner(order: ids, upstream: Dictionary(work.dag.tasks.map { ($0.taskId, $0.upstream) }, uniquingKeysWith: { a, _ in a }))
    }

    var isFinished: Bool {
        inFlight.isEmpty && instances.values.allSatisfy { $0.state.isFinished }
    }

    func plan(now: Date) -> RunPlanner.Plan {
        var states: [String: TaskState] = [:]
        var retries: [String: Date] = [:]
        for (id, ti) in instances {
            states[id] = inFlight.contains(id) ? .running : ti.state
            if let r = ti.nextRetryAt { retries[id] = r }
        }
        return planner.plan(states: states, nextRetryAt: retries, now: now)
    }
}
