import Foundation
import SluiceCore
import XCTest

final class HostileValuesTests: XCTestCase {
    func testQuoteShowsAMegabyteValueAsSixtyCharactersAndItsLength() {
        let huge = String(repeating: "a", count: 1_048_576)
        XCTAssertEqual(UserText.quote(huge), String(repeating: "a", count: 60) + "…(1048576 characters)")
        XCTAssertEqual(UserText.quote("short_id"), "short_id")
    }

    func testAHugeRetryDelayGivesARetryWithinAYearAndAPrintableDate() {
        let policy = RetryPolicy(retries: 3, retryDelay: 1e300, exponentialBackoff: true, maxRetryDelay: .infinity)
        XCTAssertEqual(policy.delay(forTry: Int.max), DagLimits.retryDelay.upperBound)
        let now = Date(timeIntervalSince1970: 1_600_000_000)
        let ti = TaskInstance(dagId: "d", runId: "r", taskId: "t", tryNumber: 1, maxTries: 3, state: .running)
        let failed = ti.failed(at: now, error: "boom", policy: RetryPolicy(retries: 3, retryDelay: .greatestFiniteMagnitude))
        XCTAssertEqual(failed.nextRetryAt, now.addingTimeInterval(365 * 86_400))
        XCTAssertEqual(RunIdDateFormat.string(from: Date(timeIntervalSince1970: 1e300)).isEmpty, false)
        XCTAssertEqual(RetryPolicy(retryDelay: .nan).delay(forTry: 1), 0)
    }

    func testClearingATaskWithHugeRetriesDoesNotOverflow() {
        let ti = TaskInstance(dagId: "d", runId: "r", taskId: "t", tryNumber: 5, maxTries: 4, state: .failed)
        XCTAssertEqual(ti.cleared(retries: Int.max).maxTries, Int.max)
        XCTAssertEqual(TaskInstance(dagId: "d", runId: "r", taskId: "t", tryNumber: Int.max).queued(at: Date()).tryNumber, Int.max)
    }

    func testByteSizesPastSixtyFourBitsSaturateInsteadOfTrapping() {
        XCTAssertEqual(ByteSizeText.bytes(from: "1e300GB"), Int64.max)
        XCTAssertEqual(ByteSizeText.bytes(from: "99999999999999999999999"), Int64.max)
        XCTAssertEqual(ByteSizeText.bytes(from: "infTB"), Int64.max)
        XCTAssertNil(ByteSizeText.bytes(from: ".inf"))
        XCTAssertEqual(ByteSizeText.bytes(from: "256MB"), 256_000_000)
    }
}

final class TaskGraphDepthTests: XCTestCase {
    func testAChainOfTwoHundredThousandTasksOrdersWithoutOverflowingTheStack() {
        let ids = (0..<200_000).map { "t\($0)" }
        var upstream: [String: [String]] = [:]
        for i in 1..<ids.count { upstream[ids[i - 1]] = [ids[i]] }
        XCTAssertEqual(TaskGraph.order(ids: ids, upstream: upstream), .ordered(ids.reversed()))
        upstream[ids[ids.count - 1]] = [ids[ids.count - 3]]
        guard case let .cycle(path) = TaskGraph.order(ids: ids, upstream: upstream) else { return XCTFail("no cycle found") }
        XCTAssertEqual(path, [ids[ids.count - 3], ids[ids.count - 1], ids[ids.count - 2], ids[ids.count - 3]])
    }
}

final class TaskTryHostileValuesTests: XCTestCase {
    /// `retries: 9223372036854775807` and a huge `retry_delay` used to trap when a try started and
    /// when it failed; a try with those values runs and fails into a retry within a year.
    func testATryWithHugeRetriesAndRetryDelayFailsIntoARetryWithinAYear() {
        let now = Date(timeIntervalSince1970: 1_600_000_000)
        let ti = TaskInstance(dagId: "d", runId: "r", taskId: "t", tryNumber: 0, maxTries: Int.max, state: .scheduled)
        var attempt = TaskTry(instance: ti, policy: RetryPolicy(retries: Int.max, retryDelay: 1e300, exponentialBackoff: true),
                              host: "h", pid: 1, logPath: nil)
        _ = attempt.handle(.start(at: now))
        XCTAssertTrue(attempt.handle(.claimed).contains { if case .log(let line) = $0 { return line.contains("try 1 of") } else { return false } })
        let actions = attempt.handle(.failed(message: "boom", at: now))
        let recorded = actions.compactMap { if case .record(let instance) = $0 { return instance } else { return nil } }.first
        XCTAssertEqual(recorded?.state, .upForRetry)
        XCTAssertEqual(recorded?.nextRetryAt, now.addingTimeInterval(DagLimits.retryDelay.upperBound))
    }
}
