import Foundation
import SluiceCore
@testable import SluiceStore
import XCTest

/// Claims: one winner per try across processes (here: two store connections to one file), a
/// revoked try cannot write, and a run ends only from what the store recorded.
final class MetadataStoreClaimTests: XCTestCase {
    private var fixture: StoreFixture!
    private let t0 = StoreFixture.t0

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    private func running(_ ti: TaskInstance, pid: Int32) -> TaskInstance {
        ti.queued(at: t0).running(at: t0, host: "h", pid: pid)
    }

    func testOfManyConcurrentClaimsOfOneTryExactlyOneWins() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["t"], maxTries: [:])
        let v1 = try await store.taskInstances(dagId: "etl", runId: run.runId).first
        let ti = try XCTUnwrap(v1)
        var stores: [SQLMetadataStore] = []
        for _ in 0..<8 { stores.append(try await fixture.open()) }  // separate connections, like separate processes
        let outcomes = try await withThrowingTaskGroup(of: (Int32, ClaimOutcome).self) { group in
            for (i, s) in stores.enumerated() {
                let pid = Int32(100 + i)
                let claim = running(ti, pid: pid)
                group.addTask { (pid, try await s.claim(claim, attemptId: "a\(pid)", expectedState: .none, expectedTry: 0)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let winners = outcomes.filter { $0.1 == .claimed }
        XCTAssertEqual(winners.count, 1, "\(outcomes)")
        let v2 = try await store.taskInstances(dagId: "etl", runId: run.runId).first
        let stored = try XCTUnwrap(v2)
        XCTAssertEqual(stored.pid, winners.first?.0)
        XCTAssertEqual(stored.tryNumber, 1)
        for (_, outcome) in outcomes where outcome != .claimed {
            XCTAssertEqual(outcome, .taken(stored), "a loser learns who holds the try")
        }
    }

    func testAClaimExpectingAnOlderTryOrStateIsRefused() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["t"], maxTries: ["t": 2])
        let v3 = try await store.taskInstances(dagId: "etl", runId: run.runId).first
        let ti = try XCTUnwrap(v3)
        let v4 = try await store.claim(running(ti, pid: 1), attemptId: "one", expectedState: .none, expectedTry: 0)
        XCTAssertEqual(v4, .claimed)
        let failed = running(ti, pid: 1).failed(at: t0 + 1, error: "x", policy: .none)
        let v5 = try await store.finishAttempt(failed, attemptId: "one")
        XCTAssertTrue(v5)
        // Another process that still believes the try is `none` / try 0 does not run it again.
        if case .claimed = try await store.claim(running(ti, pid: 2), attemptId: "two", expectedState: .none, expectedTry: 0) {
            XCTFail("a stale claim won")
        }
        let v6 = try await store.claim(running(failed, pid: 2), attemptId: "two", expectedState: .upForRetry, expectedTry: 1)
        XCTAssertEqual(v6, .claimed)
    }

    func testAClearedTryCannotBeFinishedOrHeartbeatByTheProcessThatRanIt() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["t"], maxTries: [:])
        let v7 = try await store.taskInstances(dagId: "etl", runId: run.runId).first
        let ti = try XCTUnwrap(v7)
        let mine = running(ti, pid: 1)
        let v8 = try await store.claim(mine, attemptId: "mine", expectedState: .none, expectedTry: 0)
        XCTAssertEqual(v8, .claimed)
        let v9 = try await store.heartbeat(attempts: [ti.key: "mine"], at: t0 + 5)
        XCTAssertEqual(v9, [])
        _ = try await store.clearTasks(dagId: "etl", from: run.logicalDate, through: run.logicalDate, onlyFailed: false, now: t0 + 6)
        let v10 = try await store.heartbeat(attempts: [ti.key: "mine"], at: t0 + 7)
        XCTAssertEqual(v10, [ti.key])
        let v11 = try await store.finishAttempt(mine.succeeded(at: t0 + 8), attemptId: "mine")
        XCTAssertFalse(v11)
        let v12 = try await store.taskInstances(dagId: "etl", runId: run.runId).first
        let stored = try XCTUnwrap(v12)
        XCTAssertEqual(stored.state, .none, "the late finish changed nothing")
    }

    func testAReplacedRunRevokesTheTriesOfTheOldOne() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["t"], maxTries: [:])
        let v13 = try await store.taskInstances(dagId: "etl", runId: run.runId).first
        let ti = try XCTUnwrap(v13)
        let v14 = try await store.claim(running(ti, pid: 1), attemptId: "old", expectedState: .none, expectedTry: 0)
        XCTAssertEqual(v14, .claimed)
        try await store.deleteRun(dagId: "etl", runId: run.runId)
        try await store.createRun(run, taskIds: ["t"], maxTries: [:])
        let v15 = try await store.heartbeat(attempts: [ti.key: "old"], at: t0)
        XCTAssertEqual(v15, [ti.key])
        let v16 = try await store.finishAttempt(running(ti, pid: 1).succeeded(at: t0), attemptId: "old")
        XCTAssertFalse(v16)
        let v17 = try await store.finishRun(dagId: "etl", runId: run.runId, now: t0)
        XCTAssertEqual(v17, .unfinished(run))
    }

    func testARunEndsOnlyFromRecordedStates() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1, state: .running)
        try await store.createRun(run, taskIds: ["a", "b"], maxTries: [:])
        let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
        let v18 = try await store.finishRun(dagId: "etl", runId: run.runId, now: t0)
        XCTAssertEqual(v18, .unfinished(run))
        for ti in tis {
            let v19 = try await store.claim(running(ti, pid: 1), attemptId: ti.taskId, expectedState: .none, expectedTry: 0)
            XCTAssertEqual(v19, .claimed)
        }
        let v20 = try await store.finishAttempt(running(tis[0], pid: 1).succeeded(at: t0), attemptId: "a")
        XCTAssertTrue(v20)
        let v21 = try await store.finishRun(dagId: "etl", runId: run.runId, now: t0)
        XCTAssertEqual(v21, .unfinished(run), "b is still running in the store")
        let v22 = try await store.finishAttempt(running(tis[1], pid: 1).failed(at: t0, error: "x", policy: .none), attemptId: "b")
        XCTAssertTrue(v22)
        guard case let .finished(ended, endedHere) = try await store.finishRun(dagId: "etl", runId: run.runId, now: t0 + 1) else { return XCTFail() }
        XCTAssertEqual(ended.state, .failed)
        XCTAssertTrue(endedHere, "this call wrote the run's end")
        XCTAssertEqual(micros(ended.endedAt), micros(t0 + 1))
        // Another process (or a later look) finds it ended: the same end, not written again.
        guard case let .finished(again, endedAgain) = try await store.finishRun(dagId: "etl", runId: run.runId, now: t0 + 2) else { return XCTFail() }
        XCTAssertFalse(endedAgain, "the run had ended already")
        XCTAssertEqual(micros(again.endedAt), micros(t0 + 1))
        let v23 = try await store.run(dagId: "etl", runId: run.runId)?.state
        XCTAssertEqual(v23, .failed)
        let v24 = try await store.finishRun(dagId: "etl", runId: "nope", now: t0)
        XCTAssertEqual(v24, .missing)
    }

    func testUpstreamFailedIsWrittenOnlyOverTheStateItExpects() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["a", "b"], maxTries: [:])
        let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
        let v25 = try await store.claim(running(tis[0], pid: 1), attemptId: "x", expectedState: .none, expectedTry: 0)
        XCTAssertEqual(v25, .claimed)
        let written = try await store.updateUnclaimed(tis.map { $0.upstreamFailed(at: t0) }, expectedState: .none)
        XCTAssertEqual(written, [tis[1].key], "the claimed one is left to its owner")
    }

    func testDiskFullReadOnlyAndLockedAreTransientOtherErrorsAreNot() {
        XCTAssertEqual(StoreError.sqlite(code: 13, message: "database or disk is full", operation: "x").transientReason, "disk full")
        XCTAssertEqual(StoreError.sqlite(code: 8 | (3 << 8), message: "", operation: "x").transientReason, "read-only")
        XCTAssertEqual(StoreError.sqlite(code: 5, message: "", operation: "x").transientReason, "locked by another process")
        XCTAssertNil(StoreError.sqlite(code: 19, message: "constraint", operation: "x").transientReason)
        XCTAssertNil(StoreError.runNotFound(dagId: "d", runId: "r").transientReason)
    }
}
