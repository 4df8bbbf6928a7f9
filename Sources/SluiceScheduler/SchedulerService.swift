import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution
import SluiceNotifications
import SluiceStore
import ServiceLifecycle
import Synchronization

/// The scheduler loop, a service of the daemon's `ServiceGroup`: keeps the DAG folder loaded,
/// creates the runs that are due, hands them and manually triggered runs to the executor (through
/// `RunSubmissions`, served by `ExecutorService`), writes `deadline_missed` for unfinished runs past
/// their DAG's `deadline:` (`DeadlineWatch`), and sleeps until something is due.
///
/// On start it recovers task instances left running by a dead process. On graceful shutdown
/// (SIGTERM/SIGINT) it stops creating and submitting runs and returns; the executor service then
/// drains. A store that cannot be written (disk full, locked) makes it wait with one line, not spin
/// nor die. The caller holds the `SchedulerLock`.
public final class SchedulerService: Service {
    let loader: DagFolderLoader
    let store: any MetadataStore
    let submissions: RunSubmissions
    let settings: SchedulerSettings
    let onEvent: @Sendable (SchedulerEvent) -> Void
    let submitted = SubmittedRuns()
    let lastAnnouncedWake = Mutex<Date?>(nil)
    let announcedNextRuns = Mutex<[String: DagRunInfo?]>([:])
    let retrier: StoreRetrier
    let discardStaging: @Sendable ([TaskInstance], [Dag]) async -> Void
    let masker: SecretMasker
    let deadlines = Mutex(DeadlineWatch())
    let onLoop: @Sendable (SchedulerLoopReport) -> Void
    /// Ends the loop's sleep when a run of this process ends or another process changed runs.
    let wakeUp = WakeSignal()

    /// `discardStaging` removes what recovered tries (of these DAGs) staged; exports plug it in.
    /// `masker` masks the notification payloads the scheduler writes itself (`deadline_missed`).
    /// `onLoop` hears of every pass of the loop (for metrics).
    public init(
        loader: DagFolderLoader, store: any MetadataStore, submissions: RunSubmissions, settings: SchedulerSettings = SchedulerSettings(),
        masker: SecretMasker,
        onEvent: @escaping @Sendable (SchedulerEvent) -> Void = { _ in }, onExecution: @escaping ExecutionObserver = { _ in },
        discardStaging: @escaping @Sendable ([TaskInstance], [Dag]) async -> Void = { _, _ in },
        onLoop: @escaping @Sendable (SchedulerLoopReport) -> Void = { _ in }
    ) {
        self.onLoop = onLoop
        self.discardStaging = discardStaging
        self.masker = masker
        self.loader = loader
        self.store = store
        self.submissions = submissions
        self.settings = settings
        self.onEvent = onEvent
        self.retrier = StoreRetrier(displayName: store.displayName, observer: onExecution)
    }

    /// Tells the scheduler a run left the executor (wire to the executor's `.runFinished` and `.runAbandoned`);
    /// `endedHere`: this process wrote the run's end.
    public func runFinished(_ run: DagRun, endedHere: Bool = true) {
        submitted.remove(run.dagId + "\u{0}" + run.runId)
        // Its DAG may have room under max_active_runs now: the next due run is created at once, not at the next
        // poll, by the process that ended it (the others hear of it through the store, and of the run it creates).
        wakeUp.signal(endedHere ? .urgent : .relaxed)
    }

    public func run() async throws {
        defer { submissions.finish() }
        let bag = try loader.load()
        let recovered = try await retrier.perform { [store, settings] in
            try await Recovery.recoverInterrupted(store: store, deadPidsToo: !settings.sharedStore, staleAfter: settings.staleAfter)
        }
        if !recovered.isEmpty {
            await discardStaging(recovered, bag.sortedDags)
            onEvent(.recovered(count: recovered.count))
        }
        onEvent(.started(dagCount: bag.dags.count, problems: bag.problems.count))
        for p in bag.problems { onEvent(.reloaded(dagCount: bag.dags.count, problems: [p.description])) }

        try await withThrowingTaskGroup(of: Void.self) { group in
            // Runs created, queued or ended by other processes (a scheduler, `dags trigger`, the API) wake the loop,
            // also when heard while it works (kept for its next sleep).
            group.addTask { [store, wakeUp] in
                while !Task.isCancelled {
                    await store.changes.wait(for: [.runs])
                    wakeUp.signal(.relaxed)
                }
            }
            try await loop(from: bag)
            group.cancelAll()
        }
        onEvent(.stopping)
    }

    /// The passes, until shutdown: reload changed DAG files, tick, recover lapsed tries, sleep until the next
    /// due run, the poll, or a wake.
    private func loop(from start: DagBag) async throws {
        var bag = start
        var lapsedChecked: ContinuousClock.Instant?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            bag = try reloadIfChanged(bag)
            let current = bag
            let started = ContinuousClock.now
            let wake = try await retrier.perform { [self] in try await tick(bag: current, submit: { submissions.submit($0) }) }
            // Every pass, at most once a second (a pass per run that ends, with hundreds of runs a minute, would
            // ask far more often than leases, tens of seconds long, can run out): tries whose lease ran out (a
            // process killed, frozen or cut off, on any machine) go back to retry, whichever process notices first
            // (each change is conditional on the claim).
            var lapsed: [TaskInstance] = []
            if lapsedChecked.map({ ContinuousClock.now - $0 >= .seconds(1) }) ?? true {
                lapsedChecked = ContinuousClock.now
                lapsed = (try? await Recovery.recoverInterrupted(store: store, deadPidsToo: !settings.sharedStore,
                                                                 staleAfter: settings.staleAfter)) ?? []
            }
            if !lapsed.isEmpty {
                await discardStaging(lapsed, current.sortedDags)
                onEvent(.recovered(count: lapsed.count))
            }
            onLoop(SchedulerLoopReport(duration: ContinuousClock.now - started, at: Date(), dagIds: current.sortedDags.map(\.dagId),
                                       problems: current.problems.count))
            let until = min(wake ?? .distantFuture, Date().addingTimeInterval(settings.pollInterval))
            let delay = until.timeIntervalSinceNow
            if delay > 0 {
                // A run of this process ending, or another process's change to runs, ends the sleep at once.
                let wakeUp = self.wakeUp
                let woken = await cancelWhenGracefulShutdown { await wakeUp.wait(upTo: .seconds(delay)) }
                // Woken by another process's change only: every process sharing the store hears every change, and
                // the one that made it acts on it at once; this one looks no sooner than `relaxedPassSpacing` after
                // its last pass began (a pass per change per process multiplied the passes by the processes), or
                // when a run of its own ends meanwhile.
                let relaxed = Duration.seconds(settings.relaxedPassSpacing) - (ContinuousClock.now - started)
                if woken == .relaxed, relaxed > .zero {
                    await cancelWhenGracefulShutdown { await wakeUp.wait(atLeast: .urgent, upTo: relaxed) }
                }
                // Woken early: wakes that come meanwhile are kept (WakeSignal) and answered by the next pass.
                let spacing = Duration.seconds(settings.minimumPassSpacing) - (ContinuousClock.now - started)
                if spacing > .zero {
                    await cancelWhenGracefulShutdown { try? await Task.sleep(for: spacing) }
                }
            }
        }
    }

    /// One pass: create due scheduled runs, submit the unfinished runs the scheduler executes, write
    /// `deadline_missed` for the late ones. Returns when the next scheduled run becomes due or the next
    /// deadline of an unfinished run passes, whichever comes first.
    func tick(bag: DagBag, submit: (RunWork) -> Void) async throws -> Date? {
        let now = Date()
        var nextWake: Date?
        for dag in bag.sortedDags where settings.createsRuns {
            if try await store.isPaused(dagId: dag.dagId) { continue }
            let unfinished = try await store.runs(matching: RunFilter(dagId: dag.dagId, states: [.queued, .running], types: [.scheduled, .manual]))
            if !dag.timetable.isManualOnly {
                let lastScheduled = try await NextRun.lastScheduled(of: dag.dagId, in: store)
                let taken = try await NextRun.takenDates(of: dag.dagId, after: lastScheduled, in: store)
                let due = DueRuns.due(for: dag, last: lastScheduled, unfinished: unfinished.count, now: now, taken: taken)
                for info in due {
                    let run = RunCreation.run(of: dag, info: info, type: .scheduled, now: now)
                    do {
                        try await RunCreation.create(run, of: dag, in: store)
                        onEvent(.runCreated(run))
                    } catch let error as StoreError {
                        if case .duplicateRun = error { continue }  // a manual run already covers it
                        throw error
                    }
                }
                let last = due.last ?? lastScheduled
                // A run due already but not created (max_active_runs reached) wakes nobody early: the
                // poll interval looks again, instead of a loop that never sleeps.
                if let next = DueRuns.nextDue(for: dag, last: last, now: now), next > now {
                    nextWake = min(nextWake ?? next, next)
                }
                try await announceNextRun(of: dag, now: now)
            }
        }
        // Queued runs of any type, and running ones no `dags backfill` process is executing (the runs of
        // backfills created through the API are the scheduler's, running or not); a paused backfill's
        // queued runs wait, and a backfill never has more than its max_active_runs runs going.
        let open = try await store.runs(dagId: nil, state: .queued, limit: nil) + store.runs(dagId: nil, state: .running, limit: nil)
        submissions.listing.update(open)  // before handing over any of them (see `OpenRunListing`)
        var gates = BackfillGates(try await store.backfillGates(), open: open, submitted: submitted)
        var paused: [String: Bool] = [:]  // read once per DAG per pass
        for run in open.sorted(by: { $0.logicalDate < $1.logicalDate }) {
            let key = run.dagId + "\u{0}" + run.runId
            let gate = gates.gate(of: key)
            guard DueRuns.isExecutedByScheduler(run) || gate != nil else { continue }
            guard let dag = bag.dags[run.dagId] else { continue }
            if paused[dag.dagId] == nil { paused[dag.dagId] = try await store.isPaused(dagId: dag.dagId) }
            if paused[dag.dagId] == true { continue }
            if let gate, run.state == .queued, !submitted.contains(key), !gates.mayStart(gate) { continue }
            if submitted.insert(key) {
                if let gate, run.state == .queued { gates.started(gate) }
                submit(RunWork(dag: dag, run: run))
                onEvent(.runSubmitted(run))
            }
        }
        let nextDeadline = settings.createsRuns ? try await writeMissedDeadlines(of: open, in: bag, now: now) : nil
        let previous = lastAnnouncedWake.withLock { last in defer { last = nextWake }; return last }
        if previous != nextWake { onEvent(.sleeping(until: nextWake)) }
        return [nextWake, nextDeadline].compactMap { $0 }.min()
    }

    /// Writes `deadline_missed` to the outbox for the unfinished runs in `open` (any type, paused DAGs
    /// too) that are late at `now`, once per run; returns the next deadline still ahead.
    func writeMissedDeadlines(of open: [DagRun], in bag: DagBag, now: Date) async throws -> Date? {
        let late = deadlines.withLock { watch in
            watch.watch(open) { bag.dags[$0]?.deadline }
            return watch.due(now: now)
        }
        let drafts = late.flatMap { run in bag.dags[run.run.dagId].map { run.drafts(of: $0, masker: masker) } ?? [] }
        if !drafts.isEmpty { try await store.enqueueNotifications(drafts, now: now) }
        for run in late { onEvent(.deadlineMissed(run.run, deadline: run.deadline)) }
        return deadlines.withLock { watch in
            watch.markWritten(late)
            return watch.nextDeadline(after: now)
        }
    }

    /// Tells (once per change) which run of `dag` comes next: the same `NextRun` that `sluice status` shows.
    func announceNextRun(of dag: Dag, now: Date) async throws {
        let next = try await NextRun.of(dag, in: store, now: now)
        let changed = announcedNextRuns.withLock { known in
            defer { known[dag.dagId] = .some(next) }
            return known[dag.dagId] != .some(next)
        }
        if changed { onEvent(.nextRun(dagId: dag.dagId, next)) }
    }

    /// Reloads the DAG folder when a DAG file was added, removed or changed, or a file it includes changed.
    func reloadIfChanged(_ bag: DagBag) throws -> DagBag {
        guard try loader.hasChanged(since: bag) else { return bag }
        let fresh = try loader.load()
        onEvent(.reloaded(dagCount: fresh.dags.count, problems: fresh.problems.map(\.description)))
        return fresh
    }
}

/// Runs handed to the executor and not finished yet (shared with the executor's observer).
final class SubmittedRuns: Sendable {
    private let keys = Mutex(Set<String>())

    /// Inserts; false when already there.
    func insert(_ key: String) -> Bool { keys.withLock { $0.insert(key).inserted } }
    func contains(_ key: String) -> Bool { keys.withLock { $0.contains(key) } }
    func remove(_ key: String) { _ = keys.withLock { $0.remove(key) } }
}
