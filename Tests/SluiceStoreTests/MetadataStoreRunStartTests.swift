import Foundation
import SluiceCore
@testable import SluiceStore
import XCTest

/// Starting runs within a DAG's `max_active_runs` counted across processes (`startRun`): the count and the
/// start are one transaction, so processes starting queued runs at once never start more than the limit.
/// Runs on SQLite and, with SLUICE_TEST_STORE=postgres, on PostgreSQL (each store its own connections).
final class MetadataStoreRunStartTests: XCTestCase {
    private var fixture: StoreFixture!

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    func testProcessesStartingQueuedRunsTogetherNeverStartMoreThanTheLimit() async throws {
        let setup = try await fixture.open()
        let runs = (1...8).map { StoreFixture.run(day: $0, type: .manual) }
        for run in runs { try await setup.createRun(run, taskIds: ["t"], maxTries: [:]) }
        let stores = try await [fixture.open(), fixture.open(), fixture.open()]
        let answers = try await withThrowingTaskGroup(of: RunStart.self) { group in
            for (i, run) in runs.enumerated() {
                let store = stores[i % stores.count]
                group.addTask { try await store.startRun(dagId: run.dagId, runId: run.runId, maxActiveRuns: 2, now: StoreFixture.t0) }
            }
            var all: [RunStart] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        XCTAssertEqual(answers.filter { if case .running = $0 { return true } else { return false } }.count, 2)
        XCTAssertEqual(answers.filter { $0 == .atLimit }.count, 6)
        let running = try await setup.runs(dagId: "etl", state: .running, limit: nil)
        XCTAssertEqual(running.count, 2)
        XCTAssertTrue(running.allSatisfy { $0.startedAt == StoreFixture.t0 })

        // A running run is joined, not counted against itself; once one ends, one more may start.
        let joined = try await stores[0].startRun(dagId: "etl", runId: running[0].runId, maxActiveRuns: 2, now: StoreFixture.t0 + 5)
        XCTAssertEqual(joined, .joined(running[0]))
        var ended = running[0]
        ended.state = .success
        ended.endedAt = StoreFixture.t0 + 9
        try await setup.updateRun(ended)
        let waiting = try await setup.runs(dagId: "etl", state: .queued, limit: nil)
        let next = try await stores[1].startRun(dagId: "etl", runId: waiting[0].runId, maxActiveRuns: 2, now: StoreFixture.t0 + 10)
        guard case let .running(started) = next else { return XCTFail("\(next)") }
        XCTAssertEqual(started.startedAt, StoreFixture.t0 + 10)
        let over = try await stores[2].startRun(dagId: "etl", runId: waiting[1].runId, maxActiveRuns: 2, now: StoreFixture.t0 + 10)
        XCTAssertEqual(over, .atLimit)
    }

    func testBackfillRunsNeitherCountNorWaitAndAFinishedRunIsOver() async throws {
        let store = try await fixture.open()
        let manual = StoreFixture.run(day: 1, type: .manual)
        let backfills = (2...4).map { StoreFixture.run(day: $0, type: .backfill) }
        for run in [manual] + backfills { try await store.createRun(run, taskIds: ["t"], maxTries: [:]) }
        for run in backfills {
            // What `dags backfill` does: its own limit, in its process (nil here).
            let start = try await store.startRun(dagId: "etl", runId: run.runId, maxActiveRuns: nil, now: StoreFixture.t0)
            guard case .running = start else { return XCTFail("\(start)") }
        }
        let first = try await store.startRun(dagId: "etl", runId: manual.runId, maxActiveRuns: 1, now: StoreFixture.t0)
        guard case .running = first else { return XCTFail("three running backfill runs do not count: \(first)") }

        let done = StoreFixture.run(day: 9, type: .manual, state: .success)
        try await store.createRun(done, taskIds: [], maxTries: [:])
        let over = try await store.startRun(dagId: "etl", runId: done.runId, maxActiveRuns: 5, now: StoreFixture.t0)
        XCTAssertEqual(over, .over(done))
        let gone = try await store.startRun(dagId: "etl", runId: "nope", maxActiveRuns: 5, now: StoreFixture.t0)
        XCTAssertEqual(gone, .over(nil))
    }
}
