import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution
@testable import SluiceScheduler
import SluiceStore
import SluiceTestSupport
import XCTest

/// The scheduler sleeps until something is due, the poll, or a wake: when a run ends (one of its own, or
/// another process's, heard through the shared store), the next due run of a DAG held by `max_active_runs`
/// is created at once. The poll here is an hour: only a wake can create the second run within the test.
final class SchedulerWakeTests: XCTestCase {
    private var folder: DailyDagFolder!

    override func setUpWithError() throws { folder = try DailyDagFolder(prefix: "sluice-wake") }
    override func tearDown() { folder.remove() }

    private func service(_ store: SQLMetadataStore, shared: Bool) -> SchedulerService {
        var settings = SchedulerSettings(pollInterval: 3_600)
        settings.sharedStore = shared
        return SchedulerService(loader: DagFolderLoader(folder: folder.dags), store: store,
                                submissions: RunSubmissions(), settings: settings, masker: SecretMasker())
    }

    /// The next run the scheduler submits; nil (and the test fails) when none comes within 30 s.
    private func nextSubmission(_ submissions: AsyncStream<RunWork>) async -> DagRun? {
        let next = await withTaskGroup(of: DagRun?.self) { race in
            race.addTask {
                for await work in submissions { return work.run }
                return nil
            }
            race.addTask {
                try? await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = await race.next() ?? nil
            race.cancelAll()
            return first
        }
        if next == nil { XCTFail("no run was submitted within 30 s") }
        return next
    }

    /// Ends `run` as `store` records it: its task succeeded, then the run.
    private func end(_ run: DagRun, in store: SQLMetadataStore) async throws {
        let now = Date()
        let tis = try await store.taskInstances(dagId: run.dagId, runId: run.runId)
        try await store.updateTaskInstances(tis.map { $0.queued(at: now).running(at: now, host: "h", pid: 1).succeeded(at: now) })
        let completion = try await store.finishRun(dagId: run.dagId, runId: run.runId, now: now)
        guard case .finished(let ended, _) = completion else { return XCTFail("the run did not end: \(completion)") }
        XCTAssertEqual(ended.state, .success)
    }

    /// Runs the scheduler until `body` returns, then stops it.
    private func withScheduler(_ scheduler: SchedulerService, _ body: (AsyncStream<RunWork>) async throws -> Void) async throws {
        let running = Task { try await scheduler.run() }
        defer { running.cancel() }
        try await body(scheduler.submissions.stream)
        running.cancel()
        _ = await running.result
    }

    func testTheEndOfOneOfItsOwnRunsCreatesTheNextDueRunWithoutWaitingForThePoll() async throws {
        let store = try await SQLMetadataStore.open(path: folder.root.appendingPathComponent("sluice.db").path)
        let scheduler = service(store, shared: false)
        try await withScheduler(scheduler) { submissions in
            let nextfirst = await nextSubmission(submissions)
            let first = try XCTUnwrap(nextfirst)
            XCTAssertTrue(DateText.iso(first.logicalDate).hasPrefix("2026-01-01"), "\(first.logicalDate)")
            let unfinished = try await store.runs(dagId: "daily", state: nil, limit: nil)
            XCTAssertEqual(unfinished.count, 1, "max_active_runs holds the next run back")

            try await end(first, in: store)
            scheduler.runFinished(first)  // as the executor tells it
            let nextsecond = await nextSubmission(submissions)
            let second = try XCTUnwrap(nextsecond)
            XCTAssertTrue(DateText.iso(second.logicalDate).hasPrefix("2026-01-02"), "\(second.logicalDate)")
        }
    }

    func testARunEndedByAnotherProcessWakesTheSchedulerThroughTheSharedStore() async throws {
        let url = try folder.createDatabase(prefix: "sluice_wake")
        let store = try await SQLMetadataStore.open(url: url)
        let (listening, startedListening) = AsyncStream<Void>.makeStream()
        let listener = Task { await store.listenForChanges(listening: { startedListening.yield() }) }
        defer { listener.cancel() }
        var listened = listening.makeAsyncIterator()
        _ = await listened.next()

        let scheduler = service(store, shared: true)
        try await withScheduler(scheduler) { submissions in
            let nextfirst = await nextSubmission(submissions)
            let first = try XCTUnwrap(nextfirst)
            XCTAssertTrue(DateText.iso(first.logicalDate).hasPrefix("2026-01-01"), "\(first.logicalDate)")

            // Another process (its own connection) ends the run; this scheduler's executor never ran it.
            let other = try await SQLMetadataStore.open(url: url)
            try await end(first, in: other)
            let nextsecond = await nextSubmission(submissions)
            let second = try XCTUnwrap(nextsecond)
            XCTAssertTrue(DateText.iso(second.logicalDate).hasPrefix("2026-01-02"), "\(second.logicalDate)")
        }
    }
}
