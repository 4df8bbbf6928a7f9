import Foundation
import XCTest
@testable import SluiceCore

/// croniter's cron extensions as Airflow accepts them: `L` in day-of-month, `Ln` and `d#n` in
/// day-of-week, `?`, wrapping ranges.
///
/// Every expected tick below was computed by croniter 7.0.0 (`pip show croniter`) on naive local time,
/// the way Airflow runs it, and made aware in the zone by Airflow's rule (a skipped local time moves
/// forward by the gap, a repeated one is its second occurrence); the script that printed these rows
/// called `croniter(spec, local).get_next(datetime)` and `get_prev(datetime)` for each.
final class CronExtensionsTests: XCTestCase {
    typealias Row = CronExpressionTests.Row

    static let rows: [Row] = [
        Row("0 0 L 2 *", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-29T00:00:00Z", previous: "2023-02-28T00:00:00Z", "leap year February ends on the 29th"),
        Row("0 0 L 2 *", "UTC", "2024-03-01T00:00:00Z", next: "2025-02-28T00:00:00Z", previous: "2024-02-29T00:00:00Z", "a common year February ends on the 28th"),
        Row("0 0 L * *", "UTC", "2024-04-15T00:00:00Z", next: "2024-04-30T00:00:00Z", previous: "2024-03-31T00:00:00Z", "April has 30 days"),
        Row("0 0 L * *", "UTC", "2024-04-30T00:00:00Z", next: "2024-05-31T00:00:00Z", previous: "2024-03-31T00:00:00Z", "May has 31 days"),
        Row("0 0 L * *", "UTC", "2024-01-31T00:00:00Z", next: "2024-02-29T00:00:00Z", previous: "2023-12-31T00:00:00Z", "from January's last day to February's"),
        Row("0 0 L 4,6,9,11 *", "UTC", "2024-07-01T00:00:00Z", next: "2024-09-30T00:00:00Z", previous: "2024-06-30T00:00:00Z", "30-day months"),
        Row("0 0 31,L * *", "UTC", "2024-03-31T00:00:00Z", next: "2024-04-30T00:00:00Z", previous: "2024-02-29T00:00:00Z", "31 and L together: the 31st or the last"),
        Row("0 12 1,L * *", "UTC", "2024-06-01T12:00:00Z", next: "2024-06-30T12:00:00Z", previous: "2024-05-31T12:00:00Z", "L in a list"),
        Row("0 0 15,l * *", "UTC", "2023-02-15T00:00:00Z", next: "2023-02-28T00:00:00Z", previous: "2023-01-31T00:00:00Z", "lower-case l"),
        Row("0 0 1-L/10 * *", "UTC", "2024-04-21T00:00:00Z", next: "2024-05-01T00:00:00Z", previous: "2024-04-11T00:00:00Z", "range ending at L is a range to 31"),
        Row("0 0 L * 1", "UTC", "2024-04-24T00:00:00Z", next: "2024-04-29T00:00:00Z", previous: "2024-04-22T00:00:00Z", "L or Monday"),
        Row("0 0 L * 5", "UTC", "2024-01-27T00:00:00Z", next: "2024-01-31T00:00:00Z", previous: "2024-01-26T00:00:00Z", "L or Friday"),
        Row("0 0 * * L5", "UTC", "2024-01-15T00:00:00Z", next: "2024-01-26T00:00:00Z", previous: "2023-12-29T00:00:00Z", "last Friday"),
        Row("0 0 * * L5", "UTC", "2024-12-27T00:00:00Z", next: "2025-01-31T00:00:00Z", previous: "2024-11-29T00:00:00Z", "last Friday across the year"),
        Row("0 0 * * L0", "UTC", "2024-02-01T00:00:00Z", next: "2024-02-25T00:00:00Z", previous: "2024-01-28T00:00:00Z", "last Sunday as L0"),
        Row("0 0 * * L7", "UTC", "2024-02-01T00:00:00Z", next: "2024-02-25T00:00:00Z", previous: "2024-01-28T00:00:00Z", "last Sunday as L7"),
        Row("0 0 * NOV-FEB L5", "UTC", "2024-03-01T00:00:00Z", next: "2024-11-29T00:00:00Z", previous: "2024-02-23T00:00:00Z", "last Friday in a wrapping month range"),
        Row("0 0 * * 1#1", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-05T00:00:00Z", previous: "2024-01-01T00:00:00Z", "first Monday"),
        Row("0 0 * * 1#1", "UTC", "2024-03-31T00:00:00Z", next: "2024-04-01T00:00:00Z", previous: "2024-03-04T00:00:00Z", "first Monday on the 1st"),
        Row("0 0 * * 01#01", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-05T00:00:00Z", previous: "2024-01-01T00:00:00Z", "leading zeros on both sides of #"),
        Row("0 9 * * MON#1", "UTC", "2024-04-01T09:00:00Z", next: "2024-05-06T09:00:00Z", previous: "2024-03-04T09:00:00Z", "MON#1"),
        Row("0 0 * * FRI#3", "UTC", "2024-01-15T00:00:00Z", next: "2024-01-19T00:00:00Z", previous: "2023-12-15T00:00:00Z", "third Friday"),
        Row("0 0 * * FRI#5", "UTC", "2024-01-15T00:00:00Z", next: "2024-03-29T00:00:00Z", previous: "2023-12-29T00:00:00Z", "fifth Friday: January and February have none"),
        Row("0 0 * * FRI#5", "UTC", "2024-03-29T00:00:00Z", next: "2024-05-31T00:00:00Z", previous: "2023-12-29T00:00:00Z", "fifth Friday: April has none"),
        Row("0 0 * * FRI#5", "UTC", "2024-08-30T00:00:00Z", next: "2024-11-29T00:00:00Z", previous: "2024-05-31T00:00:00Z", "fifth Friday: September and October have none"),
        Row("0 12 * * 0#5", "UTC", "2024-01-01T00:00:00Z", next: "2024-03-31T12:00:00Z", previous: "2023-12-31T12:00:00Z", "fifth Sunday"),
        Row("0 0 * * 7#1", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-04T00:00:00Z", previous: "2024-01-07T00:00:00Z", "7#1 is the first Sunday"),
        Row("0 0 * 2 MON#5", "UTC", "2024-01-01T00:00:00Z", next: "2044-02-29T00:00:00Z", previous: "2016-02-29T00:00:00Z", "a fifth Monday in February needs a leap year starting on Monday"),
        Row("0 0 * * 1#1,1#3", "UTC", "2024-02-06T00:00:00Z", next: "2024-02-19T00:00:00Z", previous: "2024-02-05T00:00:00Z", "first and third Monday"),
        Row("0 0 * * L5,1#1", "UTC", "2024-01-27T00:00:00Z", next: "2024-02-05T00:00:00Z", previous: "2024-01-26T00:00:00Z", "last Friday and first Monday"),
        Row("0 0 * * 1#1,1", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-05T00:00:00Z", previous: "2024-01-01T00:00:00Z", "a plain weekday beside its own # item is absorbed"),
        Row("0 0 1,15 * 1#1", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-05T00:00:00Z", previous: "2024-01-01T00:00:00Z", "restricted day-of-month beside #: croniter keeps the # days"),
        Row("0 0 * * FRI-MON#1", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-02T00:00:00Z", previous: "2024-01-07T00:00:00Z", "a wrapping range of day names before #"),
        Row("0 0 * * MON-MON#1", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-01T00:00:00Z", previous: "2024-01-07T00:00:00Z", "an equal range before # is every weekday"),
        Row("0 0 * * mon-wed#2", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-12T00:00:00Z", previous: "2024-01-10T00:00:00Z", "second Monday to Wednesday"),
        Row("0 0 * * 0-6,SAT#3", "UTC", "2024-01-15T00:00:00Z", next: "2024-01-20T00:00:00Z", previous: "2023-12-16T00:00:00Z", "all seven weekdays beside #: croniter keeps the # days"),
        Row("0 0 * * *,SAT#3", "UTC", "2024-01-15T00:00:00Z", next: "2024-01-20T00:00:00Z", previous: "2023-12-16T00:00:00Z", "* beside #: croniter keeps the # days"),
        Row("0 0 ? * 1", "UTC", "2024-01-15T00:00:00Z", next: "2024-01-22T00:00:00Z", previous: "2024-01-08T00:00:00Z", "? in day-of-month"),
        Row("0 0 1 * ?", "UTC", "2024-01-15T00:00:00Z", next: "2024-02-01T00:00:00Z", previous: "2024-01-01T00:00:00Z", "? in day-of-week"),
        Row("0 0 ? * ?", "UTC", "2024-01-15T00:00:00Z", next: "2024-01-16T00:00:00Z", previous: "2024-01-14T00:00:00Z", "? in both"),
        Row("0 9 * * SAT-TUE", "UTC", "2024-06-05T00:00:00Z", next: "2024-06-08T09:00:00Z", previous: "2024-06-04T09:00:00Z", "wrapping weekday range"),
        Row("0 0 * * 5-1", "UTC", "2024-06-11T00:00:00Z", next: "2024-06-14T00:00:00Z", previous: "2024-06-10T00:00:00Z", "wrapping numeric weekday range"),
        Row("0 22-2 * * *", "UTC", "2024-01-01T02:30:00Z", next: "2024-01-01T22:00:00Z", previous: "2024-01-01T02:00:00Z", "wrapping hour range"),
        Row("0 0 1-30,L * */2", "UTC", "2024-01-15T00:00:00Z", next: "2024-01-16T00:00:00Z", previous: "2024-01-14T00:00:00Z", "1-30,L is every day, so croniter reads it as *"),
        Row("30 2 * 3 L0", "Europe/Berlin", "2021-03-01T00:00:00Z", next: "2021-03-28T01:30:00Z", previous: "2020-03-29T01:30:00Z", "last Sunday of March is the spring-forward day: 02:30 moves to 03:30 CEST"),
        Row("30 2 * 10 L0", "Europe/Berlin", "2021-10-01T00:00:00Z", next: "2021-10-31T01:30:00Z", previous: "2020-10-25T01:30:00Z", "last Sunday of October is the fall-back day: the second 02:30"),
        Row("0 0 L * *", "Europe/Berlin", "2021-03-15T00:00:00Z", next: "2021-03-30T22:00:00Z", previous: "2021-02-27T23:00:00Z", "last day in Berlin, after the change"),
        Row("0 3 * * SUN#5", "Europe/Berlin", "2021-03-01T00:00:00Z", next: "2021-05-30T01:00:00Z", previous: "2021-01-31T02:00:00Z", "fifth Sunday in Berlin on the DST day"),
    ]

    func testNextAndPreviousMatchCroniterForEveryExtensionRow() throws {
        try ScheduleTestSupport.assertTicks(Self.rows)
    }

    /// croniter's ticks of `0 0 * * L5` from 2024-01-01: the last Friday of every month.
    static let lastFridays = ["2024-01-26T00:00:00Z", "2024-02-23T00:00:00Z", "2024-03-29T00:00:00Z", "2024-04-26T00:00:00Z", "2024-05-31T00:00:00Z", "2024-06-28T00:00:00Z", "2024-07-26T00:00:00Z", "2024-08-30T00:00:00Z", "2024-09-27T00:00:00Z", "2024-10-25T00:00:00Z", "2024-11-29T00:00:00Z", "2024-12-27T00:00:00Z", "2025-01-31T00:00:00Z"]

    func testLastFridayTicksThroughAWholeYearAsCroniterDoes() throws {
        let cron = try CronExpression(parsing: "0 0 * * L5")
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        var date = try ScheduleTestSupport.date("2024-01-01T00:00:00Z")
        var ticks: [String] = []
        for _ in Self.lastFridays {
            guard let next = cron.next(after: date, in: utc) else { break }
            ticks.append(ScheduleTestSupport.iso(next))
            date = next
        }
        XCTAssertEqual(ticks, Self.lastFridays)
    }

    /// Both timetables run on the extended ticks: month ends in Berlin (CET midnight is 23:00 UTC).
    /// Interval: each run covers one tick to the next, `logical_date` = its start (Airflow's
    /// CronDataIntervalTimetable); trigger: a run at each tick with `logical_date` = the tick.
    func testBothTimetablesRunOnLastDaysOfTheMonthInBerlin() throws {
        let berlin = try XCTUnwrap(TimeZone(identifier: "Europe/Berlin"))
        let start = try ScheduleTestSupport.date("2024-01-15T00:00:00Z")
        let ends = ["2024-01-30T23:00:00Z", "2024-02-28T23:00:00Z", "2024-03-30T23:00:00Z", "2024-04-29T22:00:00Z"]
        let interval = try Timetable(schedule: "0 0 L * *", kind: .interval, timeZone: berlin)
        let intervalRuns = interval.runs(startDate: start, endDate: nil, count: 3)
        XCTAssertEqual(intervalRuns.map { ScheduleTestSupport.iso($0.dataIntervalStart) }, Array(ends[0..<3]))
        XCTAssertEqual(intervalRuns.map { ScheduleTestSupport.iso($0.dataIntervalEnd) }, Array(ends[1..<4]))
        XCTAssertEqual(intervalRuns.map(\.logicalDate), intervalRuns.map(\.dataIntervalStart))
        let trigger = try Timetable(schedule: "0 0 L * *", kind: .trigger, timeZone: berlin)
        let triggerRuns = trigger.runs(startDate: start, endDate: nil, count: 4)
        XCTAssertEqual(triggerRuns.map { ScheduleTestSupport.iso($0.logicalDate) }, ends)
    }

    /// Forms croniter rejects (each checked against croniter 7.0.0) are errors at the offending part.
    static let errors: [(text: String, offset: Int, message: String)] = [
        ("L * * * *", 0, "minute field 'L' uses 'L' (last), which only the day-of-month and day-of-week fields accept"),
        ("0 L * * *", 2, "hour field 'L' uses 'L' (last), which only the day-of-month and day-of-week fields accept"),
        ("0 0 * L *", 6, "month field 'L' uses 'L' (last), which only the day-of-month and day-of-week fields accept"),
        ("0 0 * * 8#1", 8, "day-of-week field '8' is out of range 0-7"),
        ("0 0 * * 1#6", 10, "day-of-week field '1#6' asks for occurrence '6'; '#' takes 1-5 (FRI#3 is the third Friday of the month)"),
        ("0 0 * * 1#0", 10, "day-of-week field '1#0' asks for occurrence '0'; '#' takes 1-5 (FRI#3 is the third Friday of the month)"),
        ("0 0 * * 5L", 8, "day-of-week field '5L' is not croniter's form; write the last such weekday of the month as 'L5' (L5 is the last Friday)"),
        ("0 0 * * FRIL", 8, "day-of-week field 'FRIL' is not croniter's form; write the last such weekday of the month as 'L5' (L5 is the last Friday)"),
        ("0 0 * * L", 8, "day-of-week field 'L' is not a valid use of 'L'; write 'L' and a day number 0-7 (L5 is the last Friday of the month)"),
        ("0 0 * * L8", 9, "day-of-week field '8' is out of range 0-7"),
        ("0 0 L-2 * *", 4, "day-of-month field 'L' is not a valid use of 'L'; 'L' (the last day) stands alone, in a list or at the end of a range (10-L)"),
        ("0 0 L/2 * *", 4, "day-of-month field 'L/2' puts a step on 'L'; 'L' (the last day) stands alone, in a list or at the end of a range (1-L/2)"),
        ("0 0 15 * 1#1", 4, "day-of-month field '15' never falls on a day of day-of-week field '1#1' in the months of month field '*'; with '#' or 'L' in day-of-week croniter needs both, so the schedule would never run"),
        ("0 0 L * 1#1", 4, "day-of-month field 'L' never falls on a day of day-of-week field '1#1' in the months of month field '*'; with '#' or 'L' in day-of-week croniter needs both, so the schedule would never run"),
        ("0 0 * * 1#1,3", 8, "day-of-week field '1#1,3' mixes '#' or 'L' items with other weekdays, which croniter does not accept; list only items such as 1#1,L5"),
        ("0 0 * * L5/2", 8, "day-of-week field 'L5/2' puts a step on a '#' or 'L' item, which croniter does not accept"),
        ("? 0 * * *", 0, "minute field '?' uses '?', which croniter accepts only as the whole day-of-month or day-of-week field"),
        ("0 0 ?/2 * *", 4, "day-of-month field '?/2' uses '?', which croniter accepts only as the whole day-of-month or day-of-week field"),
        ("0 0 1,? * *", 6, "day-of-month field '1,?' uses '?', which croniter accepts only as the whole day-of-month or day-of-week field"),
        ("0 0 JUL * *", 4, "day-of-month field 'JUL' is not a number"),
        ("0 0 * * *,1,SAT#3", 8, "day-of-week field '*,1,SAT#3' mixes '#' or 'L' items with other weekdays, which croniter does not accept; list only items such as 1#1,L5"),
        ("0 0 * * 1-5#1", 8, "day-of-week field '1-5' is a range of numbers before '#', which croniter does not accept; write it with day names (MON-FRI#1)"),
        ("0 0 * * MON-5#1", 8, "day-of-week field 'MON-5' is a range of numbers before '#', which croniter does not accept; write it with day names (MON-FRI#1)"),
        ("0 0 * * 1#1#2", 8, "day-of-week field '1#1#2' is not a valid '#' item; write a weekday, '#' and 1-5 (FRI#3 is the third Friday)"),
    ]

    func testFormsCroniterRejectsAreErrorsAtTheirOffset() {
        ScheduleTestSupport.assertErrors(Self.errors)
    }
}
