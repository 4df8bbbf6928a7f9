import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution
@testable import SluiceScheduler
import SluiceStore
import SluiceTestSupport
import Synchronization
import XCTest

/// On a shared store every process's scheduler hands its executor every open run. A run another process ran and
/// ended leaves the executor as the scheduler's next listing no longer has it, without asking the store to start it.
final class OpenRunListingTests: XCTestCase {
    private var folder: DailyDagFolder!

    override func setUpWithError() throws { folder = try DailyDagFolder(prefix: "sluice-listing") }
    override func tearDown() { folder.remove() }

    /// Nothing may run here: every run in these tests is another process's.
    private struct NothingRuns: TaskAttemptRunner {
        func run(_ attempt: TaskAttempt, log: TaskLog) async throws -> TaskResult {
            XCTFail("\(attempt.key) ran in this process")
            return TaskResult()
        }
    }

    func testARunEndedByAnotherProcessLeavesTheExecutorWhenTheListingNoLongerHasIt() async throws {
        let url = try folder.createDatabase(prefix: "sluice_listing")
        let store = try await SQLMetadataStore.open(url: url)
        let loader = DagFolderLoader(folder: folder.dags)
        var schedulerSettings = SchedulerSettings(pollInterval: 3_600)
        schedulerSettings.sharedStore = true
        let submissions = RunSubmissions()
        let scheduler = SchedulerService(loader: loader, store: store, submissions: submissions, settings: schedulerSettings, masker: SecretMasker())
        let bag = try loader.load()

        // The first pass creates the first run and hands it over; another process (its own connection) runs and ends it.
        var handed: [RunWork] = []
        _ = try await scheduler.tick(bag: bag, submit: { handed.append($0) })
        let first = try XCTUnwrap(handed.first)
        let other = try await SQLMetadataStore.open(url: url)
        let now = Date()
        let started = try await other.startRun(dagId: "daily", runId: first.run.runId, maxActiveRuns: 1, now: now)
        guard case .running = started else { return XCTFail("the other process did not start the run: \(started)") }
        let tis = try await other.taskInstances(dagId: "daily", runId: first.run.runId)
        try await other.updateTaskInstances(tis.map { $0.queued(at: now).running(at: now, host: "elsewhere", pid: 1).succeeded(at: now) })
        _ = try await other.finishRun(dagId: "daily", runId: first.run.runId, now: now)

        // The next pass lists the open runs (the next day's, created now), not the first.
        _ = try await scheduler.tick(bag: bag, submit: { handed.append($0) })
        XCTAssertEqual(handed.map(\.run.runId).count, 2)

        var settings = ExecutorSettings(logsFolder: folder.root.appendingPathComponent("logs"))
        settings.sharedStore = true
        let events = Mutex<[ExecutionEvent]>([])
        let executor = Executor(store: store, runner: NothingRuns(), settings: settings, masker: SecretMasker()) { event in
            events.withLock { $0.append(event) }
        }
        let finished = try await executor.execute([first], listing: submissions.listing)
        XCTAssertEqual(finished, [], "not finished here")
        let seen = events.withLock { $0 }
        XCTAssertEqual(seen.count, 1, "\(seen)")
        guard case let .runEndedElsewhere(run)? = seen.first else { return XCTFail("\(seen)") }
        XCTAssertEqual(run.runId, first.run.runId)
    }
}
