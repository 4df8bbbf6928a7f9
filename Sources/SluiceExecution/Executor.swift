import Foundation
import SluiceCore
import SluiceStore

/// Runs DAG runs to completion: ready tasks in parallel within global, per-DAG and per-connection
/// limits, retries with their delays, upstream failures propagated, every state change written to
/// the metadata store before it is acted on.
///
/// One loop owns all decisions (which task starts, what a result means); task attempts run as
/// child tasks and only report back. Blocking work (libpq, SQLite, log files) happens on Dispatch
/// queues inside the layers below. Execution is at-least-once, as in Airflow: an attempt whose
/// process dies is retried, so tasks should be idempotent per logical date.
public final class Executor: Sendable {
    let store: any MetadataStore
    let runner: any TaskAttemptRunner
    let settings: ExecutorSettings
    let masker: SecretMasker
    let observer: ExecutionObserver
    let shutdown: ShutdownSignal
    let logWriter = LogWriter()

    public init(
        store: any MetadataStore, runner: any TaskAttemptRunner, settings: ExecutorSettings, masker: SecretMasker,
        shutdown: ShutdownSignal = ShutdownSignal(), observer: @escaping ExecutionObserver = { _ in }
    ) {
        self.store = store
        self.runner = runner
        self.settings = settings
        self.masker = masker
        self.shutdown = shutdown
        self.observer = observer
    }

    /// What a child task reports to the loop.
    private enum LoopEvent: Sendable {
        case attempt(runIndex: Int, instance: TaskInstance)
        case wake
        case heartbeatStopped
        case submitted(RunWork?)
    }

    /// Executes the runs (in the given order) and returns them in their final states.
    ///
    /// At most `maxActiveRuns` runs of one DAG are active at once (default: each DAG's
    /// `max_active_runs`). With `incoming`, the executor keeps serving runs submitted later until
    /// the stream ends (the scheduler daemon). Returns early, leaving runs `running`, after a
    /// shutdown request.
    @discardableResult
    public func execute(_ work: [RunWork], maxActiveRuns: Int? = nil, incoming: AsyncStream<RunWork>? = nil) async throws -> [DagRun] {
        var pending = work
        var streamOpen = incoming != nil
        var iterator = incoming?.makeAsyncIterator()
        var active: [Int: ActiveRun] = [:]
        var finished: [DagRun] = []
        var nextIndex = 0
        var inFlightTotal = 0
        var inFlightPerDag: [String: Int] = [:]
        var inFlightPerConnection: [String: Int] = [:]
        var wakePending: Date?
        var shutdownDeadline: Date?
        let running = RunningSet()
        let streamIterator = IteratorBox<AsyncStream<RunWork>.Iterator>()

        try await withThrowingTaskGroup(of: LoopEvent.self) { group in
            group.addTask { [store, settings] in
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(settings.heartbeatInterval * 1e9))
                    let keys = running.keys
                    if !keys.isEmpty { try? await store.heartbeat(keys: keys, at: Date()) }
                }
                return .heartbeatStopped
            }
            group.addTask { [shutdown] in
                await shutdown.wait()
                return .wake
            }
            if var it = iterator {
                iterator = nil
                group.addTask {
                    // The stream is read by one child at a time; it hands the iterator back by value.
                    let next = await it.next()
                    return .submitted(next)
                }
                streamIterator.set(it)
            }

            while true {
                let now = Date()
                var progressed = false
                let stopping = shutdown.isRequested
                if stopping, shutdownDeadline == nil {
                    shutdownDeadline = now.addingTimeInterval(settings.shutdownGrace)
                    let deadline = settings.shutdownGrace
                    group.addTask {
                        try? await Task.sleep(nanoseconds: UInt64(deadline * 1e9))
                        return .wake
                    }
                }
                if let deadline = shutdownDeadline, now >= deadline, inFlightTotal > 0 {
                    // Grace period over: cancel the running statements (on the server, via PQcancel).
                    group.cancelAll()
                }

                // Activate runs while their DAG is under its limit of active runs.
                if !stopping {
                    var activePerDag: [String: Int] = [:]
                    for run in active.values { activePerDag[run.work.dag.dagId, default: 0] += 1 }
                    var index = 0
                    while index < pending.count {
                        let next = pending[index]
                        let limit = maxActiveRuns ?? next.dag.maxActiveRuns
                        guard activePerDag[next.dag.dagId, default: 0] < limit else { index += 1; continue }
                        pending.remove(at: index)
                        progressed = true
                        if let activated = try await activate(next, now: now) {
                            active[nextIndex] = activated
                            nextIndex += 1
                            activePerDag[next.dag.dagId, default: 0] += 1
                        } else if let done = try await store.run(dagId: next.dag.dagId, runId: next.run.runId) {
                            finished.append(done)
                            observer(.runFinished(done))
                        }
                    }
                }

                // Plan every active run: propagate failures, start ready tasks, finish runs.
                var earliestRetry: Date?
                for index in active.keys.sorted() {
                    guard var current = active[index] else { continue }
                    let plan = current.plan(now: now)
                    if !plan.upstreamFailed.isEmpty {
                        let marked = plan.upstreamFailed.compactMap { current.instances[$0]?.upstreamFailed(at: now) }
                        try await store.updateTaskInstances(marked)
                        for ti in marked {
                            current.instances[ti.taskId] = ti
                            observer(.taskFinished(ti))
                        }
                        progressed = true
                        active[index] = current
                        continue  // re-plan next turn with the new states
                    }
                    if let r = plan.nextRetryAt { earliestRetry = min(earliestRetry ?? r, r) }
                    if !stopping {
                        for taskId in plan.ready {
                            guard inFlightTotal < settings.parallelism,
                                  inFlightPerDag[current.work.dag.dagId, default: 0] < current.work.dag.maxActiveTasks,
                                  let spec = current.work.dag.task(taskId), let ti = current.instances[taskId] else { break }
                            let connection = spec.type == .empty ? nil : spec.connection?.lowercased()
                            if let connection, inFlightPerConnection[connection, default: 0] >= settings.limit(forConnection: connection) {
                                continue
                            }
                            current.inFlight.insert(taskId)
                            progressed = true
                            inFlightTotal += 1
                            inFlightPerDag[current.work.dag.dagId, default: 0] += 1
                            if let connection { inFlightPerConnection[connection, default: 0] += 1 }
                            let attempt = TaskAttempt(dag: current.work.dag, task: spec, run: current.work.run, instance: ti, paramOverrides: current.work.paramOverrides)
                            group.addTask { [self] in
                                .attempt(runIndex: index, instance: await self.perform(attempt, running: running))
                            }
                        }
                    }
                    if current.isFinished {
                        let states = current.instances.values.map(\.state)
                        var run = current.work.run
                        run.state = RunStateRule.state(of: states)
                        run.endedAt = now
                        try await store.updateRun(run)
                        finished.append(run)
                        observer(.runFinished(run))
                        active[index] = nil
                        progressed = true
                    } else {
                        active[index] = current
                    }
                }

                if active.isEmpty && (pending.isEmpty || stopping) && inFlightTotal == 0 && (!streamOpen || stopping) { break }
                if stopping && inFlightTotal == 0 { break }

                // Something to wait for: a retry coming due (when nothing else will wake us first).
                if let retry = earliestRetry, wakePending.map({ $0 > retry }) ?? true {
                    wakePending = retry
                    let delay = max(0, retry.timeIntervalSince(Date()))
                    group.addTask {
                        try? await Task.sleep(nanoseconds: UInt64(delay * 1e9) + 1_000_000)
                        return .wake
                    }
                }
                if inFlightTotal == 0 && earliestRetry == nil && wakePending == nil && !streamOpen {
                    // Nothing runs and nothing is due. If this turn changed something, plan again;
                    // otherwise the remaining runs are blocked (tasks owned by another live process).
                    if progressed { continue }
                    break
                }
                if progressed && inFlightTotal == 0 { continue }
                guard let event = try await group.next() else { break }
                switch event {
                case let .attempt(index, instance):
                    inFlightTotal -= 1
                    if var current = active[index] {
                        current.inFlight.remove(instance.taskId)
                        current.instances[instance.taskId] = instance
                        inFlightPerDag[current.work.dag.dagId, default: 1] -= 1
                        if let spec = current.work.dag.task(instance.taskId), spec.type != .empty, let c = spec.connection?.lowercased() {
                            inFlightPerConnection[c, default: 1] -= 1
                        }
                        active[index] = current
                    }
                case .wake:
                    if let w = wakePending, w <= Date() { wakePending = nil }
                case .heartbeatStopped:
                    break
                case let .submitted(work):
                    if let work {
                        if !pending.contains(where: { $0.run.runId == work.run.runId && $0.dag.dagId == work.dag.dagId }) {
                            pending.append(work)
                        }
                        if var it = streamIterator.take() {
                            group.addTask {
                                let next = await it.next()
                                return .submitted(next)
                            }
                            streamIterator.set(it)
                        }
                    } else {
                        streamOpen = false
                    }
                }
            }
            group.cancelAll()
        }
        await logWriter.flush()
        return finished
    }

    /// Loads a run's task instances and marks the run running; nil when the run is already finished.
    private func activate(_ work: RunWork, now: Date) async throws -> ActiveRun? {
        guard var run = try await store.run(dagId: work.dag.dagId, runId: work.run.runId) else {
            throw ExecutionError("run \(work.run.runId) of \(work.dag.dagId) is not in the metadata store")
        }
        let instances = try await store.taskInstances(dagId: run.dagId, runId: run.runId)
        if run.state.isFinished && instances.allSatisfy({ $0.state.isFinished }) { return nil }
        if run.state != .running || run.startedAt == nil {
            run.state = .running
            run.startedAt = run.startedAt ?? now
            run.endedAt = nil
            try await store.updateRun(run)
        }
        var w = work
        w.run = run
        observer(.runStarted(run, taskCount: instances.count))
        return ActiveRun(work: w, instances: instances)
    }

    /// One attempt: mark running, run, record the outcome. Never throws: failures become states.
    private func perform(_ attempt: TaskAttempt, running: RunningSet) async -> TaskInstance {
        let now = Date()
        let queued = attempt.instance.queued(at: now)
        let logURL = TaskLog.url(logsFolder: settings.logsFolder, key: queued.key, tryNumber: queued.tryNumber)
        var ti = queued.running(at: now, host: settings.host, pid: settings.pid, logPath: logURL.path)
        let log = TaskLog(key: ti.key, tryNumber: ti.tryNumber, url: logURL, writer: logWriter, masker: masker, observer: observer)
        do {
            try await store.updateTaskInstances([ti])
        } catch {
            return attempt.instance  // the store is unavailable: leave the instance as it was
        }
        running.insert(ti.key)
        defer { running.remove(ti.key) }
        observer(.taskStarted(ti))
        log.line("\(attempt.dag.dagId) / \(attempt.run.runId) / \(ti.taskId): try \(ti.tryNumber) of \(ti.maxTries + 1) on \(settings.host) (pid \(settings.pid))")
        var current = attempt
        current.instance = ti
        let started = Date()
        do {
            let result = try await runner.run(current, log: log)
            ti = ti.succeeded(at: Date(), rowsAffected: result.rowsAffected)
            log.line(String(format: "success after %.3f s", Date().timeIntervalSince(started)))
        } catch {
            let message = masker.mask(String(describing: error))
            if Task.isCancelled || shutdown.isRequested && error is CancellationError {
                // Interrupted by shutdown: not the task's fault; it runs again on the next start.
                ti.state = .scheduled
                ti.error = "interrupted by shutdown: \(message)"
                ti.endedAt = Date()
                log.line("interrupted by shutdown; the task will run again: \(message)")
            } else {
                let policy = RetryPolicy(
                    retries: settings.retriesEnabled ? attempt.task.retries : 0, retryDelay: attempt.task.retryDelay,
                    exponentialBackoff: attempt.task.retryExponentialBackoff, maxRetryDelay: attempt.task.maxRetryDelay
                )
                ti = settings.retriesEnabled ? ti.failed(at: Date(), error: message, policy: policy)
                    : ti.failed(at: Date(), error: message, policy: policy).finalFailure()
                log.line(ti.state == .upForRetry
                         ? "failed, will retry at \(DateText.iso(ti.nextRetryAt ?? Date())): \(message)"
                         : "failed: \(message)")
            }
        }
        do {
            try await store.updateTaskInstances([ti])
        } catch {
            log.line("could not record the result in the metadata store: \(error)")
        }
        observer(.taskFinished(ti))
        return ti
    }
}

extension TaskInstance {
    /// The same failure without a retry (for `dags test`).
    func finalFailure() -> TaskInstance {
        var copy = self
        if copy.state == .upForRetry {
            copy.state = .failed
            copy.nextRetryAt = nil
        }
        return copy
    }
}

/// Hands a stream iterator from one reading child task to the next (only one reads at a time).
final class IteratorBox<I>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: I?

    func set(_ v: I) { lock.lock(); value = v; lock.unlock() }
    func take() -> I? { lock.lock(); defer { lock.unlock() }; let v = value; value = nil; return v }
}

/// Keys of the attempts running in this process, for heartbeats.
final class RunningSet: @unchecked Sendable {
    private let lock = NSLock()
    private var set = Set<TaskInstanceKey>()

    func insert(_ key: TaskInstanceKey) { lock.lock(); set.insert(key); lock.unlock() }
    func remove(_ key: TaskInstanceKey) { lock.lock(); set.remove(key); lock.unlock() }
    var keys: [TaskInstanceKey] { lock.lock(); defer { lock.unlock() }; return Array(set) }
}
