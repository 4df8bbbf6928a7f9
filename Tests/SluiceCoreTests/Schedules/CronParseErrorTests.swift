import XCTest
@testable import SluiceCore

/// Every kind of bad cron text is rejected with the offset of the offending part and one sentence.
final class CronParseErrorTests: XCTestCase {
    static let rows: [(text: String, offset: Int, message: String)] = [
        ("61 * * * *", 0, "minute field '61' is out of range 0-59"),
        ("0,61 * * * *", 2, "minute field '61' is out of range 0-59"),
        ("  61 * * * *", 2, "minute field '61' is out of range 0-59"),
        ("0 24 * * *", 2, "hour field '24' is out of range 0-23"),
        ("0 5-70 * * *", 4, "hour field '70' is out of range 0-23"),
        ("0 0 0 * *", 4, "day-of-month field '0' is out of range 1-31"),
        ("0 0 32 * *", 4, "day-of-month field '32' is out of range 1-31"),
        ("0 0 * 13 *", 6, "month field '13' is out of range 1-12"),
        ("0 0 * * 8", 8, "day-of-week field '8' is out of range 0-7"),
        ("0 0 * * 1 2", 10, "expected 5 fields (minute hour day-of-month month day-of-week), got 6"),
        ("0 0 * *", 7, "expected 5 fields (minute hour day-of-month month day-of-week), got 4"),
        ("", 0, "expected 5 fields (minute hour day-of-month month day-of-week), got 0"),
        ("@dayly", 0, "unknown preset '@dayly'; did you mean '@daily'?"),
        ("@hourley", 0, "unknown preset '@hourley'; did you mean '@hourly'?"),
        ("@fortnightly", 0, "unknown preset '@fortnightly'; known presets are @hourly @daily @midnight @weekly @monthly @quarterly @yearly @annually"),
        ("@daily 5", 7, "the preset '@daily' must stand alone, but '5' follows it"),
        ("@once", 0, "'@once' is a schedule of its own (one run at the start date), not a cron expression"),
        ("*/0 * * * *", 2, "minute field step '0' must be at least 1"),
        ("*/x * * * *", 2, "minute field step 'x' is not a whole number"),
        ("5/ * * * *", 2, "minute field step '' is not a whole number"),
        ("1/2/3 * * * *", 0, "minute field '1/2/3' has more than one '/'"),
        ("/5 * * * *", 0, "minute field '/5' has nothing before its '/'"),
        ("0 -5 * * *", 2, "hour field '-5' is not a valid range (negative numbers are not allowed)"),
        ("0 1-2-3 * * *", 2, "hour field '1-2-3' is not a valid range"),
        ("0 0,,5 * * *", 4, "hour field '0,,5' has an empty item in its list"),
        ("0 9 * * MOX", 8, "day-of-week field 'MOX' is not a number or a day name (SUN-SAT)"),
        ("0 9 * * MON-FRX", 12, "day-of-week field 'FRX' is not a number or a day name (SUN-SAT)"),
        ("0 9 * FOO *", 6, "month field 'FOO' is not a number or a month name (JAN-DEC)"),
        ("0 9 * * MONDAY", 8, "day-of-week field 'MONDAY' is not a number or a day name (SUN-SAT)"),
        ("MON 9 * * *", 0, "minute field 'MON' is not a number"),
        ("0 9 LW * *", 4, "day-of-month field 'LW' uses 'W' (nearest weekday), which Sluice does not support"),
        ("0 9 15W * *", 4, "day-of-month field '15W' uses 'W' (nearest weekday), which Sluice does not support"),
        ("0 9 1#2 * *", 4, "day-of-month field '1#2' uses '#' (nth weekday of the month), which only the day-of-week field accepts"),
        ("H 9 * * *", 0, "minute field 'H' uses hashed or random values ('H', 'R'), which Sluice does not support"),
        ("0 0 31 2 *", 4, "day-of-month field '31' never occurs in the months of month field '2', so the schedule would never run"),
        ("0 0 30,31 FEB *", 4, "day-of-month field '30,31' never occurs in the months of month field 'FEB', so the schedule would never run"),
    ]

    func testEachBadFieldIsReportedWithItsOffsetAndASentence() {
        ScheduleTestSupport.assertErrors(Self.rows)
    }

    func testImpossibleDayIsAcceptedWhenTheDayOfWeekCanStillMatch() throws {
        // dom OR dow: Feb 31 never happens, but every Monday in February does.
        XCTAssertNoThrow(try CronExpression(parsing: "0 0 31 2 MON"))
        XCTAssertNoThrow(try CronExpression(parsing: "0 0 29 2 *"))
    }

    func testTimetableRejectsEmptySchedulesAndMisplacedTriggerIntervals() throws {
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        XCTAssertThrowsError(try Timetable(schedule: "  ", kind: .interval, timeZone: utc)) { error in
            XCTAssertEqual((error as? ScheduleError)?.message, "the schedule is empty; use null for a DAG that only runs when triggered")
        }
        XCTAssertThrowsError(try Timetable(schedule: "@daily", kind: .interval, timeZone: utc, triggerInterval: 60)) { error in
            XCTAssertEqual((error as? ScheduleError)?.message, "a trigger interval only applies to the 'trigger' timetable, not to 'interval'")
        }
        XCTAssertThrowsError(try Timetable(schedule: "@daily", kind: .trigger, timeZone: utc, triggerInterval: -1))
        XCTAssertThrowsError(try Timetable(schedule: "@dayly", kind: .trigger, timeZone: utc)) { error in
            XCTAssertEqual((error as? ScheduleError)?.message, "unknown preset '@dayly'; did you mean '@daily'?")
        }
    }
}
