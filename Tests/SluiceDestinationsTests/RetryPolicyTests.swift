import XCTest
@testable import SluiceDestinations

final class RetryPolicyTests: XCTestCase {
    func testDelaysGrowExponentiallyUpToTheCapWithFullJitter() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        XCTAssertEqual(policy.delay(afterAttempt: 1, randomUnit: 1), .milliseconds(100))
        XCTAssertEqual(policy.delay(afterAttempt: 2, randomUnit: 1), .milliseconds(200))
        XCTAssertEqual(policy.delay(afterAttempt: 3, randomUnit: 0.5), .milliseconds(200))
        XCTAssertEqual(policy.delay(afterAttempt: 10, randomUnit: 1), .seconds(1))
        XCTAssertEqual(policy.delay(afterAttempt: 4, randomUnit: 0), .zero)
    }

    func testThrottlingAndServerErrorsAreRetryableButClientErrorsAreNot() {
        XCTAssertTrue(RetryPolicy.isRetryable(status: 503, code: "SlowDown"))
        XCTAssertTrue(RetryPolicy.isRetryable(status: 429, code: "TooManyRequests"))
        XCTAssertTrue(RetryPolicy.isRetryable(status: 500, code: "InternalError"))
        XCTAssertTrue(RetryPolicy.isRetryable(status: 400, code: "RequestTimeout"))
        XCTAssertFalse(RetryPolicy.isRetryable(status: 403, code: "AccessDenied"))
        XCTAssertFalse(RetryPolicy.isRetryable(status: 404, code: "NoSuchKey"))
    }
}
