import XCTest
@testable import SluiceCore

/// Inputs the cron fuzz target (Fuzz/Targets/cron.swift) crashed on, kept as regression tests.
final class CronFuzzRegressionTests: XCTestCase {
    /// Minutes of the next `count` ticks after 2024-01-01T00:00:00Z in UTC.
    private func nextMinutes(_ text: String, count: Int) throws -> [Int] {
        let cron = try CronExpression(parsing: text)
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        var date = try ScheduleTestSupport.date("2024-01-01T00:00:00Z")
        var minutes: [Int] = []
        for _ in 0..<count {
            date = try XCTUnwrap(cron.next(after: date, in: utc))
            minutes.append(Int(date.timeIntervalSince1970) / 60 % 60)
        }
        return minutes
    }

    func testHugeStepOnARangePicksOnlyItsStartLikeCroniterInsteadOfOverflowing() throws {
        // Was an arithmetic-overflow trap: 1 + Int.max while stepping through 1-5.
        XCTAssertEqual(try nextMinutes("1-5/9223372036854775807 * * * *", count: 2), [1, 1])
        XCTAssertEqual(try nextMinutes("7/9223372036854775807 * * * *", count: 2), [7, 7])
    }

    func testHugeStepOnABackwardRangePicksOnlyItsStartLikeCroniterInsteadOfOverflowing() throws {
        // Was an arithmetic-overflow trap in the wrap-around phase of 50-10.
        XCTAssertEqual(try nextMinutes("50-10/9223372036854775807 * * * *", count: 2), [50, 50])
    }

    func testStepLargerThanTheFieldStillMatchesCroniter() throws {
        XCTAssertEqual(try nextMinutes("*/100 * * * *", count: 2), [0, 0])
        XCTAssertEqual(try nextMinutes("50-10/100 * * * *", count: 2), [50, 50])
    }
}
