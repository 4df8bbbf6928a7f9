import Foundation
import SluiceCore
@testable import SluiceStore
import XCTest

/// Leases: a claim holds its task instance only while its process renews it, on the database's clock. Once
/// it runs out the try can no longer be renewed, finished or published, and any process recovers it, once.
final class MetadataStoreLeaseTests: XCTestCase {
    private var fixture: StoreFixture!
    private let t0 = StoreFixture.t0

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    private func claimed(_ store: SQLMetadataStore, pid: Int32 = 4242, attemptId: String = "a1") async throws -> TaskInstance {
        let run = StoreFixture.run(day: 1, state: .running)
        try await store.createRun(run, taskIds: ["t"], maxTries: ["t": 1])
        let first = try await store.taskInstances(dagId: "etl", runId: run.runId).first
        let ti = try XCTUnwrap(first).queued(at: t0).running(at: t0, host: "h", pid: pid)
        let outcome = try await store.claim(ti, attemptId: attemptId, expectedState: .none, expectedTry: 0)
        XCTAssertEqual(outcome, .claimed)
        return ti
    }

    /// Polls (no fixed sleep) until the lease of `key` has run out on the database's clock.
    private func waitUntilLeaseRunsOut(_ store: SQLMetadataStore, _ key: TaskInstanceKey, attemptId: String) async throws {
        let deadline = Date().addingTimeInterval(20)
        while try await store.holdsLease(key, attemptId: attemptId) {
            XCTAssertLessThan(Date(), deadline, "the lease never ran out")
            if Date() > deadline { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func testAnExpiredLeaseCannotBeRenewedOrFinishedAndIsRecoveredExactlyOnce() async throws {
        let store = try await fixture.open(lease: 0.3)
        let ti = try await claimed(store)
        let holds = try await store.holdsLease(ti.key, attemptId: "a1")
        XCTAssertTrue(holds)
        let wrongClaim = try await store.holdsLease(ti.key, attemptId: "someone-else")
        XCTAssertFalse(wrongClaim)
        try await waitUntilLeaseRunsOut(store, ti.key, attemptId: "a1")

        let revoked = try await store.heartbeat(attempts: [ti.key: "a1"], at: t0 + 1)
        XCTAssertEqual(revoked, [ti.key], "a lapsed lease is not renewed")
        let late = try await store.finishAttempt(ti.succeeded(at: t0 + 2, rowsAffected: 1), attemptId: "a1")
        XCTAssertFalse(late, "a late finish changes nothing")

        // Another process (its own connection) recovers it: the try failed into retry, the claim gone.
        let other = try await fixture.open()
        let recovered = try await other.recoverAttempts(host: "elsewhere", deadPids: [], staleBefore: .distantPast, now: t0 + 3)
        XCTAssertEqual(recovered.map(\.key), [ti.key])
        XCTAssertEqual(recovered.first?.state, .upForRetry)
        let again = try await store.recoverAttempts(host: "elsewhere", deadPids: [], staleBefore: .distantPast, now: t0 + 4)
        XCTAssertEqual(again, [], "recovered once")
        let stored = try await store.taskInstances(dagId: ti.dagId, runId: ti.runId).first
        XCTAssertEqual(stored?.state, .upForRetry)
        XCTAssertEqual(stored?.tryNumber, 1)
        let lateAgain = try await store.finishAttempt(ti.succeeded(at: t0 + 5, rowsAffected: 1), attemptId: "a1")
        XCTAssertFalse(lateAgain)
    }

    func testRenewedLeasesHoldAndALiveClaimIsNotRecovered() async throws {
        let store = try await fixture.open(lease: 1)
        let ti = try await claimed(store)
        let until = Date().addingTimeInterval(2.5)
        while Date() < until {
            let revoked = try await store.heartbeat(attempts: [ti.key: "a1"], at: Date())
            XCTAssertEqual(revoked, [])
            let recovered = try await store.recoverAttempts(host: "elsewhere", deadPids: [], staleBefore: .distantPast, now: Date())
            XCTAssertEqual(recovered, [])
            try await Task.sleep(for: .milliseconds(100))
        }
        let holds = try await store.holdsLease(ti.key, attemptId: "a1")
        XCTAssertTrue(holds, "renewed well within the lease, it outlived the first expiry")
        let finished = try await store.finishAttempt(ti.succeeded(at: t0 + 2, rowsAffected: 1), attemptId: "a1")
        XCTAssertTrue(finished)
    }

    func testATryOfADeadLocalProcessIsRecoveredBeforeItsLeaseRunsOutButNotOneThatFinished() async throws {
        let store = try await fixture.open(lease: 3_600)
        let ti = try await claimed(store, pid: 777)
        let none = try await store.recoverAttempts(host: "h", deadPids: [778], staleBefore: .distantPast, now: t0 + 1)
        XCTAssertEqual(none, [], "another pid")
        let elsewhere = try await store.recoverAttempts(host: "other-host", deadPids: [777], staleBefore: .distantPast, now: t0 + 1)
        XCTAssertEqual(elsewhere, [], "the same pid on another host")
        let recovered = try await store.recoverAttempts(host: "h", deadPids: [777], staleBefore: .distantPast, now: t0 + 1)
        XCTAssertEqual(recovered.map(\.key), [ti.key])
        XCTAssertEqual(recovered.first?.error?.contains("pid 777 on h"), true, recovered.first?.error ?? "")

        // A try that finished is never recovered, whatever its pid.
        let run2 = StoreFixture.run(day: 2, state: .running)
        try await store.createRun(run2, taskIds: ["t"], maxTries: [:])
        let first = try await store.taskInstances(dagId: "etl", runId: run2.runId).first
        let ti2 = try XCTUnwrap(first).queued(at: t0).running(at: t0, host: "h", pid: 779)
        _ = try await store.claim(ti2, attemptId: "b", expectedState: .none, expectedTry: 0)
        let done = try await store.finishAttempt(ti2.succeeded(at: t0 + 1, rowsAffected: 0), attemptId: "b")
        XCTAssertTrue(done)
        let after = try await store.recoverAttempts(host: "h", deadPids: [779], staleBefore: .distantFuture, now: t0 + 2)
        XCTAssertEqual(after, [])
    }
}
