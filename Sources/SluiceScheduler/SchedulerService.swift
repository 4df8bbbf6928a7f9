import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution
import SluiceStore

/// The scheduler daemon: keeps the DAG folder loaded, creates the runs that are due, hands
/// them and manually triggered runs to the executor, and sleeps until something is due.
///
/// One `run()` owns the loop; the executor serves the runs it is handed concurrently, within
/// its global and per-connection limits. On start it recovers task instances left running by a
/// dead process. A shutdown request (SIGTERM/SIGINT) stops creating runs and lets the executor
/// drain. The caller holds the `SchedulerLock`.
public final class SchedulerService: Sendable {
    let loader: DagFolderLoader
    let store: any MetadataStore
    let executor: Executor
    let settings: SchedulerSettings
    let shutdown: ShutdownSignal
    let onEvent: @Sendable (SchedulerEvent) -> Void
    let submitted = SubmittedRuns()
    let lastAnnouncedWake = LockedValue<Date?>(nil)

    public init(
        loader: DagFolderLoader, store: any MetadataStore, executor: Executor, settings: SchedulerSettings = SchedulerSettings(),
        shutdown: ShutdownSignal, onEvent: @escaping @Sendable (SchedulerEvent) -> Void = { _ in }
    ) {
        self.loader = loader
        self.store = store
        self.executor = executor
        self.settings = settings
        self.shutdown = shutdown
        self.onEvent = onEvent
    }

    /// Tells the scheduler a run left the executor (wire to the executor's `.runFinished`).
    public func runFinished(_ run: DagRun) {
        submitted.remove(run.dagId + "\u{0}" + run.runId)
    }

    public func run() async throws {
        let recovered = try await Recovery.recoverInterrupted(store: store, staleAfter: settings.staleAfter)
        if !recovered.isEmpty { onEvent(.recovered(count: recovered.count)) }
        var bag = try loader.load()
        onEvent(.started(dagCount: bag.dags.count, problems: bag.problems.count))
        for p in bag.problems { onEvent(.reloaded(dagCount: bag.dags.count, problems: [p.description])) }

        let (stream, continuation) = AsyncStream<RunWork>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [executor] in
                try await executor.execute([], maxActiveRuns: nil, incoming: stream)
            }
            defer { continuation.finish() }
            while !shutdown.isRequested {
                bag = try reloadIfChanged(bag)
                let wake = try await tick(bag: bag, submit: { continuation.yield($0) })
                let now = Date()
                let until = min(wake ?? .distantFuture, now.addingTimeInterval(settings.pollInterval))
                await sleep(until: until)
            }
            onEvent(.stopping)
            continuation.finish()
            try await group.waitForAll()
        }
    }

    /// One pass: create due scheduled runs, submit unfinished scheduled/manual runs. Returns when
    /// the next scheduled run becomes due.
    func tick(bag: DagBag, submit: (RunWork) -> Void) async throws -> Date? {
        let now = Date()
        var nextWake: Date?
        for dag in bag.sortedDags {
            if try await store.isPaused(dagId: dag.dagId) { continue }
            let recent = try await store.runs(dagId: dag.dagId, state: nil, limit: 200)
            let unfinished = recent.filter { !$0.state.isFinished && $0.runType != .backfill }
            if !dag.timetable.isManualOnly {
                let lastScheduled = recent.first { $0.runType == .scheduled }.map {
                    DagRunInfo(logicalDate: $0.logicalDate, dataIntervalStart: $0.dataIntervalStart, dataIntervalEnd: $0.dataIntervalEnd, runAfter: $0.runAfter)
                }
                let due = DueRuns.due(for: dag, last: lastScheduled, unfinished: unfinished.count, now: now)
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
                if let next = DueRuns.nextDue(for: dag, last: last, now: now) {
                    nextWake = min(nextWake ?? next, next)
                }
            }
        }
        // Everything unfinished that is not a backfill's (backfills run in their own process).
        let open = try await store.runs(dagId: nil, state: .queued, limit: nil) + store.runs(dagId: nil, state: .running, limit: nil)
        for run in open.sorted(by: { $0.logicalDate < $1.logicalDate }) where run.runType != .backfill {
            guard let dag = bag.dags[run.dagId] else { continue }
            if try await store.isPaused(dagId: dag.dagId) { continue }
            if submitted.insert(run.dagId + "\u{0}" + run.runId) {
                submit(RunWork(dag: dag, run: run))
                onEvent(.runSubmitted(run))
            }
        }
        if lastAnnouncedWake.swap(nextWake) != nextWake { onEvent(.sleeping(until: nextWake)) }
        return nextWake
    }

    /// Reloads the DAG folder when a DAG file was added, removed or changed, or a file it includes changed.
    func reloadIfChanged(_ bag: DagBag) throws -> DagBag {
        guard try loader.hasChanged(since: bag) else { return bag }
        let fresh = try loader.load()
        onEvent(.reloaded(dagCount: fresh.dags.count, problems: fresh.problems.map(\.description)))
        return fresh
    }

    /// Sleeps until the date or a shutdown request, whichever comes first.
    func sleep(until date: Date) async {
        let delay = date.timeIntervalSinceNow
        guard delay > 0 else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
            group.addTask { [shutdown] in await shutdown.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}

/// Runs handed to the executor and not finished yet (shared with the executor's observer).
final class SubmittedRuns: @unchecked Sendable {
    private let lock = NSLock()
    private var keys = Set<String>()

    /// Inserts; false when already there.
    func insert(_ key: String) -> Bool { lock.lock(); defer { lock.unlock() }; return keys.insert(key).inserted }
    func remove(_ key: String) { lock.lock(); keys.remove(key); lock.unlock() }
}

/// A value behind a lock.
final class LockedValue<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T

    init(_ value: T) { self.value = value }

    /// Stores `new` and returns the previous value.
    func swap(_ new: T) -> T {
        lock.lock()
        defer { lock.unlock() }
        let old = value
        value = new
        return old
    }
}
