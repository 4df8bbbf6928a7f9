import Foundation
import SluiceCore
@testable import SluiceStore
import XCTest

/// The notification outbox (issue 12): written once per event and notifier, claimed by one process at
/// a time, retried by the policy, and kept across a restart.
final class NotificationOutboxTests: XCTestCase {
    private var fixture: StoreFixture!
    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func draft(_ eventId: String, notifier: String = "ops", event: NotificationEvent = .failed) -> NotificationDraft {
        NotificationDraft(eventId: eventId, notifier: notifier, event: event, dagId: "etl", runId: "scheduled__x", taskId: "load",
                          payload: "{\"event_id\": \"\(eventId)\"}")
    }

    func testWritingTheSameEventTwiceKeepsOneNotificationPerNotifier() async throws {
        let store = try await fixture.open()
        try await store.enqueueNotifications([draft("e1"), draft("e1", notifier: "mail")], now: t0)
        try await store.enqueueNotifications([draft("e1")], now: t0.addingTimeInterval(5))  // a replayed state change
        let all = try await store.notifications()
        XCTAssertEqual(all.map(\.draft.notifier).sorted(), ["mail", "ops"])
        XCTAssertTrue(all.allSatisfy { $0.state == .pending && $0.attempts == 0 && $0.createdAt == t0 })
    }

    func testAClaimedNotificationIsNotClaimedAgainUntilItsLeaseRunsOut() async throws {
        let store = try await fixture.open()
        try await store.enqueueNotifications([draft("e1"), draft("e2")], now: t0)
        let first = try await store.claimDueNotifications(owner: "a", now: t0, lease: 30, limit: 1)
        XCTAssertEqual(first.map(\.draft.eventId), ["e1"])
        let second = try await store.claimDueNotifications(owner: "b", now: t0.addingTimeInterval(1), lease: 30, limit: 10)
        XCTAssertEqual(second.map(\.draft.eventId), ["e2"], "e1 is held by a")
        // a was killed: after its lease, b takes e1 over, and a's late record is refused.
        let takeover = try await store.claimDueNotifications(owner: "b", now: t0.addingTimeInterval(30.5), lease: 30, limit: 10)
        XCTAssertEqual(takeover.map(\.draft.eventId), ["e1"])
        let late = try await store.recordDeliveryAttempt(id: first[0].id, owner: "a", outcome: .delivered, error: nil, now: t0.addingTimeInterval(32))
        XCTAssertNil(late)
        let recorded = try await store.recordDeliveryAttempt(id: first[0].id, owner: "b", outcome: .delivered, error: nil, now: t0.addingTimeInterval(33))
        XCTAssertEqual(recorded, .delivered)
        let again = try await store.claimDueNotifications(owner: "c", now: t0.addingTimeInterval(3_600), lease: 30, limit: 10)
        XCTAssertEqual(again.map(\.draft.eventId), ["e2"], "a delivered notification is never claimed again")
    }

    func testTwoServerErrorsThenSuccessIsOneDeliveryAfterThreeAttempts() async throws {
        let store = try await fixture.open()
        try await store.enqueueNotifications([draft("e1")], now: t0)
        var now = t0
        var states: [OutboxState?] = []
        for outcome in [DeliveryRetryPolicy.Outcome.status(500), .status(500), .delivered] {
            let due = try await store.claimDueNotifications(owner: "p", now: now, lease: 30, limit: 10)
            XCTAssertEqual(due.count, 1, "due at \(now)")
            states.append(try await store.recordDeliveryAttempt(id: due[0].id, owner: "p", outcome: outcome, error: "HTTP 500", now: now))
            let pending = try await store.notifications(state: .pending)
            if let next = pending.first?.nextAttemptAt {
                let early = try await store.claimDueNotifications(owner: "p", now: next.addingTimeInterval(-1), lease: 30, limit: 10)
                XCTAssertEqual(early, [], "not due before its backoff")
                now = next
            }
        }
        XCTAssertEqual(states, [.pending, .pending, .delivered])
        let row = try await store.notifications().first
        XCTAssertEqual(row?.attempts, 3)
        XCTAssertEqual(row?.state, .delivered)
        XCTAssertNil(row?.lastError)
        XCTAssertEqual(row?.nextAttemptAt, t0.addingTimeInterval(10 + 20), "10 s then 20 s of backoff")
        let counts = try await store.notificationCounts()
        XCTAssertEqual(counts, [NotificationCounts(notifier: "ops", event: .failed, delivered: 1, failed: 0, pending: 0, retries: 2)])
    }

    func testAClientErrorFailsAtOnceAndRetryMakesItDueAgain() async throws {
        let store = try await fixture.open()
        try await store.enqueueNotifications([draft("e1")], now: t0)
        let due = try await store.claimDueNotifications(owner: "p", now: t0, lease: 30, limit: 10)
        let state = try await store.recordDeliveryAttempt(id: due[0].id, owner: "p", outcome: .status(400), error: "HTTP 400: bad payload", now: t0)
        XCTAssertEqual(state, .failed)
        let failed = try await store.notifications(state: .failed)
        XCTAssertEqual(failed.map(\.lastError), ["HTTP 400: bad payload"])
        let none = try await store.claimDueNotifications(owner: "p", now: t0.addingTimeInterval(86_400), lease: 30, limit: 10)
        XCTAssertEqual(none, [])
        let retried = try await store.retryNotification(id: due[0].id, now: t0.addingTimeInterval(100))
        XCTAssertTrue(retried)
        let unknown = try await store.retryNotification(id: 999, now: t0)
        XCTAssertFalse(unknown)
        let dueAgain = try await store.claimDueNotifications(owner: "p", now: t0.addingTimeInterval(100), lease: 30, limit: 10)
        XCTAssertEqual(dueAgain.map(\.attempts), [1])
    }

    func testTransportErrorsAreRetriedForADayThenFail() {
        let policy = DeliveryRetryPolicy()
        XCTAssertEqual(policy.nextAttempt(after: .transportError, attempts: 1, createdAt: t0, now: t0), t0.addingTimeInterval(10))
        XCTAssertEqual(policy.nextAttempt(after: .status(429), attempts: 4, createdAt: t0, now: t0), t0.addingTimeInterval(80))
        XCTAssertEqual(policy.nextAttempt(after: .status(503), attempts: 20, createdAt: t0, now: t0), t0.addingTimeInterval(3_600), "at most an hour apart")
        XCTAssertNil(policy.nextAttempt(after: .status(500), attempts: 30, createdAt: t0, now: t0.addingTimeInterval(86_000)), "past 24 hours")
        XCTAssertNil(policy.nextAttempt(after: .status(404), attempts: 1, createdAt: t0, now: t0))
        XCTAssertTrue(DeliveryRetryPolicy.isRetryable(.status(408)))
        XCTAssertFalse(DeliveryRetryPolicy.isRetryable(.status(403)))
    }

    func testPendingNotificationsSurviveAReopenOfTheStore() async throws {
        do {
            let store = try await fixture.open()
            try await store.enqueueNotifications([draft("e1")], now: t0)
            _ = try await store.claimDueNotifications(owner: "killed", now: t0, lease: 30, limit: 10)
        }
        let reopened = try await fixture.open()
        let due = try await reopened.claimDueNotifications(owner: "next", now: t0.addingTimeInterval(30), lease: 30, limit: 10)
        XCTAssertEqual(due.map(\.draft.eventId), ["e1"])
        XCTAssertEqual(due.first?.draft.payload, "{\"event_id\": \"e1\"}")
    }

    func testATrysNotificationsAreWrittenWithItsEndAndOnlyByItsClaimHolder() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["t"], maxTries: [:])
        let stored = try await store.taskInstances(dagId: "etl", runId: run.runId).first
        let ti = try XCTUnwrap(stored).queued(at: t0).running(at: t0, host: "h", pid: 1)
        let claimed = try await store.claim(ti, attemptId: "mine", expectedState: .none, expectedTry: 0)
        XCTAssertEqual(claimed, .claimed)
        let failed = ti.failed(at: t0 + 1, error: "boom", policy: .none)
        let lost = try await store.finishAttempt(failed, attemptId: "not-mine", notifications: [draft("lost")])
        XCTAssertFalse(lost)
        let none = try await store.notifications()
        XCTAssertEqual(none, [], "a try whose claim is gone writes no notification")
        let written = try await store.finishAttempt(failed, attemptId: "mine", notifications: [draft("e1"), draft("e1", notifier: "mail", event: .retriesExhausted)])
        XCTAssertTrue(written)
        let rows = try await store.notifications()
        XCTAssertEqual(Set(rows.map { "\($0.draft.notifier):\($0.draft.event.rawValue)" }), ["ops:failed", "mail:retries_exhausted"])
    }

    func testARunsEndWritesItsEventsKnowingThePreviousRunsState() async throws {
        let store = try await fixture.open()
        for day in [1, 2] {
            let run = StoreFixture.run(day: day)
            try await store.createRun(run, taskIds: ["t"], maxTries: [:])
            let stored = try await store.taskInstances(dagId: "etl", runId: run.runId).first
            let ti = try XCTUnwrap(stored).queued(at: t0).running(at: t0, host: "h", pid: 1)
            _ = try await store.claim(ti, attemptId: "a\(day)", expectedState: .none, expectedTry: 0)
            let end = day == 1 ? ti.failed(at: t0 + 1, error: "x", policy: .none) : ti.succeeded(at: t0 + 1)
            _ = try await store.finishAttempt(end, attemptId: "a\(day)")
            let completion = try await store.finishRun(dagId: "etl", runId: run.runId, now: t0 + 2) { ended, previous in
                var events: [NotificationEvent] = [ended.state == .success ? .runSucceeded : .runFailed]
                if ended.state == .success, previous == .failed { events.append(.recovered) }
                return events.map { NotificationDraft(eventId: "\(ended.runId)/\($0.rawValue)", notifier: "ops", event: $0, dagId: "etl",
                                                      runId: ended.runId, taskId: nil, payload: "{}") }
            }
            guard case .finished = completion else { return XCTFail("run \(day) did not end: \(completion)") }
            // Ending it again writes nothing more.
            let again = draft("again")
            _ = try await store.finishRun(dagId: "etl", runId: run.runId, now: t0 + 3) { _, _ in [again] }
        }
        let events = try await store.notifications().map(\.draft.event).sorted { $0.rawValue < $1.rawValue }
        XCTAssertEqual(events, [.recovered, .runFailed, .runSucceeded])
    }

    func testClaimsOfAGoneOwnerAreFreedAndDueAtOnceButALiveOwnersAreKept() async throws {
        let store = try await fixture.open()
        try await store.enqueueNotifications([draft("e1"), draft("e2"), draft("e3")], now: t0)
        _ = try await store.claimDueNotifications(owner: "dead", now: t0, lease: 90, limit: 1)
        _ = try await store.claimDueNotifications(owner: "alive", now: t0, lease: 90, limit: 1)
        let freed = try await store.releaseNotificationClaims { $0 == "dead" }
        XCTAssertEqual(freed, 1)
        let due = try await store.claimDueNotifications(owner: "next", now: t0.addingTimeInterval(1), lease: 90, limit: 10)
        XCTAssertEqual(due.map(\.draft.eventId), ["e1", "e3"], "e1 is free again long before its lease ends; e2 stays with its live owner")
    }

    func testARejectedAttemptFailsAtOnce() async throws {
        let store = try await fixture.open()
        try await store.enqueueNotifications([draft("e1")], now: t0)
        let claimed = try await store.claimDueNotifications(owner: "a", now: t0, lease: 30, limit: 1)
        let state = try await store.recordDeliveryAttempt(id: claimed[0].id, owner: "a", outcome: .rejected, error: "SMTP: 550 no such user", now: t0)
        XCTAssertEqual(state, .failed)
        let failed = try await store.notifications(state: .failed)
        XCTAssertEqual(failed.first?.lastError, "SMTP: 550 no such user")
    }
}
