import Foundation
import XCTest
@testable import SluiceCore

/// croniter 7.0.0's croniter_range tests (5-field ones), as walks of `next(after:in:)` from the start
/// through the stop. Scope and rules: CroniterPortTests.
final class CroniterPortRangeTests: XCTestCase {
    // croniter 7.0.0 src/croniter/tests/test_croniter_range.py::CroniterRangeTest::test_1day_step
    // the reverse range is the same ticks backwards, walked with previous()
    func testDailyRangeIncludesBothEnds() throws {
        let ticks = [
            "2016-12-02 00:00",
            "2016-12-03 00:00",
            "2016-12-04 00:00",
            "2016-12-05 00:00",
            "2016-12-06 00:00",
            "2016-12-07 00:00",
            "2016-12-08 00:00",
            "2016-12-09 00:00",
            "2016-12-10 00:00",
        ]
        try CroniterPort.assertRange("0 0 * * *", from: "2016-12-02 00:00", through: "2016-12-10 00:00", ticks)
        try CroniterPort.assertRange("0 0 * * *", from: "2016-12-10 00:00", through: "2016-12-02 00:00", backwards: true, ticks.reversed())
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter_range.py::CroniterRangeTest::test_1day_step_no_ends
    func testDailyRangeWithoutEnds() throws {
        // exclude_ends=True: the walk starts after 2016-12-02 00:00 and the range ends before 2016-12-10 00:00.
        try CroniterPort.assertRange("0 0 * * *", from: "2016-12-02 00:00:01", through: "2016-12-09 23:59:59", [
            "2016-12-03 00:00",
            "2016-12-04 00:00",
            "2016-12-05 00:00",
            "2016-12-06 00:00",
            "2016-12-07 00:00",
            "2016-12-08 00:00",
            "2016-12-09 00:00",
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter_range.py::CroniterRangeTest::test_1month_step
    func testMonthlyRangeOverTwoYears() throws {
        try CroniterPort.assertRange("0 0 1 * *", from: "1982-01-01 00:00", through: "1983-12-31 00:00", [
            "1982-01-01 00:00",
            "1982-02-01 00:00",
            "1982-03-01 00:00",
            "1982-04-01 00:00",
            "1982-05-01 00:00",
            "1982-06-01 00:00",
            "1982-07-01 00:00",
            "1982-08-01 00:00",
            "1982-09-01 00:00",
            "1982-10-01 00:00",
            "1982-11-01 00:00",
            "1982-12-01 00:00",
            "1983-01-01 00:00",
            "1983-02-01 00:00",
            "1983-03-01 00:00",
            "1983-04-01 00:00",
            "1983-05-01 00:00",
            "1983-06-01 00:00",
            "1983-07-01 00:00",
            "1983-08-01 00:00",
            "1983-09-01 00:00",
            "1983-10-01 00:00",
            "1983-11-01 00:00",
            "1983-12-01 00:00",
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter_range.py::CroniterRangeTest::test_1minute_step_float
    // float results are out of scope; the ticks are 946684800 and 60 s later
    func testMinuteRangeIncludesBothMinutes() throws {
        try CroniterPort.assertRange("* * * * *", from: "2000-01-01 00:00", through: "2000-01-01 00:01", [
            "2000-01-01 00:00",
            "2000-01-01 00:01",
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter_range.py::CroniterRangeTest::test_timezone_dst
    func testDailyRangeAcrossNewYorkFallBack() throws {
        try CroniterPort.assertRange("0 0 * * *", in: "US/Eastern", from: "2020-10-30 00:00-04:00", through: "2020-11-10 00:00-05:00", [
            "2020-10-30 00:00-04:00",
            "2020-10-31 00:00-04:00",
            "2020-11-01 00:00-04:00",
            "2020-11-02 00:00-05:00",
            "2020-11-03 00:00-05:00",
            "2020-11-04 00:00-05:00",
            "2020-11-05 00:00-05:00",
            "2020-11-06 00:00-05:00",
            "2020-11-07 00:00-05:00",
            "2020-11-08 00:00-05:00",
            "2020-11-09 00:00-05:00",
            "2020-11-10 00:00-05:00",
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter_range.py::CroniterRangeTest::test_extra_hour_day_prio
    func testThreeOClockRangeAcrossNewYorkSpringForward() throws {
        try CroniterPort.assertRange("0 3 * * *", in: "US/Eastern", from: "2020-03-07 00:00-05:00", through: "2020-03-11 00:00-04:00", [
            "2020-03-07 03:00-05:00",
            "2020-03-08 03:00-04:00",
            "2020-03-09 03:00-04:00",
            "2020-03-10 03:00-04:00",
        ])
    }
}
