import Foundation
import SluiceCore
import XCTest

/// Every transition of one task try, as tables of events and the actions they produce. No I/O.
final class TaskTryTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = RetryPolicy(retries: 2, retryDelay: 60)

    func instance(tryNumber: Int = 0, maxTries: Int = 2, state: TaskState = .none) -> TaskInstance {
        TaskInstance(dagId: "d", runId: "r", taskId: "t", tryNumber: tryNumber, maxTries: maxTries, state: state)
    }

    func machine(_ ti: TaskInstance? = nil, retries: Bool = true) -> TaskTry {
        TaskTry(instance: ti ?? instance(), policy: policy, retriesEnabled: retries, host: "h", pid: 7, logPath: "/l")
    }

    /// Feeds events and returns the actions of each, and the machine at the end.
    func feed(_ machine: TaskTry, _ events: [TaskTry.Event]) -> ([[TaskTry.Action]], TaskTry) {
        var m = machine
        return (events.map { m.handle($0) }, m)
    }

    func testStartClaimsTheNextTryExpectingTheStateAndTryItSaw() {
        var m = machine(instance(tryNumber: 1, state: .upForRetry))
        let actions = m.handle(.start(at: t0))
        guard case let .claim(ti, expectedState, expectedTry) = actions.first else { return XCTFail("\(actions)") }
        XCTAssertEqual(actions.count, 1)
        XCTAssertEqual(expectedState, .upForRetry)
        XCTAssertEqual(expectedTry, 1)
        XCTAssertEqual(ti.state, .running)
        XCTAssertEqual(ti.tryNumber, 2)
        XCTAssertEqual(ti.pid, 7)
        XCTAssertEqual(ti.host, "h")
        XCTAssertEqual(ti.startedAt, t0)
        XCTAssertEqual(m.phase, .claiming)
    }

    func testAClaimedTryLogsItsNumberThenRuns() {
        let (actions, m) = feed(machine(), [.start(at: t0), .claimed])
        XCTAssertEqual(m.phase, .running)
        guard case let .log(line) = actions[1].first, case .run = actions[1].last else { return XCTFail("\(actions[1])") }
        XCTAssertTrue(line.hasSuffix("try 1 of 3 (h, pid 7)"), line)
    }

    func testALostClaimSkipsWithoutRunningOrWriting() {
        var other = instance(tryNumber: 1, state: .running)
        other.pid = 99
        let (actions, m) = feed(machine(), [.start(at: t0), .claimLost(other)])
        XCTAssertEqual(actions[1], [.finish(other)])
        XCTAssertEqual(m.phase, .skipped)
    }

    func testOutcomesAndTheirRecords() {
        // (events after claimed, expected final state, try number, retry due, discards staging, line)
        let table: [([TaskTry.Event], TaskState, Date?, Bool, UInt)] = [
            ([.succeeded(rows: 5, at: t0 + 3)], .success, nil, false, #line),
            ([.failed(message: "boom", at: t0 + 3)], .upForRetry, t0 + 63, true, #line),
            ([.timedOut(limit: 5, at: t0 + 5)], .upForRetry, t0 + 65, true, #line),
            ([.cancelled(.shutdown, at: t0 + 2)], .scheduled, nil, true, #line),
            ([.reached(.staged), .rows(10), .succeeded(rows: 10, at: t0 + 1)], .success, nil, false, #line),
        ]
        for (events, state, retryAt, discards, line) in table {
            let (actions, m) = feed(machine(), [.start(at: t0), .claimed] + events)
            let last = actions.last ?? []
            guard case let .record(ti) = last.last else { XCTFail("\(last)", line: line); continue }
            XCTAssertEqual(ti.state, state, line: line)
            XCTAssertEqual(ti.tryNumber, 1, line: line)
            XCTAssertEqual(ti.nextRetryAt, retryAt, line: line)
            XCTAssertEqual(last.contains(.discardStaging), discards, line: line)
            XCTAssertEqual(m.phase, .recording, line: line)
        }
    }

    func testATimeoutNamesTheLimitAndTheStepItStoppedIn() {
        let (actions, _) = feed(machine(), [.start(at: t0), .claimed, .reached(.connected), .rows(3), .timedOut(limit: 5, at: t0 + 5)])
        guard case let .record(ti) = actions.last?.last else { return XCTFail() }
        XCTAssertEqual(ti.error, "execution_timeout of 5s exceeded while streaming rows")
    }

    func testTheLastTryFailsForGoodAndWithoutRetriesTheFirstDoes() {
        let (last, _) = feed(machine(instance(tryNumber: 2, state: .upForRetry)), [.start(at: t0), .claimed, .failed(message: "x", at: t0 + 1)])
        guard case let .record(ti) = last.last?.last else { return XCTFail() }
        XCTAssertEqual(ti.state, .failed)
        XCTAssertEqual(ti.tryNumber, 3)
        let (once, _) = feed(machine(retries: false), [.start(at: t0), .claimed, .failed(message: "x", at: t0 + 1)])
        guard case let .record(single) = once.last?.last else { return XCTFail() }
        XCTAssertEqual(single.state, .failed)
        XCTAssertNil(single.nextRetryAt)
    }

    func testRecordedFinishesWithTheRecordedInstance() {
        let (actions, m) = feed(machine(), [.start(at: t0), .claimed, .succeeded(rows: nil, at: t0 + 1), .recorded])
        guard case let .finish(ti) = actions.last?.first else { return XCTFail() }
        XCTAssertEqual(ti?.state, .success)
        XCTAssertEqual(m.phase, .done)
    }

    func testARevokedTryDiscardsItsStagingAndWritesNothing() {
        let (actions, m) = feed(machine(), [.start(at: t0), .claimed, .cancelled(.revoked, at: t0 + 1)])
        XCTAssertTrue(actions[2].contains(.discardStaging))
        XCTAssertFalse(actions[2].contains { if case .record = $0 { return true }; return false })
        XCTAssertEqual(actions[2].last, .finish(nil))
        XCTAssertEqual(m.phase, .revoked)
    }

    func testALateFinishOfARevokedTryChangesNothing() {
        let (actions, m) = feed(machine(), [.start(at: t0), .claimed, .succeeded(rows: 1, at: t0 + 1), .recordLost])
        XCTAssertEqual(actions.last?.last, .finish(nil))
        XCTAssertEqual(m.phase, .revoked)
    }

    func testEventsThatDoNotApplyChangeNothing() {
        let table: [([TaskTry.Event], TaskTry.Event, UInt)] = [
            ([], .claimed, #line),
            ([], .succeeded(rows: 1, at: t0), #line),
            ([.start(at: t0)], .start(at: t0), #line),
            ([.start(at: t0)], .succeeded(rows: 1, at: t0), #line),
            ([.start(at: t0), .claimed, .succeeded(rows: 1, at: t0)], .failed(message: "late", at: t0), #line),
            ([.start(at: t0), .claimed, .succeeded(rows: 1, at: t0), .recorded], .recorded, #line),
            ([.start(at: t0), .claimLost(nil)], .claimed, #line),
        ]
        for (before, event, line) in table {
            var (_, m) = feed(machine(), before)
            let phase = m.phase
            let ti = m.instance
            XCTAssertEqual(m.handle(event), [], line: line)
            XCTAssertEqual(m.phase, phase, line: line)
            XCTAssertEqual(m.instance, ti, line: line)
        }
    }

    func testRecoveryOfATryOfADeadProcessDiscardsStagingAndRetriesAtOnce() {
        let stale = TaskInstance(dagId: "d", runId: "r", taskId: "t", tryNumber: 1, maxTries: 2, state: .running, startedAt: t0)
        let actions = TaskTry.recover(stale, reason: "pid 9 died", at: t0 + 100)
        XCTAssertEqual(actions.first, .discardStaging)
        guard case let .record(ti) = actions.last else { return XCTFail() }
        XCTAssertEqual(ti.state, .upForRetry)
        XCTAssertEqual(ti.nextRetryAt, t0 + 100)
        XCTAssertEqual(ti.error, "pid 9 died")
        let outOfTries = TaskTry.recover(TaskInstance(dagId: "d", runId: "r", taskId: "t", tryNumber: 3, maxTries: 2, state: .running), reason: "x", at: t0)
        guard case let .record(last) = outOfTries.last else { return XCTFail() }
        XCTAssertEqual(last.state, .failed)
    }
}
