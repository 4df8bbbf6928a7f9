import XCTest
@testable import SluiceDestinations

final class RetryPolicyTests: XCTestCase {
    func testDelaysGrowExponentiallyUpToTheCapWithFullJitter() {
        let policy = RequestRetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        XCTAssertEqual(policy.delay(afterAttempt: 1, randomUnit: 1), .milliseconds(100))
        XCTAssertEqual(policy.delay(afterAttempt: 2, randomUnit: 1), .milliseconds(200))
        XCTAssertEqual(policy.delay(afterAttempt: 3, randomUnit: 0.5), .milliseconds(200))
        XCTAssertEqual(policy.delay(afterAttempt: 10, randomUnit: 1), .seconds(1))
        XCTAssertEqual(policy.delay(afterAttempt: 4, randomUnit: 0), .zero)
    }

    func testThrottlingAndServerErrorsAreRetryableButClientErrorsAreNot() {
        XCTAssertTrue(RequestRetryPolicy.isRetryable(status: 503, code: "SlowDown"))
        XCTAssertTrue(RequestRetryPolicy.isRetryable(status: 429, code: "TooManyRequests"))
        XCTAssertTrue(RequestRetryPolicy.isRetryable(status: 500, code: "InternalError"))
        XCTAssertTrue(RequestRetryPolicy.isRetryable(status: 400, code: "RequestTimeout"))
        XCTAssertFalse(RequestRetryPolicy.isRetryable(status: 403, code: "AccessDenied"))
        XCTAssertFalse(RequestRetryPolicy.isRetryable(status: 404, code: "NoSuchKey"))
    }
}
