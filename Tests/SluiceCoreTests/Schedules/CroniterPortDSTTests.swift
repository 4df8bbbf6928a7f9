import Foundation
import XCTest
@testable import SluiceCore

/// croniter 7.0.0's time-zone and DST tests, with Airflow's answer where Airflow's DST handling on top
/// of croniter differs (each such step says so). Scope and rules: CroniterPortTests.
final class CroniterPortDSTTests: XCTestCase {
    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::testTimezone
    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::testTimezoneDateutil
    func testTokyoTickStaysInTokyo() throws {
        try CroniterPort.assertWalk("* * * * *", from: "2013-03-04 12:15", [.next("2013-03-04 12:16")])
        try CroniterPort.assertWalk("* * * * *", in: "Asia/Tokyo", from: "2013-03-04 12:15+09:00", [.next("2013-03-04 12:16+09:00")])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::testTimezoneWinterTime
    func testEveryHalfHourThroughAthensFallBack() throws {
        try CroniterPort.assertWalk("*/30 * * * *", in: "Europe/Athens", from: "2013-10-27 02:00+03:00", [
            .next("2013-10-27 02:30+03:00"),
            .next("2013-10-27 03:00+03:00"),
            .next("2013-10-27 03:30+03:00"),
            .next("2013-10-27 03:00+02:00"),
            .next("2013-10-27 03:30+02:00"),
            .next("2013-10-27 04:00+02:00"),
            .next("2013-10-27 04:30+02:00"),
        ])
        try CroniterPort.assertWalk("*/30 * * * *", in: "Europe/Athens", from: "2013-10-27 05:00+02:00", [
            .previous("2013-10-27 04:30+02:00"),
            .previous("2013-10-27 04:00+02:00"),
            .previous("2013-10-27 03:30+02:00"),
            .previous("2013-10-27 03:00+02:00"),
            .previous("2013-10-27 03:30+03:00"),
            .previous("2013-10-27 03:00+03:00"),
            .previous("2013-10-27 02:30+03:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::testTimezoneSummerTime
    func testEveryHalfHourThroughAthensSpringForward() throws {
        try CroniterPort.assertWalk("*/30 * * * *", in: "Europe/Athens", from: "2013-03-31 01:00+02:00", [
            .next("2013-03-31 01:30+02:00"),
            .next("2013-03-31 02:00+02:00"),
            .next("2013-03-31 02:30+02:00"),
            .next("2013-03-31 04:00+03:00"),
            .next("2013-03-31 04:30+03:00"),
        ])
        try CroniterPort.assertWalk("*/30 * * * *", in: "Europe/Athens", from: "2013-03-31 05:00+03:00", [
            .previous("2013-03-31 04:30+03:00"),
            .previous("2013-03-31 04:00+03:00"),
            .previous("2013-03-31 02:30+02:00"),
            .previous("2013-03-31 02:00+02:00"),
            .previous("2013-03-31 01:30+02:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_std_dst
    // croniter's get_current after get_next is the same tick, not checked again
    func testDailyAndHourlyAroundWarsawChanges() throws {
        try CroniterPort.assertWalk("0 0 * * *", in: "Europe/Warsaw", from: "2017-03-26 00:00+01:00", [.next("2017-03-27 00:00+02:00")])
        try CroniterPort.assertWalk("0 * * * *", in: "Europe/Warsaw", from: "2017-03-26 01:00+01:00", [.next("2017-03-26 03:00+02:00")])
        try CroniterPort.assertWalk("0 0 * * *", in: "Europe/Warsaw", from: "2017-10-29 00:00+02:00", [.next("2017-10-30 00:00+01:00")])
        try CroniterPort.assertWalk("0 * * * *", in: "Europe/Warsaw", from: "2017-10-29 01:59+02:00", [.next("2017-10-29 02:00+02:00")])
        try CroniterPort.assertWalk("0 * * * *", in: "Europe/Warsaw", from: "2017-10-29 02:00+01:00", [.next("2017-10-29 03:00+01:00")])
        try CroniterPort.assertWalk("0 * * * *", in: "Europe/Warsaw", from: "2017-10-29 03:00+01:00", [.next("2017-10-29 04:00+01:00")])
        try CroniterPort.assertWalk("0 * * * *", in: "Europe/Warsaw", from: "2017-10-29 04:00+01:00", [.next("2017-10-29 05:00+01:00")])
        try CroniterPort.assertWalk("0 * * * *", in: "Europe/Warsaw", from: "2017-10-29 05:00+01:00", [.next("2017-10-29 06:00+01:00")])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_std_dst2
    func testMidnightAfterSaoPauloFallBack() throws {
        try CroniterPort.assertFirstNext("0 0 * * *", in: "America/Sao_Paulo", [
            ("2018-02-17 21:00-02:00", "2018-02-18 00:00-03:00"),
            ("2018-02-17 22:00-02:00", "2018-02-18 00:00-03:00"),
            ("2018-02-17 23:00-03:00", "2018-02-18 00:00-03:00"),
            ("2018-02-18 00:00-03:00", "2018-02-19 00:00-03:00"),
            ("2018-02-17 21:05-02:00", "2018-02-18 00:00-03:00"),
            ("2018-02-17 22:05-02:00", "2018-02-18 00:00-03:00"),
            ("2018-02-17 23:05-03:00", "2018-02-18 00:00-03:00"),
            ("2018-02-18 00:05-03:00", "2018-02-19 00:00-03:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_std_dst3
    func testMonthlyAcrossAdelaideFallBack() throws {
        try CroniterPort.assertWalk("0 0 24 * *", in: "Australia/Adelaide", from: "2020-04-15 00:00+09:30", [
            .previous("2020-03-24 00:00+10:30"),
            .next("2020-04-24 00:00+09:30"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_dst_issue90_st31ny
    // the starts carry Paris's LMT offset +00:09 (tzdata's +00:09:21 rounded to the minute, as pytz does), as `datetime(..., tzinfo=pytz.timezone('Europe/Paris'))` does.
    // Airflow: 02:01 on 29 March does not exist, the tick moves to 03:01 CEST, and the previous tick of that
    // 03:01 is 03:01 itself (croniter's naive 02:01 made aware again), so the walk goes on from there.
    func testDailyAtTwoOhOneAroundParisSpringForward() throws {
        // Airflow (CronMixin over croniter) differs from croniter alone, which gives step 2 2020-03-29 01:01+01:00, step 3 2020-03-28 03:01+01:00, step 4 2020-03-29 03:01+02:00, step 5 2020-03-30 02:01+02:00; Airflow's answers:
        try CroniterPort.assertWalk("1 2 * * *", in: "Europe/Paris", from: "2020-03-29 01:59:55+00:09", [
            .next("2020-03-30 02:01+02:00"),
            .previous("2020-03-29 03:01+02:00"),
            .previous("2020-03-29 03:01+02:00"),
            .next("2020-03-30 02:01+02:00"),
            .next("2020-03-31 02:01+02:00"),
        ])
        // Airflow (CronMixin over croniter) differs from croniter alone, which gives step 2 2020-03-29 01:01+01:00, step 3 2020-03-28 03:01+01:00, step 4 2020-03-29 03:01+02:00, step 5 2020-03-30 02:01+02:00; Airflow's answers:
        try CroniterPort.assertWalk("1 2 * * *", in: "Europe/Paris", from: "2020-03-28 01:58:55+00:09", [
            .next("2020-03-29 03:01+02:00"),
            .previous("2020-03-29 03:01+02:00"),
            .previous("2020-03-29 03:01+02:00"),
            .next("2020-03-30 02:01+02:00"),
            .next("2020-03-31 02:01+02:00"),
        ])
        // Airflow (CronMixin over croniter) differs from croniter alone, which gives step 2 2020-03-29 01:01+01:00, step 3 2020-03-28 03:01+01:00, step 4 2020-03-29 03:01+02:00, step 5 2020-03-30 02:01+02:00; Airflow's answers:
        try CroniterPort.assertWalk("1 2 * * *", in: "Europe/Paris", from: "2020-03-29 02:00+00:09", [
            .next("2020-03-30 02:01+02:00"),
            .previous("2020-03-29 03:01+02:00"),
            .previous("2020-03-29 03:01+02:00"),
            .next("2020-03-30 02:01+02:00"),
            .next("2020-03-31 02:01+02:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_dst_iter
    // the start carries Hebron's LMT offset +02:20 (tzdata's +02:20:23 rounded to the minute, as pytz does), as `datetime(..., tzinfo=pytz.timezone('Asia/Hebron'))` does
    func testDailyMidnightAroundHebronSpringForward() throws {
        try CroniterPort.assertWalk("0 0 * * *", in: "Asia/Hebron", from: "2022-03-26 00:00+02:20", [
            .next("2022-03-26 00:00+02:00"),
            .next("2022-03-27 01:00+03:00"),
            .next("2022-03-28 00:00+03:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_issue_k11
    // the trailing space of croniter's `* * * * * ` is kept
    func testNewYorkStartKeepsItsZone() throws {
        try CroniterPort.assertWalk("* * * * * ", in: "America/New_York", from: "2019-01-14 11:00:59-05:00", [
            .next("2019-01-14 11:01-05:00"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_issue_k12
    // the start carries Athens's LMT offset +01:35 (tzdata's +01:34:52 rounded to the minute, as pytz does), as `datetime(..., tzinfo=pytz.timezone('Europe/Athens'))` does
    func testAthensStartWithLMTOffset() throws {
        try CroniterPort.assertWalk("* * * * *", in: "Europe/Athens", from: "2010-01-23 12:18+01:35", [.next("2010-01-23 12:44+02:00")])
    }
}
