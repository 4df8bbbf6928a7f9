import SluiceCore
import XCTest

final class RetryPolicyTests: XCTestCase {
    func testDelayFollowsAirflowBackoffWithCap() {
        let table: [(RetryPolicy, Int, Double, UInt)] = [
            (RetryPolicy(retries: 3, retryDelay: 300), 1, 300, #line),
            (RetryPolicy(retries: 3, retryDelay: 300), 3, 300, #line),
            (RetryPolicy(retries: 3, retryDelay: 60, exponentialBackoff: true), 1, 60, #line),
            (RetryPolicy(retries: 3, retryDelay: 60, exponentialBackoff: true), 2, 120, #line),
            (RetryPolicy(retries: 3, retryDelay: 60, exponentialBackoff: true), 4, 480, #line),
            (RetryPolicy(retries: 9, retryDelay: 60, exponentialBackoff: true, maxRetryDelay: 600), 5, 600, #line),
            (RetryPolicy(retries: 9, retryDelay: 60, exponentialBackoff: true, maxRetryDelay: 600), 4, 480, #line),
            (RetryPolicy(retries: 1, retryDelay: 0.3, exponentialBackoff: true), 1, 1, #line),
            (RetryPolicy(retries: 1, retryDelay: 0, exponentialBackoff: true), 3, 1, #line),
            (RetryPolicy(retries: 1, retryDelay: 1.5, exponentialBackoff: true), 2, 3, #line),
            (RetryPolicy(retries: 1, retryDelay: 1.2, exponentialBackoff: true), 2, 3, #line),
            (RetryPolicy(retries: 1, retryDelay: 1, exponentialBackoff: true, maxRetryDelay: 86_400), 500, 86_400, #line),
            (RetryPolicy(retries: 2, retryDelay: 900, maxRetryDelay: 600), 1, 600, #line),
        ]
        for (policy, tryNumber, expected, line) in table {
            XCTAssertEqual(policy.delay(forTry: tryNumber), expected, line: line)
        }
    }

    func testHugeTryNumbersStayFinite() {
        let delay = RetryPolicy(retries: 1, retryDelay: 300, exponentialBackoff: true).delay(forTry: 10_000)
        XCTAssertTrue(delay.isFinite)
        XCTAssertGreaterThan(delay, 300)
    }
}
