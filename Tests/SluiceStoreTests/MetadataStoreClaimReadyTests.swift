import Foundation
import SluiceCore
@testable import SluiceStore
import XCTest

/// Claims in batches (`claimReady`): processes asking for the same ready instances divide them, each claimed
/// once; a claim is made only within the limits every process's live claims count against; a claim that never started goes back to ready without
/// using a try; a claim carrying its try starts it. Runs on SQLite and, with SLUICE_TEST_STORE=postgres, on PostgreSQL (each store a connection
/// of its own, as separate processes).
final class MetadataStoreClaimReadyTests: XCTestCase {
    private var fixture: StoreFixture!
    private let t0 = StoreFixture.t0

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    private func readyInstances(_ store: SQLMetadataStore, days: ClosedRange<Int>, tasks: Int) async throws -> [TaskInstance] {
        var all: [TaskInstance] = []
        for day in days {
            let run = StoreFixture.run(day: day, state: .running)
            try await store.createRun(run, taskIds: (1...tasks).map { "t\($0)" }, maxTries: [:])
            all += try await store.taskInstances(dagId: "etl", runId: run.runId)
        }
        return all
    }

    private static func request(_ ti: TaskInstance, _ attemptId: String, maxActiveTasks: Int? = nil, pool: ClaimRequest.Pool? = nil) -> ClaimRequest {
        ClaimRequest(key: ti.key, expectedState: ti.state, expectedTry: ti.tryNumber, attemptId: attemptId, maxActiveTasks: maxActiveTasks, pool: pool)
    }

    func testProcessesAskingForTheSameInstancesTogetherClaimEachExactlyOnce() async throws {
        let setup = try await fixture.open()
        let tis = try await readyInstances(setup, days: 1...4, tasks: 20)  // 80 instances, more than a batch
        let stores = try await [fixture.open(), fixture.open(), fixture.open()]
        let t0 = self.t0
        let won = try await withThrowingTaskGroup(of: [String: String].self) { group in
            for (p, store) in stores.enumerated() {
                group.addTask {
                    let requests = tis.map { MetadataStoreClaimReadyTests.request($0, "p\(p)-\($0.runId)-\($0.taskId)") }
                    let outcomes = try await store.claimReady(requests, at: t0)
                    XCTAssertEqual(outcomes.count, requests.count)
                    var mine: [String: String] = [:]
                    for (r, o) in zip(requests, outcomes) where o == .claimed { mine["\(r.key)"] = r.attemptId }
                    return mine
                }
            }
            var all: [[String: String]] = []
            for try await m in group { all.append(m) }
            return all
        }
        let claimedKeys = won.flatMap { Array($0.keys) }
        XCTAssertEqual(claimedKeys.count, 80, "every instance claimed")
        XCTAssertEqual(Set(claimedKeys).count, 80, "none claimed twice")
        let stored = try await setup.activeTaskInstances()
        XCTAssertEqual(stored.count, 80)
        XCTAssertTrue(stored.allSatisfy { $0.state == .queued && $0.tryNumber == 0 }, "queued, no try used yet")
    }

    func testAClaimIsMadeOnlyWithinItsDagsAndItsConnectionsLimitsAcrossProcessesAndAnEndedTryMakesRoom() async throws {
        let store = try await fixture.open()
        let tis = try await readyInstances(store, days: 1...1, tasks: 6)
        let pool = ClaimRequest.Pool(name: "pg", limit: 2)
        // Two use the connection (its pool holds 2), the others none; the DAG's max_active_tasks is 3.
        let requests = tis.enumerated().map { i, ti in Self.request(ti, "a-\(ti.taskId)", maxActiveTasks: 3, pool: i < 3 ? pool : nil) }
        let outcomes = try await store.claimReady(requests, at: t0)
        XCTAssertEqual(outcomes, [.claimed, .claimed, .full(limit: "pg"), .claimed, .full(limit: "dag:etl"), .full(limit: "dag:etl")])

        // Another process asks too: the limits count every process's claims.
        let other = try await fixture.open()
        let more = try await other.claimReady([Self.request(tis[2], "b-t3", maxActiveTasks: 3, pool: pool),
                                               Self.request(tis[4], "b-t5", maxActiveTasks: 3)], at: t0)
        XCTAssertEqual(more, [.full(limit: "dag:etl"), .full(limit: "dag:etl")], "both limits reached; the DAG's named first")

        // The first try starts and ends: its room is free again, and the other process gets it.
        let started = tis[0].queued(at: t0).running(at: t0, host: "h", pid: 1)
        let start = try await store.startClaimed(started, attemptId: "a-t1")
        XCTAssertEqual(start, .claimed)
        let finished = try await store.finishAttempt(started.succeeded(at: t0 + 1, rowsAffected: 0), attemptId: "a-t1")
        XCTAssertTrue(finished)
        let after = try await other.claimReady([Self.request(tis[2], "b-t3", maxActiveTasks: 3, pool: pool),
                                                Self.request(tis[4], "b-t5", maxActiveTasks: 3)], at: t0)
        XCTAssertEqual(after, [.claimed, .full(limit: "dag:etl")])
    }

    func testAClaimWhoseLeaseRanOutBeforeItsTryStartedGoesBackToReadyWithoutUsingATry() async throws {
        let store = try await fixture.open(lease: 0.3)
        let tis = try await readyInstances(store, days: 1...1, tasks: 1)
        let outcome = try await store.claimReady([Self.request(tis[0], "a1", pool: .init(name: "pg", limit: 1))], at: t0)
        XCTAssertEqual(outcome, [.claimed])
        let deadline = Date().addingTimeInterval(20)
        while try await store.holdsLease(tis[0].key, attemptId: "a1"), Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let other = try await fixture.open()
        let recovered = try await other.recoverAttempts(host: "elsewhere", deadPids: [], staleBefore: .distantPast, now: t0 + 1)
        XCTAssertEqual(recovered.map(\.state), [.scheduled])
        let stored = try await other.taskInstances(dagId: "etl", runId: tis[0].runId).first
        XCTAssertEqual(stored?.state, .scheduled)
        XCTAssertEqual(stored?.tryNumber, 0, "no try used")

        // The late process cannot start it; the instance is claimed again (its slot free) and starts as try 1.
        let late = try await store.startClaimed(tis[0].queued(at: t0).running(at: t0, host: "h", pid: 1), attemptId: "a1")
        XCTAssertEqual(late, .taken(stored))
        let again = try await other.claimReady([ClaimRequest(key: tis[0].key, expectedState: .scheduled, expectedTry: 0, attemptId: "b1",
                                                             pool: .init(name: "pg", limit: 1))], at: t0 + 2)
        XCTAssertEqual(again, [.claimed])
        let running = try XCTUnwrap(stored).queued(at: t0 + 2).running(at: t0 + 2, host: "h2", pid: 2)
        let start = try await other.startClaimed(running, attemptId: "b1")
        XCTAssertEqual(start, .claimed)
        XCTAssertEqual(running.tryNumber, 1)
    }

    func testAClaimExpectingAnOlderStateOrTryIsTaken() async throws {
        let store = try await fixture.open()
        let tis = try await readyInstances(store, days: 1...1, tasks: 2)
        let outcomes = try await store.claimReady([
            ClaimRequest(key: tis[0].key, expectedState: .upForRetry, expectedTry: 0, attemptId: "x"),
            ClaimRequest(key: tis[1].key, expectedState: .none, expectedTry: 3, attemptId: "y"),
        ], at: t0)
        XCTAssertEqual(outcomes, [.taken(tis[0]), .taken(tis[1])], "taken, with the stored instances")
        let active = try await store.activeTaskInstances()
        XCTAssertEqual(active, [])
    }
    func testAClaimCarryingItsTryStartsItWithTheClaimAndOneNotMadeWritesNothing() async throws {
        let store = try await fixture.open()
        let tis = try await readyInstances(store, days: 1...1, tasks: 3)
        let pool = ClaimRequest.Pool(name: "pg", limit: 1)
        var requests = tis.map { Self.request($0, "a-\($0.taskId)", pool: pool) }
        for i in requests.indices { requests[i].start = tis[i].queued(at: t0).running(at: t0, host: "h", pid: 7, logPath: "/logs/\(i)") }
        requests[2].expectedTry = 4  // the view is out of date: taken
        let outcomes = try await store.claimReady(requests, at: t0)
        XCTAssertEqual(outcomes, [.claimed, .full(limit: "pg"), .taken(tis[2])])

        let stored = try await store.taskInstances(dagId: "etl", runId: tis[0].runId)
        XCTAssertEqual(stored, [requests[0].start, tis[1], tis[2]], "the first running as its try starts; the others untouched")
        let holds = try await store.holdsLease(tis[0].key, attemptId: "a-t1")
        XCTAssertTrue(holds, "started under the claim's lease")
        // Started already: the claim is not queued, so a start asked for again changes nothing.
        let again = try await store.startClaimed(try XCTUnwrap(requests[0].start), attemptId: "a-t1")
        XCTAssertEqual(again, .taken(requests[0].start))
        let ended = try await store.finishAttempt(try XCTUnwrap(requests[0].start).succeeded(at: t0 + 1, rowsAffected: 1), attemptId: "a-t1")
        XCTAssertTrue(ended, "the try ends under its claim")
    }
    func testTheEndOfATryRecordedWithClaimsFreesItsRoomForThemAndALateEndIsNotRecorded() async throws {
        let store = try await fixture.open()
        let tis = try await readyInstances(store, days: 1...1, tasks: 3)
        let pool = ClaimRequest.Pool(name: "pg", limit: 1)
        var first = Self.request(tis[0], "a-t1", pool: pool)
        first.start = tis[0].queued(at: t0).running(at: t0, host: "h", pid: 7)
        let claimed = try await store.claimReady([first], at: t0)
        XCTAssertEqual(claimed, [.claimed])
        let full = try await store.claimReady([Self.request(tis[1], "a-t2", pool: pool)], at: t0)
        XCTAssertEqual(full, [.full(limit: "pg")], "the pool's one place is taken")

        // The first try's end and the next claim, together: the end frees the place the claim takes.
        let ended = try XCTUnwrap(first.start).succeeded(at: t0 + 1, rowsAffected: 3)
        let lateEnd = tis[2].queued(at: t0).running(at: t0, host: "h", pid: 7).succeeded(at: t0 + 1)
        let answer = try await store.claimReady([Self.request(tis[1], "a-t2", pool: pool)],
                                                recordingEnds: [TryEnd(instance: ended, attemptId: "a-t1"),
                                                                TryEnd(instance: lateEnd, attemptId: "never-claimed")], at: t0 + 1)
        XCTAssertEqual(answer.claims, [.claimed])
        XCTAssertEqual(answer.recorded, [true, false], "an end whose claim is gone is not recorded")
        let stored = try await store.taskInstances(dagId: "etl", runId: tis[0].runId)
        XCTAssertEqual(stored[0], ended)
        XCTAssertEqual(stored[1].state, .queued)
        XCTAssertEqual(stored[2], tis[2], "untouched")

        // Ends alone are recorded too.
        let again = try await store.claimReady([], recordingEnds: [TryEnd(instance: ended, attemptId: "a-t1")], at: t0 + 2)
        XCTAssertEqual(again.recorded, [false], "recorded once: its claim ended with it")
    }
}
