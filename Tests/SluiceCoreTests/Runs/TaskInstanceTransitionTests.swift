import Foundation
import SluiceCore
import XCTest

final class TaskInstanceTransitionTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func attempt(maxTries: Int, tries: Int) -> TaskInstance {
        var ti = TaskInstance(dagId: "etl", runId: "r", taskId: "load", maxTries: maxTries)
        for _ in 0..<tries {
            ti = ti.queued(at: t0).running(at: t0, host: "h", pid: 7)
        }
        return ti
    }

    func testFailureRetriesWhileTriesRemainThenFails() {
        // (maxTries (Airflow's retries), failing try, expected state)
        let table: [(Int, Int, TaskState, UInt)] = [
            (0, 1, .failed, #line),
            (1, 1, .upForRetry, #line),
            (1, 2, .failed, #line),
            (2, 1, .upForRetry, #line),
            (2, 2, .upForRetry, #line),
            (2, 3, .failed, #line),
        ]
        for (maxTries, tries, expected, line) in table {
            let failed = attempt(maxTries: maxTries, tries: tries)
                .failed(at: t0 + 10, error: "boom", policy: RetryPolicy(retries: maxTries, retryDelay: 60, exponentialBackoff: true))
            XCTAssertEqual(failed.state, expected, line: line)
            XCTAssertEqual(failed.tryNumber, tries, line: line)
            XCTAssertEqual(failed.error, "boom", line: line)
            XCTAssertEqual(failed.endedAt, t0 + 10, line: line)
            XCTAssertEqual(failed.duration, 10, line: line)
            if expected == .upForRetry {
                XCTAssertEqual(failed.nextRetryAt, t0 + 10 + 60 * pow(2, Double(tries - 1)), line: line)
            } else {
                XCTAssertNil(failed.nextRetryAt, line: line)
            }
        }
    }

    func testQueueingStartsANewTryAndForgetsTheLastOutcome() {
        let failed = attempt(maxTries: 1, tries: 1).failed(at: t0 + 5, error: "x", policy: .none)
        let again = failed.queued(at: t0 + 100)
        XCTAssertEqual(again.state, .queued)
        XCTAssertEqual(again.tryNumber, 2)
        XCTAssertNil(again.error)
        XCTAssertNil(again.nextRetryAt)
        XCTAssertNil(again.endedAt)
        XCTAssertEqual(again.heartbeatAt, t0 + 100)
    }

    func testSuccessRecordsRowsAndDuration() {
        let ti = attempt(maxTries: 0, tries: 1).succeeded(at: t0 + 2.5, rowsAffected: 42)
        XCTAssertEqual(ti.state, .success)
        XCTAssertEqual(ti.rowsAffected, 42)
        XCTAssertEqual(ti.duration, 2.5)
        XCTAssertEqual(ti.host, "h")
        XCTAssertEqual(ti.pid, 7)
    }

    func testClearKeepsTryNumberAndExtendsMaxTries() {
        let failed = attempt(maxTries: 1, tries: 2).failed(at: t0, error: "x", policy: .none)
        XCTAssertEqual(failed.state, .failed)
        let cleared = failed.cleared(retries: 1)
        XCTAssertEqual(cleared.state, .none)
        XCTAssertEqual(cleared.tryNumber, 2)
        XCTAssertEqual(cleared.maxTries, 3)
        XCTAssertNil(cleared.error)
        // The cleared task gets its retry back: try 3 fails into up_for_retry, try 4 fails for good.
        let third = cleared.queued(at: t0).running(at: t0, host: nil, pid: nil).failed(at: t0, error: "x", policy: .none)
        XCTAssertEqual(third.state, .upForRetry)
        let fourth = third.queued(at: t0).running(at: t0, host: nil, pid: nil).failed(at: t0, error: "x", policy: .none)
        XCTAssertEqual(fourth.state, .failed)
    }

    func testSkipAndUpstreamFailedAreFinished() {
        let ti = TaskInstance(dagId: "d", runId: "r", taskId: "t")
        XCTAssertEqual(ti.skipped(at: t0).state, .skipped)
        XCTAssertEqual(ti.upstreamFailed(at: t0).state, .upstreamFailed)
        XCTAssertEqual(ti.upstreamFailed(at: t0).endedAt, t0)
    }
}
