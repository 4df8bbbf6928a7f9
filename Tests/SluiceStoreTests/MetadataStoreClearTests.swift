import Foundation
import SluiceCore
@testable import SluiceStore
import XCTest

/// Clearing chosen task instances of chosen runs (`tasks clear -t ... --run ...`) and replacing a run.
final class MetadataStoreClearTests: XCTestCase {
    private var fixture: StoreFixture!
    private let t0 = StoreFixture.t0

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    /// Runs of days 1 and 2 with a, b, c: a and c succeeded on try 1, b failed on try 1.
    private func storeWithTwoFinishedRuns(type: RunType = .scheduled) async throws -> SQLMetadataStore {
        let store = try await fixture.open()
        for day in 1...2 {
            let run = StoreFixture.run(day: day, type: type, state: .failed)
            try await store.createRun(run, taskIds: ["a", "b", "c"], maxTries: ["b": 1])
            let tis = try await store.taskInstances(dagId: "etl", runId: run.runId).map { ti -> TaskInstance in
                let running = ti.queued(at: t0).running(at: t0, host: "h", pid: 1)
                if ti.taskId == "b" {
                    let failed = running.failed(at: t0, error: "x", policy: .none)
                    return failed.queued(at: t0).running(at: t0, host: "h", pid: 1).failed(at: t0, error: "x", policy: .none)
                }
                return running.succeeded(at: t0)
            }
            try await store.updateTaskInstances(tis)
        }
        return store
    }

    private func states(_ store: SQLMetadataStore, day: Int) async throws -> [String] {
        try await store.taskInstances(dagId: "etl", runId: StoreFixture.run(day: day).runId).map { "\($0.taskId):\($0.state.rawValue):\($0.tryNumber)" }
    }

    func testClearingChosenTasksOfOneRunLeavesEveryOtherInstanceAndRunAlone() async throws {
        let store = try await storeWithTwoFinishedRuns()
        let runId = StoreFixture.run(day: 2).runId
        let selection = ClearSelection(dagId: "etl", runs: .runId(runId), taskIds: ["a", "c"])
        let listed = try await store.taskInstances(matching: selection)
        XCTAssertEqual(listed.map(\.taskId), ["a", "c"])

        let cleared = try await store.clearTasks(selection, runState: .queued, now: t0 + 5)
        XCTAssertEqual(cleared.map(\.taskId), ["a", "c"])
        XCTAssertEqual(cleared.map(\.state), [.success, .success], "returned as they were before the clear")
        let after2 = try await states(store, day: 2)
        let after1 = try await states(store, day: 1)
        XCTAssertEqual(after2, ["a:none:1", "b:failed:2", "c:none:1"], "try numbers kept: the next try is 2")
        XCTAssertEqual(after1, ["a:success:1", "b:failed:2", "c:success:1"])
        let run2 = try await store.run(dagId: "etl", runId: runId)
        XCTAssertEqual(run2?.state, .queued)
        let run1 = try await store.run(dagId: "etl", runId: StoreFixture.run(day: 1).runId)
        XCTAssertEqual(run1?.state, .failed)
    }

    func testOnlyFailedNarrowsAChosenSetOfTasks() async throws {
        let store = try await storeWithTwoFinishedRuns()
        let selection = ClearSelection(dagId: "etl", runs: .logicalDates(from: StoreFixture.day(1), through: StoreFixture.day(2)),
                                       taskIds: ["a", "b"], onlyFailed: true)
        let cleared = try await store.clearTasks(selection, runState: .queued, now: t0 + 5)
        XCTAssertEqual(cleared.map { "\($0.runId)/\($0.taskId)" }, [StoreFixture.run(day: 1).runId + "/b", StoreFixture.run(day: 2).runId + "/b"],
                       "ordered by logical date")
        let after = try await states(store, day: 1)
        XCTAssertEqual(after, ["a:success:1", "b:none:2", "c:success:1"])
    }

    func testAnEmptySelectionWritesNothing() async throws {
        let store = try await storeWithTwoFinishedRuns()
        let none = ClearSelection(dagId: "etl", runs: .runId(StoreFixture.run(day: 1).runId), taskIds: [])
        let cleared = try await store.clearTasks(none, runState: .queued, now: t0 + 5)
        XCTAssertEqual(cleared, [])
        let unknownRun = ClearSelection(dagId: "etl", runs: .runId("manual__nope"))
        let listed = try await store.taskInstances(matching: unknownRun)
        XCTAssertEqual(listed, [])
        let run = try await store.run(dagId: "etl", runId: StoreFixture.run(day: 1).runId)
        XCTAssertEqual(run?.state, .failed, "an empty clear queues no run")
    }

    func testAClearedBackfillRunCanStayRunningForTheProcessThatExecutesIt() async throws {
        let store = try await storeWithTwoFinishedRuns(type: .backfill)
        let runId = DagRun(dagId: "etl", runType: .backfill, logicalDate: StoreFixture.day(1), dataIntervalStart: StoreFixture.day(1),
                           dataIntervalEnd: StoreFixture.day(2)).runId
        _ = try await store.clearTasks(ClearSelection(dagId: "etl", runs: .runId(runId)), runState: .running, now: t0 + 5)
        let run = try await store.run(dagId: "etl", runId: runId)
        XCTAssertEqual(run?.state, .running)
        XCTAssertNil(run?.endedAt)
    }

    func testReplacingARunContinuesTheTryNumbersOfItsTasks() async throws {
        let store = try await storeWithTwoFinishedRuns()
        let old = StoreFixture.run(day: 1)
        var replacement = DagRun(dagId: "etl", runId: old.runId, runType: .manual, logicalDate: old.logicalDate,
                                 dataIntervalStart: old.dataIntervalStart, dataIntervalEnd: old.dataIntervalEnd, conf: "{\"v\": 2}")
        replacement.state = .queued
        try await store.replaceRun(old.runId, with: replacement, taskIds: ["a", "b", "d"], maxTries: ["a": 2])
        let tis = try await store.taskInstances(dagId: "etl", runId: old.runId)
        XCTAssertEqual(tis.map { "\($0.taskId):\($0.state.rawValue):\($0.tryNumber):\($0.maxTries)" }, ["a:none:1:3", "b:none:2:2", "d:none:0:0"])
        let run = try await store.run(dagId: "etl", runId: old.runId)
        XCTAssertEqual(run?.conf, "{\"v\": 2}")
        XCTAssertEqual(run?.runType, .manual)
        let other = try await states(store, day: 2)
        XCTAssertEqual(other, ["a:success:1", "b:failed:2", "c:success:1"])
    }
}
