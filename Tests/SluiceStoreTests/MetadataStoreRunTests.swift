import Foundation
import SluiceCore
@testable import SluiceStore
import XCTest

final class MetadataStoreRunTests: XCTestCase {
    private var fixture: StoreFixture!

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    func testRunRoundTripsEveryFieldToTheMicrosecond() async throws {
        let store = try await fixture.open()
        let t = StoreFixture.t0
        let run = DagRun(dagId: "etl", runId: "manual__custom", runType: .manual, logicalDate: t,
                         dataIntervalStart: t - 86_400.000_001, dataIntervalEnd: t + 0.5, runAfter: t + 3600.25,
                         conf: #"{"table":"orders","ünï":"✓"}"#, state: .running,
                         queuedAt: t + 1.000_001, startedAt: t + 2.000_002, endedAt: t + 3.999_999)
        try await store.createRun(run, taskIds: [], maxTries: [:])
        let byId = try await store.run(dagId: "etl", runId: "manual__custom")
        let byDate = try await store.run(dagId: "etl", logicalDate: t)
        for read in [byId, byDate] {
            let read = try XCTUnwrap(read)
            XCTAssertEqual(read.dagId, run.dagId)
            XCTAssertEqual(read.runId, run.runId)
            XCTAssertEqual(read.runType, .manual)
            XCTAssertEqual(read.conf, run.conf)
            XCTAssertEqual(read.state, .running)
            for (a, b) in [(read.logicalDate, run.logicalDate), (read.dataIntervalStart, run.dataIntervalStart),
                           (read.dataIntervalEnd, run.dataIntervalEnd), (read.runAfter, run.runAfter)] {
                XCTAssertEqual(micros(a), micros(b))
            }
            XCTAssertEqual(micros(read.queuedAt), micros(run.queuedAt))
            XCTAssertEqual(micros(read.startedAt), micros(run.startedAt))
            XCTAssertEqual(micros(read.endedAt), micros(run.endedAt))
        }
        let missing = try await store.run(dagId: "etl", runId: "nope")
        XCTAssertNil(missing)
        let otherDag = try await store.run(dagId: "other", logicalDate: t)
        XCTAssertNil(otherDag)
    }

    func testSecondRunForSameLogicalDateOrRunIdIsDuplicate() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["a"], maxTries: [:])

        var sameDate = run
        sameDate.runId = "manual__other"
        sameDate.runType = .manual
        var sameId = StoreFixture.run(day: 2)
        sameId.runId = run.runId
        for duplicate in [sameDate, sameId] {
            await XCTAssertThrowsErrorAsync(try await store.createRun(duplicate, taskIds: ["b"], maxTries: [:])) { error in
                XCTAssertEqual(error as? StoreError, .duplicateRun(dagId: "etl", runId: duplicate.runId, logicalDate: duplicate.logicalDate))
                XCTAssertTrue("\(error)".hasPrefix("DAG 'etl' already has a run"), "\(error)")
            }
        }
        // Nothing of the refused runs was written, and another DAG may use the same date and id.
        let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
        XCTAssertEqual(tis.map(\.taskId), ["a"])
        let all = try await store.runs(dagId: nil, state: nil, limit: nil)
        XCTAssertEqual(all.count, 1)
        try await store.createRun(StoreFixture.run("other", day: 1), taskIds: ["a"], maxTries: [:])
    }

    func testRunsAreListedNewestFirstWithFilters() async throws {
        let store = try await fixture.open()
        for day in [3, 1, 2] {
            try await store.createRun(StoreFixture.run("etl", day: day, state: day == 2 ? .success : .queued), taskIds: [], maxTries: [:])
        }
        try await store.createRun(StoreFixture.run("other", day: 5), taskIds: [], maxTries: [:])

        let all = try await store.runs(dagId: nil, state: nil, limit: nil)
        XCTAssertEqual(all.map(\.logicalDate), [5, 3, 2, 1].map(StoreFixture.day))
        let etl = try await store.runs(dagId: "etl", state: nil, limit: 2)
        XCTAssertEqual(etl.map(\.logicalDate), [3, 2].map(StoreFixture.day))
        let queued = try await store.runs(dagId: "etl", state: .queued, limit: nil)
        XCTAssertEqual(queued.map(\.logicalDate), [3, 1].map(StoreFixture.day))
        let successes = try await store.runs(dagId: nil, state: .success, limit: 10)
        XCTAssertEqual(successes.map(\.dagId), ["etl"])
        let none = try await store.runs(dagId: "etl", state: nil, limit: 0)
        XCTAssertEqual(none, [])
    }

    func testUpdateRunReplacesStateAndMissingRunIsAnError() async throws {
        let store = try await fixture.open()
        var run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: [], maxTries: [:])
        run.state = .success
        run.startedAt = StoreFixture.t0
        run.endedAt = StoreFixture.t0 + 60
        run.conf = #"{"x":1}"#
        try await store.updateRun(run)
        let read = try await store.run(dagId: "etl", runId: run.runId)
        XCTAssertEqual(read?.state, .success)
        XCTAssertEqual(read?.conf, #"{"x":1}"#)
        XCTAssertEqual(micros(read?.endedAt), micros(StoreFixture.t0 + 60))

        var ghost = run
        ghost.runId = "ghost"
        await XCTAssertThrowsErrorAsync(try await store.updateRun(ghost)) { error in
            XCTAssertEqual(error as? StoreError, .runNotFound(dagId: "etl", runId: "ghost"))
        }
    }

    func testDeleteRunRemovesItsTaskInstances() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["a", "b"], maxTries: [:])
        let deleted = try await store.deleteRun(dagId: "etl", runId: run.runId)
        XCTAssertTrue(deleted)
        let again = try await store.deleteRun(dagId: "etl", runId: run.runId)
        XCTAssertFalse(again)
        let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
        XCTAssertEqual(tis, [])
        // The same logical date can be run again once deleted.
        try await store.createRun(run, taskIds: ["a"], maxTries: [:])
    }

    func testPauseIsRememberedAndUnknownDagsAreNotPaused() async throws {
        let store = try await fixture.open()
        var paused = try await store.isPaused(dagId: "etl")
        XCTAssertFalse(paused)
        try await store.setPaused(dagId: "etl", paused: true)
        paused = try await store.isPaused(dagId: "etl")
        XCTAssertTrue(paused)
        let other = try await store.isPaused(dagId: "other")
        XCTAssertFalse(other)
        try await store.setPaused(dagId: "etl", paused: false)
        paused = try await store.isPaused(dagId: "etl")
        XCTAssertFalse(paused)
    }

    func testQueuedRunsAreOldestFirstAndSkipPausedDags() async throws {
        let store = try await fixture.open()
        try await store.createRun(StoreFixture.run("etl", day: 2), taskIds: [], maxTries: [:])
        try await store.createRun(StoreFixture.run("etl", day: 1), taskIds: [], maxTries: [:])
        try await store.createRun(StoreFixture.run("etl", day: 3, state: .running), taskIds: [], maxTries: [:])
        try await store.createRun(StoreFixture.run("paused", day: 0), taskIds: [], maxTries: [:])
        try await store.createRun(StoreFixture.run("other", day: 4), taskIds: [], maxTries: [:])
        try await store.setPaused(dagId: "paused", paused: true)

        let queued = try await store.queuedRuns(limit: 10)
        XCTAssertEqual(queued.map { "\($0.dagId)@\(Int($0.logicalDate.timeIntervalSince(StoreFixture.day(0)) / 86_400))" },
                       ["etl@1", "etl@2", "other@4"])
        let two = try await store.queuedRuns(limit: 2)
        XCTAssertEqual(two.count, 2)
        try await store.setPaused(dagId: "paused", paused: false)
        let first = try await store.queuedRuns(limit: 1)
        XCTAssertEqual(first.first?.dagId, "paused")
    }

    func testDataSurvivesReopeningFromANewInstance() async throws {
        let run = StoreFixture.run(day: 7, state: .running)
        do {
            let store = try await fixture.open()
            try await store.createRun(run, taskIds: ["extract", "load"], maxTries: ["load": 2])
            var tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
            tis[0] = tis[0].queued(at: StoreFixture.t0).running(at: StoreFixture.t0, host: "box", pid: 42).succeeded(at: StoreFixture.t0 + 1, rowsAffected: 10)
            try await store.updateTaskInstances(tis)
        }
        let reopened = try await fixture.open()
        let read = try await reopened.run(dagId: "etl", runId: run.runId)
        XCTAssertEqual(read?.state, .running)
        let tis = try await reopened.taskInstances(dagId: "etl", runId: run.runId)
        XCTAssertEqual(tis.map(\.state), [.success, .none])
        XCTAssertEqual(tis.map(\.maxTries), [0, 2])
        XCTAssertEqual(tis.first?.rowsAffected, 10)
    }
}
