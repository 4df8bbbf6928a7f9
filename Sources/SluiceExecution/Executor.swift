import Foundation
import SluiceCore
import SluiceStore

/// Runs DAG runs to completion: ready tasks in parallel within global, per-DAG and per-connection
/// limits, retries with their delays, upstream failures propagated, every state change written to
/// the metadata store before it is acted on.
///
/// One loop owns all decisions about runs (which task starts, when a run ends); each try is a
/// `TaskTry` state machine carried out by a child task (`Executor+Attempt.swift`). Every try is
/// claimed in the store first, so a task another process runs is skipped and waited for, never run
/// twice; a try whose claim another process revokes (clear, `--replace`) is cancelled. A run ends
/// only from the states recorded in the store. When the store cannot be written, work waits
/// (`StoreRetrier`). Execution is at-least-once, as in Airflow: a try whose process dies is retried.
public final class Executor: Sendable {
    let store: any MetadataStore
    let runner: any TaskAttemptRunner
    let settings: ExecutorSettings
    let masker: SecretMasker
    let observer: ExecutionObserver
    let shutdown: ShutdownSignal
    let logWriter = LogWriter()
    let attempts = AttemptRegistry()
    let retrier: StoreRetrier

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
        self.retrier = StoreRetrier(displayName: store.displayName, observer: observer)
    }

    /// What a child task reports to the loop.
    enum LoopEvent: Sendable {
        /// A try ended; `instance` is its recorded state, nil when the run must be read again.
        case attempt(runIndex: Int, taskId: String, instance: TaskInstance?)
        /// A try's work ended; the loop records its end with its next claims.
        case record(runIndex: Int, taskId: String, ending: EndToRecord)
        case wake
        case poll
        case heartbeatStopped
        case submitted(RunWork?)
        /// Time to ask again for limits found full (other processes' tries may have ended).
        case roomRetry
        /// An event is in the mailbox (tries' ends go there, so the loop takes all that ended in one turn).
        case posted
    }

    /// Executes the runs (in the given order) and returns the ones that finished, in their final states.
    ///
    /// At most `maxActiveRuns` runs of one DAG are active at once (default: each DAG's
    /// `max_active_runs`). With `incoming`, the executor keeps serving runs submitted later until
    /// the stream ends (the scheduler daemon). Returns early, leaving runs `running`, after a
    /// shutdown request. `listing`: the runs open as the scheduler handing over `incoming` last listed them.
    @discardableResult
    public func execute(_ work: [RunWork], maxActiveRuns: Int? = nil, incoming: AsyncStream<RunWork>? = nil,
                        listing: OpenRunListing? = nil) async throws -> [DagRun] {
        var loop = ExecutorLoopState(pending: work, streamOpen: incoming != nil, maxActiveRuns: maxActiveRuns)
        let mailbox = LoopMailbox()  // this call's: a child that ends after the loop posts nothing the next call sees
        var ends: [RecordingEnd] = []  // tries' ends to record with the next claims

        try await withThrowingTaskGroup(of: LoopEvent.self) { group in
            group.addTask { [store, settings, attempts, observer] in
                // Leases: renewed well within their length; when renewals fail for two thirds of it (the store is
                // unreachable), this process stops its tries itself before the lease runs out and another
                // process may take them over.
                let clock = ContinuousClock()
                let interval = min(settings.heartbeatInterval, store.lease / 3)
                var renewed = clock.now
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(interval))
                    let claimed = attempts.attempts
                    let sent = clock.now
                    guard !claimed.isEmpty else {
                        renewed = sent
                        continue
                    }
                    do {
                        let revoked = try await store.heartbeat(attempts: claimed, at: Date())
                        renewed = sent
                        if !revoked.isEmpty { attempts.revoke(revoked) }
                    } catch {
                        if clock.now - renewed > .seconds(store.lease * 2 / 3) {
                            observer(.leaseLost(keys: Array(claimed.keys), reason: "\(error)"))
                            attempts.revoke(Set(claimed.keys))
                        }
                    }
                }
                return .heartbeatStopped
            }
            group.addTask { [shutdown] in
                await shutdown.wait()
                return .wake
            }
            if let incoming { Self.readNext(from: incoming, in: &group) }

            turns: while true {
                let now = Date()
                let stopping = shutdown.isRequested
                if stopping, loop.shutdownDeadline == nil {
                    loop.shutdownDeadline = now.addingTimeInterval(settings.shutdownGrace)
                    let grace = settings.shutdownGrace
                    group.addTask {
                        try? await Task.sleep(for: .seconds(grace))
                        return .wake
                    }
                }
                if let deadline = loop.shutdownDeadline, now >= deadline, loop.inFlightTotal > 0 {
                    // Grace period over: cancel the running statements (on the server, via PQcancel).
                    group.cancelAll()
                }

                var progressed = false
                if !stopping { progressed = try await activatePending(&loop, now: now, listing: listing) }
                var earliestRetry: Date?
                var waitingOnOthers = false
                var starts: [PendingStart] = []
                func take(_ step: RunStep) {
                    progressed = progressed || step.progressed
                    if let r = step.nextRetryAt { earliestRetry = min(earliestRetry ?? r, r) }
                    waitingOnOthers = waitingOnOthers || step.waitingOnOthers
                    starts += step.starts
                }
                for index in loop.active.keys.sorted() {
                    take(try await advance(runAt: index, loop: &loop, now: now, stopping: stopping))
                }
                // The claims, with the ends of the tries that ended meanwhile recorded in the same round trip; then what
                // those ends make ready in their runs (downstream tasks, the run's own end) goes on in this turn too.
                while !starts.isEmpty || !ends.isEmpty {
                    let recordedRuns = Set(ends.map(\.runIndex))
                    let claimed = try await claimAndStart(starts, recording: ends, loop: &loop, group: &group, mailbox: mailbox)
                    ends = []
                    starts = []
                    progressed = progressed || claimed.progressed
                    waitingOnOthers = waitingOnOthers || claimed.waitingOnOthers
                    for index in recordedRuns.sorted() where loop.active[index] != nil {
                        take(try await advance(runAt: index, loop: &loop, now: Date(), stopping: stopping))
                    }
                }

                if loop.active.isEmpty && (loop.pending.isEmpty || stopping) && loop.inFlightTotal == 0 && (!loop.streamOpen || stopping) { break }
                if stopping && loop.inFlightTotal == 0 { break }

                // Something to wait for: a retry coming due (when nothing else will wake us first).
                if let retry = earliestRetry, loop.wakePending.map({ $0 > retry }) ?? true {
                    loop.wakePending = retry
                    let delay = max(0, retry.timeIntervalSince(Date()))
                    group.addTask {
                        try? await Task.sleep(for: .seconds(delay) + .milliseconds(1))
                        return .wake
                    }
                }
                // Tries another process runs: read their runs again now and then.
                if waitingOnOthers || !loop.atLimit.isEmpty, !loop.pollPending, !stopping {
                    loop.pollPending = true
                    let interval = settings.pollInterval
                    group.addTask {
                        try? await Task.sleep(for: .seconds(interval))
                        return .poll
                    }
                }
                // Limits reached by other processes' claims: a try of this process ending asks again at once; with none
                // in flight, ask again a quarter second later, then at doubling intervals up to the poll's while they
                // stay full (the poll asks too). Polled, not announced: a NOTIFY per try's end woke every process's
                // listener (and its server backend) for each of them, which cost more CPU than these few claims; and a
                // timer besides the tries in flight made 800 claim batches in a 3-scheduler benchmark run that found
                // the limits still full.
                if !loop.fullLimits.isEmpty, loop.inFlightTotal == 0, !loop.roomWakePending, !stopping {
                    loop.roomWakePending = true
                    let delay = loop.roomRetryDelay
                    loop.roomRetryDelay = min(delay * 2, max(settings.pollInterval, ExecutorLoopState.firstRoomRetry))
                    group.addTask {
                        try? await Task.sleep(for: .seconds(delay))
                        return .roomRetry
                    }
                }
                if loop.inFlightTotal == 0 && earliestRetry == nil && loop.wakePending == nil && !loop.streamOpen && !loop.pollPending {
                    if progressed { continue }
                    break  // nothing runs, nothing is due, nobody else holds a task: the remaining runs cannot go on
                }
                if progressed && loop.inFlightTotal == 0 { continue }
                // Every event that came meanwhile, so one turn (and one claim) answers all the tries that ended.
                var events: [LoopEvent] = []
                while events.isEmpty {
                    guard let next = try await group.next() else { break turns }
                    if case .posted = next { events = mailbox.drain() } else { events = [next] }
                }
                for event in events {
                switch event {
                case let .attempt(index, taskId, instance):
                    loop.fullLimits = []  // a try of this process ended, its room is free: try the waiting tasks
                    if let connection = loop.attemptEnded(runIndex: index, taskId: taskId, instance: instance, settings: settings) {
                        observer(.connectionSlots(connection: connection, used: loop.inFlightPerConnection[connection, default: 0],
                                                  limit: settings.limit(forConnection: connection)))
                    }
                case let .record(index, taskId, ending):
                    // Its room is free for the claims its end is recorded with.
                    loop.fullLimits = []
                    if let connection = loop.attemptRecording(runIndex: index, taskId: taskId) {
                        observer(.connectionSlots(connection: connection, used: loop.inFlightPerConnection[connection, default: 0],
                                                  limit: settings.limit(forConnection: connection)))
                    }
                    ends.append(RecordingEnd(runIndex: index, taskId: taskId, ending: ending))
                case .wake:
                    if let w = loop.wakePending, w <= Date() { loop.wakePending = nil }
                case .poll:
                    loop.pollPending = false
                    loop.fullLimits = []
                    loop.atLimit = []
                    // Runs waiting on tries of other processes (or of other queues' workers): read them again. A run with
                    // a ready task this process serves is not: its next claim tells what changed meanwhile (reading
                    // every run of every process every poll cost more than those claims).
                    let now = Date()
                    for index in loop.active.keys where loop.active[index]?.hasReadyTask(servedBy: settings, now: now) == false {
                        loop.active[index]?.needsRefresh = true
                    }
                    // A process that held one of them may have died: its tries go back to retry.
                    _ = try? await Recovery.recoverInterrupted(store: store, host: settings.host, deadPidsToo: !settings.sharedStore,
                                                                ownPid: settings.pid, staleAfter: settings.staleAfter)
                case .roomRetry:
                    loop.roomWakePending = false
                    loop.fullLimits = []
                case .heartbeatStopped:
                    break
                case let .submitted(work):
                    if let work {
                        loop.submit(work)
                        if let incoming { Self.readNext(from: incoming, in: &group) }
                    } else {
                        loop.streamOpen = false
                    }
                case .posted:
                    break
                }
                }
            }
            group.cancelAll()
        }
        await logWriter.flush()
        return loop.finished
    }

    /// Reads the next submitted run in a child task. One child reads at a time (the next starts
    /// after the loop took this one's run), as an AsyncStream allows.
    private static func readNext(from stream: AsyncStream<RunWork>, in group: inout ThrowingTaskGroup<LoopEvent, any Error>) {
        group.addTask {
            var it = stream.makeAsyncIterator()
            return .submitted(await it.next())
        }
    }

    /// Activates pending runs while their DAG is under its limit of active runs (on a shared store, counted across
    /// processes: a run that finds its DAG at the limit stays pending and is asked about again at the next poll).
    private func activatePending(_ loop: inout ExecutorLoopState, now: Date, listing: OpenRunListing?) async throws -> Bool {
        var progressed = false
        // On a shared store, runs the scheduler no longer lists as open ended elsewhere: they leave without a store
        // call (looked for once per listing).
        let listed = settings.sharedStore ? listing?.lastPass : nil
        if let listed, listed.number != loop.listingSeen {
            loop.listingSeen = listed.number
            var ended: [(key: String, work: RunWork)] = []
            loop.pending.removeAll { work in
                let key = OpenRunListing.key(dagId: work.dag.dagId, runId: work.run.runId)
                guard listed.states[key] == nil else { return false }
                ended.append((key, work))
                return true
            }
            for (key, work) in ended {
                loop.runningElsewhere[key] = nil
                observer(.runEndedElsewhere(work.run))
                progressed = true
            }
        }
        var activePerDag: [String: Int] = [:]
        for run in loop.active.values { activePerDag[run.work.dag.dagId, default: 0] += 1 }
        var index = 0
        var busy: Bool?  // whether this process has work of its own, worked out when first needed
        while index < loop.pending.count {
            let next = loop.pending[index]
            let limit = loop.maxActiveRuns ?? next.dag.maxActiveRuns
            guard activePerDag[next.dag.dagId, default: 0] < limit, !loop.atLimit.contains(next.dag.dagId) else { index += 1; continue }
            // A run another process is running is joined only when this process has nothing of its own to do, or once
            // it has waited a lease's length (its process may be gone): every process joining every run read and
            // ended each run once per process, which cost more than the help gave when each has runs of its own.
            let key = OpenRunListing.key(dagId: next.dag.dagId, runId: next.run.runId)
            var joinLater = false
            if settings.sharedStore {
                if busy == nil { busy = loop.hasOwnWork(settings: settings, now: now) }
                if busy == true, let since = loop.runningElsewhere[key] {
                    if now.timeIntervalSince(since) < settings.joinAfter { index += 1; continue }
                } else if busy == true {
                    // As the scheduler last listed it (it may have been started elsewhere since it was handed over).
                    guard (listed?.states[key] ?? next.run.state) != .running else {
                        loop.runningElsewhere[key] = now  // running when the scheduler listed it: no need to ask the store
                        index += 1
                        continue
                    }
                    joinLater = true
                }
            }
            switch try await activate(next, limit: limit, now: now, joinLater: joinLater) {
            case let .active(activated):
                loop.runningElsewhere[key] = nil
                busy = true
                loop.pending.remove(at: index)
                progressed = true
                loop.active[loop.nextIndex] = activated
                loop.nextIndex += 1
                activePerDag[next.dag.dagId, default: 0] += 1
            case let .over(done):
                loop.runningElsewhere[key] = nil
                loop.pending.remove(at: index)
                progressed = true
                if let done {
                    loop.finished.append(done)
                    observer(.runFinished(done, endedHere: false))
                }
            case .atLimit:
                loop.atLimit.insert(next.dag.dagId)  // asked again at the next poll, or when a run of this process ends
                index += 1
            case .runningElsewhere:
                loop.runningElsewhere[key] = now
                index += 1
            }
        }
        return progressed
    }

    private enum Activation {
        case active(ActiveRun)
        /// Finished already (the run), or gone (nil).
        case over(DagRun?)
        /// Its DAG has `max_active_runs` runs running in other processes.
        case atLimit
        /// Running already, started by another process: joined later (`joinLater`).
        case runningElsewhere
    }

    /// Marks the run running (within its DAG's limit of running runs across processes, on a shared store) and
    /// loads its task instances.
    private func activate(_ work: RunWork, limit: Int, now: Date, joinLater: Bool) async throws -> Activation {
        let (dagId, runId) = (work.dag.dagId, work.run.runId)
        // Backfills started by `dags backfill` count their own runs (`maxActiveRuns`), in this process.
        let shared = settings.sharedStore && work.run.runType != .backfill ? limit : nil
        let start = try await retrier.perform { [store] in try await store.startRun(dagId: dagId, runId: runId, maxActiveRuns: shared, now: now) }
        switch start {
        case .atLimit:
            return .atLimit
        case let .over(run):
            if run == nil { observer(.runAbandoned(work.run, reason: "deleted or replaced by another process before it started")) }
            return .over(run)
        case .joined where joinLater:
            return .runningElsewhere
        case let .running(run), let .joined(run):
            let instances = try await retrier.perform { [store] in try await store.taskInstances(dagId: dagId, runId: runId) }
            var w = work
            w.run = run
            observer(.runStarted(run, taskCount: instances.count))
            var active = ActiveRun(work: w, instances: instances)
            if settings.sharedStore { active.startingPlace = ActiveRun.startingPlace(pid: settings.pid, runId: runId) }
            return .active(active)
        }
    }
}
