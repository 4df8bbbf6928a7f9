import Foundation
import XCTest
@testable import SluiceCore

/// croniter 7.0.0's tests of its extensions: `L` in both day fields, `#`, wrapping and stepped
/// ranges, Sunday as SUN, 0 and 7. Scope and rules: CroniterPortTests.
final class CroniterPortExtensionTests: XCTestCase {
    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_lwom_friday
    func testLastFridayOfEachMonth() throws {
        try CroniterPort.assertWalk("0 0 * * L5", from: "1987-01-15 00:00", [
            .next("1987-01-30 00:00"),
            .next("1987-02-27 00:00"),
            .next("1987-03-27 00:00"),
            .next("1987-04-24 00:00"),
            .next("1987-05-29 00:00"),
            .next("1987-06-26 00:00"),
            .next("1987-07-31 00:00"),
            .next("1987-08-28 00:00"),
            .next("1987-09-25 00:00"),
            .next("1987-10-30 00:00"),
            .next("1987-11-27 00:00"),
            .next("1987-12-25 00:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_lwom_friday_2hours
    func testLastFridayAtTwoHours() throws {
        try CroniterPort.assertWalk("0 1,5 * * L5", from: "1987-01-15 00:00", [
            .next("1987-01-30 01:00"),
            .next("1987-01-30 05:00"),
            .next("1987-02-27 01:00"),
            .next("1987-02-27 05:00"),
            .next("1987-03-27 01:00"),
            .next("1987-03-27 05:00"),
            .next("1987-04-24 01:00"),
            .next("1987-04-24 05:00"),
            .next("1987-05-29 01:00"),
            .next("1987-05-29 05:00"),
            .next("1987-06-26 01:00"),
            .next("1987-06-26 05:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_lwom_friday_2xh_2xm
    func testLastFridayAtTwoHoursAndTwoMinutes() throws {
        try CroniterPort.assertWalk("0,30 1,5 * * L5", from: "1987-01-15 00:00", [
            .next("1987-01-30 01:00"),
            .next("1987-01-30 01:30"),
            .next("1987-01-30 05:00"),
            .next("1987-01-30 05:30"),
            .next("1987-02-27 01:00"),
            .next("1987-02-27 01:30"),
            .next("1987-02-27 05:00"),
            .next("1987-02-27 05:30"),
            .next("1987-03-27 01:00"),
            .next("1987-03-27 01:30"),
            .next("1987-03-27 05:00"),
            .next("1987-03-27 05:30"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_lwom_saturday_rev
    func testLastSaturdayBackwards() throws {
        try CroniterPort.assertWalk("0 0 * * L6", from: "2017-12-31 00:00", [
            .previous("2017-12-30 00:00"),
            .previous("2017-11-25 00:00"),
            .previous("2017-10-28 00:00"),
            .previous("2017-09-30 00:00"),
            .previous("2017-08-26 00:00"),
            .previous("2017-07-29 00:00"),
            .previous("2017-06-24 00:00"),
            .previous("2017-05-27 00:00"),
            .previous("2017-04-29 00:00"),
            .previous("2017-03-25 00:00"),
            .previous("2017-02-25 00:00"),
            .previous("2017-01-28 00:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_lwom_tue_thu
    func testLastTuesdayAndLastThursday() throws {
        try CroniterPort.assertWalk("0 0 * * L2,L4", from: "2016-06-01 00:00", [
            .next("2016-06-28 00:00"),
            .next("2016-06-30 00:00"),
            .next("2016-07-26 00:00"),
            .next("2016-07-28 00:00"),
            .next("2016-08-25 00:00"),
            .next("2016-08-30 00:00"),
            .next("2016-09-27 00:00"),
            .next("2016-09-29 00:00"),
            .next("2016-10-25 00:00"),
            .next("2016-10-27 00:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_hash_mixup_all_fri_3rd_sat
    func testThirdSaturdayAndFridaysSeparatelyButNotMixed() throws {
        try CroniterPort.assertWalk("0 0 * * 6#3", from: "2021-03-01 00:00", [.next("2021-03-20 00:00")])
        try CroniterPort.assertWalk("0 0 * * 5", from: "2021-03-01 00:00", [
            .next("2021-03-05 00:00"),
            .next("2021-03-12 00:00"),
            .next("2021-03-19 00:00"),
            .next("2021-03-26 00:00"),
        ])
        CroniterPort.assertRejects([
            ("0 0 * * 5,6#3", "day-of-week field '5,6#3' mixes '#' or 'L' items with other weekdays, which croniter does not accept; list only items such as 1#1,L5"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_lwom_mixup_all_fri_last_sat
    func testLastSaturdayAndFridaysSeparatelyButNotMixed() throws {
        try CroniterPort.assertWalk("0 0 * * L6", from: "2021-03-01 00:00", [.next("2021-03-27 00:00")])
        try CroniterPort.assertWalk("0 0 * * 5", from: "2021-03-01 00:00", [
            .next("2021-03-05 00:00"),
            .next("2021-03-12 00:00"),
            .next("2021-03-19 00:00"),
            .next("2021-03-26 00:00"),
        ])
        CroniterPort.assertRejects([
            ("0 0 * * 5,L6", "day-of-week field '5,L6' mixes '#' or 'L' items with other weekdays, which croniter does not accept; list only items such as 1#1,L5"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_lwom_mixup_firstlast_sat
    func testFirstAndLastSaturdayTogether() throws {
        try CroniterPort.assertWalk("0 0 * * 6#1", from: "2021-03-01 00:00", [
            .next("2021-03-06 00:00"),
            .next("2021-04-03 00:00"),
            .next("2021-05-01 00:00"),
        ])
        try CroniterPort.assertWalk("0 0 * * L6", from: "2021-03-01 00:00", [
            .next("2021-03-27 00:00"),
            .next("2021-04-24 00:00"),
            .next("2021-05-29 00:00"),
        ])
        try CroniterPort.assertWalk("0 0 * * L6,6#1", from: "2021-03-01 00:00", [
            .next("2021-03-06 00:00"),
            .next("2021-03-27 00:00"),
            .next("2021-04-03 00:00"),
            .next("2021-04-24 00:00"),
            .next("2021-05-01 00:00"),
            .next("2021-05-29 00:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_lwom_mixup_4th_and_last
    func testFourthAndLastMondayTogetherCountACommonDayOnce() throws {
        try CroniterPort.assertWalk("0 0 * * 1#4", from: "2021-11-01 00:00", [
            .next("2021-11-22 00:00"),
            .next("2021-12-27 00:00"),
            .next("2022-01-24 00:00"),
        ])
        try CroniterPort.assertWalk("0 0 * * L1", from: "2021-11-01 00:00", [
            .next("2021-11-29 00:00"),
            .next("2021-12-27 00:00"),
            .next("2022-01-31 00:00"),
        ])
        try CroniterPort.assertWalk("0 0 * * 1#4,L1", from: "2021-11-01 00:00", [
            .next("2021-11-22 00:00"),
            .next("2021-11-29 00:00"),
            .next("2021-12-27 00:00"),
            .next("2022-01-24 00:00"),
            .next("2022-01-31 00:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_nth_wday_simple
    // croniter checks its helper _get_nth_weekday_of_month; here each list is the ticks of that weekday in that month
    func testNthWeekdaysOfMonthsIn2000() throws {
        try CroniterPort.assertWalk("0 0 * 1 mon", from: "1999-12-31 00:00", [
            .next("2000-01-03 00:00"),
            .next("2000-01-10 00:00"),
            .next("2000-01-17 00:00"),
            .next("2000-01-24 00:00"),
            .next("2000-01-31 00:00"),
        ])
        try CroniterPort.assertWalk("0 0 * 2 tue", from: "2000-01-31 00:00", [
            .next("2000-02-01 00:00"),
            .next("2000-02-08 00:00"),
            .next("2000-02-15 00:00"),
            .next("2000-02-22 00:00"),
            .next("2000-02-29 00:00"),
        ])
        try CroniterPort.assertWalk("0 0 * 3 wed", from: "2000-02-29 00:00", [
            .next("2000-03-01 00:00"),
            .next("2000-03-08 00:00"),
            .next("2000-03-15 00:00"),
            .next("2000-03-22 00:00"),
            .next("2000-03-29 00:00"),
        ])
        try CroniterPort.assertWalk("0 0 * 4 thu", from: "2000-03-31 00:00", [
            .next("2000-04-06 00:00"),
            .next("2000-04-13 00:00"),
            .next("2000-04-20 00:00"),
            .next("2000-04-27 00:00"),
        ])
        try CroniterPort.assertWalk("0 0 * 2 fri", from: "2000-01-31 00:00", [
            .next("2000-02-04 00:00"),
            .next("2000-02-11 00:00"),
            .next("2000-02-18 00:00"),
            .next("2000-02-25 00:00"),
        ])
        try CroniterPort.assertWalk("0 0 * 2 sat", from: "2000-01-31 00:00", [
            .next("2000-02-05 00:00"),
            .next("2000-02-12 00:00"),
            .next("2000-02-19 00:00"),
            .next("2000-02-26 00:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_nth_as_last_wday_simple
    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_wdom_core_leap_year
    // croniter checks the last item of _get_nth_weekday_of_month; here the tick of `L<weekday>` in February 2000
    func testLastWeekdaysOfLeapFebruary2000() throws {
        try CroniterPort.assertWalk("0 0 * 2 L2", from: "2000-01-31 00:00", [.next("2000-02-29 00:00")])
        try CroniterPort.assertWalk("0 0 * 2 L0", from: "2000-01-31 00:00", [.next("2000-02-27 00:00")])
        try CroniterPort.assertWalk("0 0 * 2 L1", from: "2000-01-31 00:00", [.next("2000-02-28 00:00")])
        try CroniterPort.assertWalk("0 0 * 2 L3", from: "2000-01-31 00:00", [.next("2000-02-23 00:00")])
        try CroniterPort.assertWalk("0 0 * 2 L4", from: "2000-01-31 00:00", [.next("2000-02-24 00:00")])
        try CroniterPort.assertWalk("0 0 * 2 L5", from: "2000-01-31 00:00", [.next("2000-02-25 00:00")])
        try CroniterPort.assertWalk("0 0 * 2 L6", from: "2000-01-31 00:00", [.next("2000-02-26 00:00")])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_sunday_ranges_to
    func testSundayAsSunAs7AndAs0EndingARange() throws {
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Sun-Sun", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 7-7", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 0-0", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Mon-Sun", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * mon-7", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * mon-0", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Tue-Sun", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 30, 31, 1, 2, 3, 4])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * tue-7", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 30, 31, 1, 2, 3, 4])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * tue-0", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 30, 31, 1, 2, 3, 4])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Wed-Sun", from: "2024-01-01 00:00", [3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28, 31, 1, 2, 3, 4, 7, 8, 9, 10, 11])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * wed-7", from: "2024-01-01 00:00", [3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28, 31, 1, 2, 3, 4, 7, 8, 9, 10, 11])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * wed-0", from: "2024-01-01 00:00", [3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28, 31, 1, 2, 3, 4, 7, 8, 9, 10, 11])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Thu-Sun", from: "2024-01-01 00:00", [4, 5, 6, 7, 11, 12, 13, 14, 18, 19, 20, 21, 25, 26, 27, 28, 1, 2, 3, 4, 8, 9, 10, 11, 15, 16, 17, 18, 22, 23])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * thu-7", from: "2024-01-01 00:00", [4, 5, 6, 7, 11, 12, 13, 14, 18, 19, 20, 21, 25, 26, 27, 28, 1, 2, 3, 4, 8, 9, 10, 11, 15, 16, 17, 18, 22, 23])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * thu-0", from: "2024-01-01 00:00", [4, 5, 6, 7, 11, 12, 13, 14, 18, 19, 20, 21, 25, 26, 27, 28, 1, 2, 3, 4, 8, 9, 10, 11, 15, 16, 17, 18, 22, 23])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Fri-Sun", from: "2024-01-01 00:00", [5, 6, 7, 12, 13, 14, 19, 20, 21, 26, 27, 28, 2, 3, 4, 9, 10, 11, 16, 17, 18, 23, 24, 25, 1, 2, 3, 8, 9, 10])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * fri-7", from: "2024-01-01 00:00", [5, 6, 7, 12, 13, 14, 19, 20, 21, 26, 27, 28, 2, 3, 4, 9, 10, 11, 16, 17, 18, 23, 24, 25, 1, 2, 3, 8, 9, 10])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * fri-0", from: "2024-01-01 00:00", [5, 6, 7, 12, 13, 14, 19, 20, 21, 26, 27, 28, 2, 3, 4, 9, 10, 11, 16, 17, 18, 23, 24, 25, 1, 2, 3, 8, 9, 10])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Sat-Sun", from: "2024-01-01 00:00", [6, 7, 13, 14, 20, 21, 27, 28, 3, 4, 10, 11, 17, 18, 24, 25, 2, 3, 9, 10, 16, 17, 23, 24, 30, 31, 6, 7, 13, 14])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * sat-7", from: "2024-01-01 00:00", [6, 7, 13, 14, 20, 21, 27, 28, 3, 4, 10, 11, 17, 18, 24, 25, 2, 3, 9, 10, 16, 17, 23, 24, 30, 31, 6, 7, 13, 14])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * sat-0", from: "2024-01-01 00:00", [6, 7, 13, 14, 20, 21, 27, 28, 3, 4, 10, 11, 17, 18, 24, 25, 2, 3, 9, 10, 16, 17, 23, 24, 30, 31, 6, 7, 13, 14])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_sunday_ranges_from
    func testSundayAsSunAs7AndAs0StartingARange() throws {
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Sun-Mon", from: "2024-01-01 00:00", [7, 8, 14, 15, 21, 22, 28, 29, 4, 5, 11, 12, 18, 19, 25, 26, 3, 4, 10, 11, 17, 18, 24, 25, 31, 1, 7, 8, 14, 15])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 7-mon", from: "2024-01-01 00:00", [7, 8, 14, 15, 21, 22, 28, 29, 4, 5, 11, 12, 18, 19, 25, 26, 3, 4, 10, 11, 17, 18, 24, 25, 31, 1, 7, 8, 14, 15])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 0-mon", from: "2024-01-01 00:00", [7, 8, 14, 15, 21, 22, 28, 29, 4, 5, 11, 12, 18, 19, 25, 26, 3, 4, 10, 11, 17, 18, 24, 25, 31, 1, 7, 8, 14, 15])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Sun-Tue", from: "2024-01-01 00:00", [2, 7, 8, 9, 14, 15, 16, 21, 22, 23, 28, 29, 30, 4, 5, 6, 11, 12, 13, 18, 19, 20, 25, 26, 27, 3, 4, 5, 10, 11])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 7-tue", from: "2024-01-01 00:00", [2, 7, 8, 9, 14, 15, 16, 21, 22, 23, 28, 29, 30, 4, 5, 6, 11, 12, 13, 18, 19, 20, 25, 26, 27, 3, 4, 5, 10, 11])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 0-tue", from: "2024-01-01 00:00", [2, 7, 8, 9, 14, 15, 16, 21, 22, 23, 28, 29, 30, 4, 5, 6, 11, 12, 13, 18, 19, 20, 25, 26, 27, 3, 4, 5, 10, 11])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Sun-Wed", from: "2024-01-01 00:00", [2, 3, 7, 8, 9, 10, 14, 15, 16, 17, 21, 22, 23, 24, 28, 29, 30, 31, 4, 5, 6, 7, 11, 12, 13, 14, 18, 19, 20, 21])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 7-wed", from: "2024-01-01 00:00", [2, 3, 7, 8, 9, 10, 14, 15, 16, 17, 21, 22, 23, 24, 28, 29, 30, 31, 4, 5, 6, 7, 11, 12, 13, 14, 18, 19, 20, 21])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 0-wed", from: "2024-01-01 00:00", [2, 3, 7, 8, 9, 10, 14, 15, 16, 17, 21, 22, 23, 24, 28, 29, 30, 31, 4, 5, 6, 7, 11, 12, 13, 14, 18, 19, 20, 21])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Sun-Thu", from: "2024-01-01 00:00", [2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28, 29, 30, 31, 1, 4, 5, 6, 7, 8, 11, 12])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 7-thu", from: "2024-01-01 00:00", [2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28, 29, 30, 31, 1, 4, 5, 6, 7, 8, 11, 12])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 0-thu", from: "2024-01-01 00:00", [2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28, 29, 30, 31, 1, 4, 5, 6, 7, 8, 11, 12])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Sun-Fri", from: "2024-01-01 00:00", [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 1, 2, 4, 5])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 7-fri", from: "2024-01-01 00:00", [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 1, 2, 4, 5])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 0-fri", from: "2024-01-01 00:00", [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 1, 2, 4, 5])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Sun-Sat", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 7-sat", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * 0-sat", from: "2024-01-01 00:00", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Thu-Tue/2", from: "2024-01-01 00:00", [2, 4, 6, 9, 11, 13, 16, 18, 20, 23, 25, 27, 30, 1, 3, 6, 8, 10, 13, 15, 17, 20, 22, 24, 27, 29, 2, 5, 7, 9])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * thu-tue/2", from: "2024-01-01 00:00", [2, 4, 6, 9, 11, 13, 16, 18, 20, 23, 25, 27, 30, 1, 3, 6, 8, 10, 13, 15, 17, 20, 22, 24, 27, 29, 2, 5, 7, 9])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * thu-tue/2", from: "2024-01-01 00:00", [2, 4, 6, 9, 11, 13, 16, 18, 20, 23, 25, 27, 30, 1, 3, 6, 8, 10, 13, 15, 17, 20, 22, 24, 27, 29, 2, 5, 7, 9])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * Thu-Tue/3", from: "2024-01-01 00:00", [4, 7, 11, 14, 18, 21, 25, 28, 1, 4, 8, 11, 15, 18, 22, 25, 29, 3, 7, 10, 14, 17, 21, 24, 28, 31, 4, 7, 11, 14])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * thu-tue/3", from: "2024-01-01 00:00", [4, 7, 11, 14, 18, 21, 25, 28, 1, 4, 8, 11, 15, 18, 22, 25, 29, 3, 7, 10, 14, 17, 21, 24, 28, 31, 4, 7, 11, 14])
        try CroniterPort.assertDaysOfNextTicks("0 0 * * thu-tue/3", from: "2024-01-01 00:00", [4, 7, 11, 14, 18, 21, 25, 28, 1, 4, 8, 11, 15, 18, 22, 25, 29, 3, 7, 10, 14, 17, 21, 24, 28, 31, 4, 7, 11, 14])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_mth_ranges_from
    func testWrappingAndSteppedMonthRanges() throws {
        try CroniterPort.assertYearMonthsOfNextTicks("0 0 1 Jan-Dec *", from: "2024-01-01 00:00", ["24 2", "24 3", "24 4", "24 5", "24 6", "24 7", "24 8", "24 9", "24 10", "24 11", "24 12", "25 1", "25 2", "25 3", "25 4", "25 5"])
        try CroniterPort.assertYearMonthsOfNextTicks("0 0 1 Nov-Mar *", from: "2024-01-01 00:00", ["24 2", "24 3", "24 11", "24 12", "25 1", "25 2", "25 3", "25 11", "25 12", "26 1", "26 2", "26 3", "26 11", "26 12", "27 1", "27 2"])
        try CroniterPort.assertYearMonthsOfNextTicks("0 0 1 Apr-Feb *", from: "2024-01-01 00:00", ["24 2", "24 4", "24 5", "24 6", "24 7", "24 8", "24 9", "24 10", "24 11", "24 12", "25 1", "25 2", "25 4", "25 5", "25 6", "25 7"])
        try CroniterPort.assertYearMonthsOfNextTicks("0 0 1 Apr-Mar/3 *", from: "2024-01-01 00:00", ["24 4", "24 7", "24 10", "25 1", "25 4", "25 7", "25 10", "26 1", "26 4", "26 7", "26 10", "27 1", "27 4", "27 7", "27 10", "28 1"])
        try CroniterPort.assertYearMonthsOfNextTicks("0 0 1 Apr-Mar/2 *", from: "2024-01-01 00:00", ["24 3", "24 4", "24 6", "24 8", "24 10", "24 12", "25 3", "25 4", "25 6", "25 8", "25 10", "25 12", "26 3", "26 4", "26 6", "26 8"])
        try CroniterPort.assertYearMonthsOfNextTicks("0 0 1 Jan-Aug/2 *", from: "2024-01-01 00:00", ["24 3", "24 5", "24 7", "25 1", "25 3", "25 5", "25 7", "26 1", "26 3", "26 5", "26 7", "27 1", "27 3", "27 5", "27 7", "28 1"])
        try CroniterPort.assertYearMonthsOfNextTicks("0 0 1 Jan-Aug/4 *", from: "2024-01-01 00:00", ["24 5", "25 1", "25 5", "26 1", "26 5", "27 1", "27 5", "28 1", "28 5", "29 1", "29 5", "30 1", "30 5", "31 1", "31 5", "32 1"])
    }
}
