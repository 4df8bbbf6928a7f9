import Foundation
import SluiceCore
import SluiceStore

/// One turn of the loop for one active run: read it again if stale, propagate failures, start
/// ready tasks, and end it from the store's recorded states.
extension Executor {
    struct RunStep {
        var progressed = false
        var nextRetryAt: Date?
        var waitingOnOthers = false
        /// Tries to start once claimed (their room within this process's limits is taken already).
        var starts: [PendingStart] = []
    }

    func advance(
        runAt index: Int, loop: inout ExecutorLoopState, now: Date, stopping: Bool
    ) async throws -> RunStep {
        var step = RunStep()
        guard var current = loop.active[index] else { return step }

        if current.needsRefresh && !stopping {
            current.needsRefresh = false
            let work = current.work
            guard let stored = try await retrier.perform({ [store] in
                try await store.runWithTaskInstances(dagId: work.dag.dagId, runId: work.run.runId)
            }) else {
                loop.active[index] = current
                return abandonIfIdle(at: index, loop: &loop, reason: "deleted or replaced by another process")
            }
            current.reload(run: stored.run, instances: stored.instances)
            step.progressed = true
        }

        let plan = current.plan(now: now)
        if current.movesStartingPlace {
            current.movesStartingPlace = false
            current.startingPlace = current.planner.middleOfWidestStretch(plan.ready) ?? current.startingPlace
        }
        if !plan.upstreamFailed.isEmpty {
            let candidates = plan.upstreamFailed.compactMap { current.instances[$0] }
            for (expected, group) in Dictionary(grouping: candidates, by: \.state) {
                let marked = group.map { $0.upstreamFailed(at: now) }
                let written = try await retrier.perform { [store] in try await store.updateUnclaimed(marked, expectedState: expected) }
                for ti in marked {
                    if written.contains(ti.key) {
                        current.instances[ti.taskId] = ti
                        observer(.taskFinished(ti))
                    } else {
                        current.needsRefresh = true  // another process moved it on
                    }
                }
            }
            step.progressed = true
            loop.active[index] = current
            return step  // plan again next turn with the new states
        }
        step.nextRetryAt = plan.nextRetryAt
        loop.active[index] = current

        var waitsOnOthers = false
        let dag = current.work.dag
        if !stopping, !plan.ready.isEmpty, settings.sharedStore, loop.fullLimits.contains("dag:" + dag.dagId) {
            waitsOnOthers = true  // its max_active_tasks is reached by other processes' claims: ask again later
        } else if !stopping {
            // Connections without room this turn: their other tasks are passed over at once.
            var fullConnections: Set<String> = []
            // In this process's order: on a shared store each process begins at its own place in the run.
            for taskId in current.planner.rotated(plan.ready, startingAt: current.startingPlace) {
                // No room left in this process for the DAG's tasks: the rest of the ready ones wait for the next turn.
                guard loop.inFlightTotal < settings.parallelism, loop.inFlightPerDag[dag.dagId, default: 0] < dag.maxActiveTasks else { break }
                guard let spec = current.specs[taskId], let ti = current.instances[taskId] else { continue }
                guard settings.serves(spec) else {
                    waitsOnOthers = true  // a worker of its queue runs it; this run waits and reads the store again
                    continue
                }
                let connection = ExecutorLoopState.connection(of: spec)
                if let connection, fullConnections.contains(connection) { continue }
                if let pool = sharedLimits(of: spec, dag: dag).pool, loop.fullLimits.contains(pool.name) {
                    waitsOnOthers = true  // its pool is full with other processes' claims: ask again later
                    if let connection { fullConnections.insert(connection) }
                    continue
                }
                guard loop.canStart(spec, dag: dag, settings: settings) else {
                    if let connection { fullConnections.insert(connection) }  // what stops it is its connection's limit
                    continue
                }
                if let connection = loop.attemptStarted(runIndex: index, spec: spec) {
                    observer(.connectionSlots(connection: connection, used: loop.inFlightPerConnection[connection, default: 0],
                                              limit: settings.limit(forConnection: connection)))
                }
                let attempt = TaskAttempt(dag: current.work.dag, task: spec, run: current.work.run, instance: ti,
                                          paramOverrides: current.work.paramOverrides)
                step.starts.append(PendingStart(runIndex: index, attempt: attempt))
            }
        }
        guard let started = loop.active[index] else { return step }
        step.waitingOnOthers = started.hasOwnedElsewhere || waitsOnOthers
        if step.waitingOnOthers {
            for ti in loop.active[index]?.newlyOwnedElsewhere(ownPid: settings.pid) ?? [] { observer(.taskSkipped(ti)) }
        }

        if started.isFinished && !started.needsRefresh {
            let work = started.work
            let masker = self.masker
            let dag = work.dag
            let finish: @Sendable () async throws -> RunCompletion = { [store] in
                try await store.finishRun(dagId: dag.dagId, runId: work.run.runId, now: now) { run, previous in
                    NotificationDrafts.forRun(run, previous: previous, dag: dag, masker: masker)
                }
            }
            switch try await retrier.perform(finish) {
            case let .finished(run, endedHere):
                loop.atLimit.remove(run.dagId)  // a place for the DAG's waiting runs
                loop.finished.append(run)
                observer(.runFinished(run, endedHere: endedHere))
                loop.active[index] = nil
            case .unfinished:
                loop.active[index]?.needsRefresh = true  // the store knows of work this view missed
            case .missing:
                return abandonIfIdle(at: index, loop: &loop, reason: "deleted or replaced by another process")
            }
            step.progressed = true
        }
        return step
    }

    /// Drops a run this executor can no longer finish, once none of its tries is in flight here.
    private func abandonIfIdle(at index: Int, loop: inout ExecutorLoopState, reason: String) -> RunStep {
        guard let run = loop.active[index] else { return RunStep() }
        guard run.inFlight.isEmpty else {
            loop.active[index]?.needsRefresh = true
            return RunStep()
        }
        loop.active[index] = nil
        observer(.runAbandoned(run.work.run, reason: reason))
        return RunStep(progressed: true)
    }
}
