import Foundation
import XCTest
@testable import SluiceCore

/// Table-driven checks of `CronExpression.next(after:in:)` and `previous(before:in:)`. The expected
/// instants are what Airflow 3 (croniter on naive local time plus Airflow's DST rules) returns.
final class CronExpressionTests: XCTestCase {
    struct Row {
        let spec: String
        let zone: String
        let after: String
        let next: String
        let previous: String
        let note: String
        init(_ spec: String, _ zone: String, _ after: String, next: String, previous: String, _ note: String) {
            (self.spec, self.zone, self.after, self.next, self.previous, self.note) = (spec, zone, after, next, previous, note)
        }
    }

    static let rows: [Row] = [
        Row("0 9 * * MON-FRI", "UTC", "2024-06-07T09:00:00Z", next: "2024-06-10T09:00:00Z", previous: "2024-06-06T09:00:00Z", "names: weekdays skip the weekend"),
        Row("0 9 * * mon-fri", "UTC", "2024-06-08T12:00:00Z", next: "2024-06-10T09:00:00Z", previous: "2024-06-07T09:00:00Z", "names are case-insensitive"),
        Row("*/15 * * * *", "UTC", "2024-01-01T10:07:30Z", next: "2024-01-01T10:15:00Z", previous: "2024-01-01T10:00:00Z", "step from star"),
        Row("1-30/5 * * * *", "UTC", "2024-01-01T10:26:00Z", next: "2024-01-01T11:01:00Z", previous: "2024-01-01T10:21:00Z", "stepped range ends at 26 then wraps to the next hour"),
        Row("5/10 * * * *", "UTC", "2024-01-01T10:55:00Z", next: "2024-01-01T11:05:00Z", previous: "2024-01-01T10:45:00Z", "start/step runs to the end of the field"),
        Row("0 0 1 JAN-MAR *", "UTC", "2024-03-01T00:00:00Z", next: "2025-01-01T00:00:00Z", previous: "2024-02-01T00:00:00Z", "month name range"),
        Row("0 0 * * 7", "UTC", "2024-06-05T00:00:00Z", next: "2024-06-09T00:00:00Z", previous: "2024-06-02T00:00:00Z", "day-of-week 7 is Sunday"),
        Row("0 0 * * 0", "UTC", "2024-06-09T00:00:00Z", next: "2024-06-16T00:00:00Z", previous: "2024-06-02T00:00:00Z", "day-of-week 0 is Sunday"),
        Row("0 12 13 * FRI", "UTC", "2024-09-01T00:00:00Z", next: "2024-09-06T12:00:00Z", previous: "2024-08-30T12:00:00Z", "dom OR dow: the first Friday comes before the 13th"),
        Row("0 12 13 * FRI", "UTC", "2024-10-11T12:00:00Z", next: "2024-10-13T12:00:00Z", previous: "2024-10-04T12:00:00Z", "dom OR dow: the 13th (a Sunday) matches by day-of-month"),
        Row("0 0 29 2 *", "UTC", "2024-03-01T00:00:00Z", next: "2028-02-29T00:00:00Z", previous: "2024-02-29T00:00:00Z", "Feb 29 only in leap years"),
        Row("0 0 29 2 *", "UTC", "2096-03-01T00:00:00Z", next: "2104-02-29T00:00:00Z", previous: "2096-02-29T00:00:00Z", "2100 is not a leap year"),
        Row("0 0 31 * *", "UTC", "2024-01-31T00:00:00Z", next: "2024-03-31T00:00:00Z", previous: "2023-12-31T00:00:00Z", "the 31st skips short months"),
        Row("0 22-2 * * *", "UTC", "2024-01-01T02:00:00Z", next: "2024-01-01T22:00:00Z", previous: "2024-01-01T01:00:00Z", "hour range written backwards wraps midnight"),
        Row("0 0 * * FRI-MON", "UTC", "2024-06-10T00:00:00Z", next: "2024-06-14T00:00:00Z", previous: "2024-06-09T00:00:00Z", "day range written backwards wraps the week"),
        Row("0 0 1-31 * 1", "UTC", "2024-06-04T00:00:00Z", next: "2024-06-05T00:00:00Z", previous: "2024-06-03T00:00:00Z", "full day-of-month list OR Monday is every day (croniter)"),
        Row("0 0 * * 1-7", "UTC", "2024-06-04T00:00:00Z", next: "2024-06-05T00:00:00Z", previous: "2024-06-03T00:00:00Z", "1-7 is every day"),
        Row("0,30 9-17 * * 1-5", "UTC", "2024-06-07T17:30:00Z", next: "2024-06-10T09:00:00Z", previous: "2024-06-07T17:00:00Z", "lists and ranges together"),
        Row("@quarterly", "UTC", "2024-02-15T00:00:00Z", next: "2024-04-01T00:00:00Z", previous: "2024-01-01T00:00:00Z", "preset @quarterly"),
        Row("@weekly", "UTC", "2024-06-05T00:00:00Z", next: "2024-06-09T00:00:00Z", previous: "2024-06-02T00:00:00Z", "preset @weekly is Sunday midnight"),
        Row("@monthly", "UTC", "2024-02-15T00:00:00Z", next: "2024-03-01T00:00:00Z", previous: "2024-02-01T00:00:00Z", "preset @monthly"),
        Row("@yearly", "UTC", "2024-02-15T00:00:00Z", next: "2025-01-01T00:00:00Z", previous: "2024-01-01T00:00:00Z", "preset @yearly"),
        Row("@Daily", "UTC", "2024-02-15T10:00:00Z", next: "2024-02-16T00:00:00Z", previous: "2024-02-15T00:00:00Z", "presets are case-insensitive"),
        Row("@hourly", "UTC", "2024-02-15T10:00:00Z", next: "2024-02-15T11:00:00Z", previous: "2024-02-15T09:00:00Z", "preset @hourly"),
        Row("30 2 * * *", "Europe/Berlin", "2021-03-27T01:30:00Z", next: "2021-03-28T01:30:00Z", previous: "2021-03-26T01:30:00Z", "Berlin spring-forward: 02:30 does not exist, runs at 03:30 CEST"),
        Row("30 2 * * *", "Europe/Berlin", "2021-03-28T01:30:00Z", next: "2021-03-29T00:30:00Z", previous: "2021-03-28T01:30:00Z", "Berlin: after the moved run, back to 02:30 CEST; previous() of the moved run is itself"),
        Row("30 2 * * *", "Europe/Berlin", "2021-10-30T00:30:00Z", next: "2021-10-31T01:30:00Z", previous: "2021-10-29T00:30:00Z", "Berlin fall-back: repeated 02:30 runs at the second one (CET)"),
        Row("30 2 * * 1-5", "Europe/Berlin", "2021-03-26T01:30:00Z", next: "2021-03-29T00:30:00Z", previous: "2021-03-25T01:30:00Z", "Berlin weekdays across the spring weekend"),
        Row("30 * * * *", "Europe/Berlin", "2021-03-28T00:30:00Z", next: "2021-03-28T01:30:00Z", previous: "2021-03-27T23:30:00Z", "hourly keeps ticking hourly through spring-forward"),
        Row("30 * * * *", "Europe/Berlin", "2021-10-31T00:30:00Z", next: "2021-10-31T01:30:00Z", previous: "2021-10-30T23:30:00Z", "hourly runs in both 02:30s on fall-back day"),
        Row("30 * * * *", "Europe/Berlin", "2021-10-31T01:30:00Z", next: "2021-10-31T02:30:00Z", previous: "2021-10-31T00:30:00Z", "hourly after the second 02:30 goes on to 03:30"),
        Row("0 */2 * * *", "Europe/Berlin", "2021-10-30T23:00:00Z", next: "2021-10-31T01:00:00Z", previous: "2021-10-30T22:00:00Z", "every two hours (not every hour) lands on the second 02:00"),
        Row("*/15 * * * *", "Europe/Berlin", "2021-03-28T00:50:00Z", next: "2021-03-28T01:00:00Z", previous: "2021-03-28T00:45:00Z", "quarter-hourly over the spring gap"),
        Row("30 2 * * *", "America/New_York", "2021-03-13T12:00:00Z", next: "2021-03-14T07:30:00Z", previous: "2021-03-13T07:30:00Z", "New York spring-forward: 02:30 becomes 03:30 EDT"),
        Row("30 1 * * *", "America/New_York", "2021-11-06T12:00:00Z", next: "2021-11-07T06:30:00Z", previous: "2021-11-06T05:30:00Z", "New York fall-back: repeated 01:30 runs at the second one (EST)"),
        Row("*/15 * * * *", "America/New_York", "2021-11-07T05:50:00Z", next: "2021-11-07T06:00:00Z", previous: "2021-11-07T05:45:00Z", "quarter-hourly keeps its pace into the repeated hour"),
        Row("0 * * * *", "America/New_York", "2021-03-14T06:30:00Z", next: "2021-03-14T07:00:00Z", previous: "2021-03-14T06:00:00Z", "hourly over the New York gap"),
        Row("0 0 * * *", "America/New_York", "2021-11-07T04:00:00Z", next: "2021-11-08T05:00:00Z", previous: "2021-11-06T04:00:00Z", "the day of the fall-back change is 25 hours long"),
    ]

    func testNextAndPreviousFollowAirflowForEveryRow() throws {
        try ScheduleTestSupport.assertTicks(Self.rows)
    }

    func testNextIsStrictlyAfterAndChainsThroughAYearOfWeekdayRuns() throws {
        let cron = try CronExpression(parsing: "30 2 * * 1-5")
        let zone = try XCTUnwrap(TimeZone(identifier: "Europe/Berlin"))
        var date = try ScheduleTestSupport.date("2021-01-01T00:00:00Z")
        var count = 0
        while let next = cron.next(after: date, in: zone), next < (try ScheduleTestSupport.date("2022-01-01T00:00:00Z")) {
            XCTAssertGreaterThan(next, date)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.weekday, .hour, .minute], from: next)
            XCTAssertTrue((2...6).contains(parts.weekday ?? 0), "\(next) is not a weekday")
            // 02:30 local every weekday; 2021-03-28 (the only day without a 02:30) is a Sunday.
            XCTAssertEqual(parts.hour, 2, "\(next)")
            XCTAssertEqual(parts.minute, 30, "\(next)")
            date = next
            count += 1
        }
        XCTAssertEqual(count, 261)  // weekdays in 2021
    }

    func testPreviousUndoesNextOnOrdinaryDays() throws {
        let zone = try XCTUnwrap(TimeZone(identifier: "America/New_York"))
        for spec in ["*/7 3-5 * * *", "0 0 1,15 * *", "45 23 * * SAT", "0 12 13 * FRI"] {
            let cron = try CronExpression(parsing: spec)
            var date = try ScheduleTestSupport.date("2023-05-02T10:00:00Z")
            for _ in 0..<50 {
                let next = try XCTUnwrap(cron.next(after: date, in: zone), spec)
                XCTAssertEqual(cron.previous(before: next.addingTimeInterval(1), in: zone), next, spec)
                date = next
            }
        }
    }

    func testFractionalSecondsAreRespected() throws {
        let cron = try CronExpression(parsing: "* * * * *")
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        let date = try ScheduleTestSupport.date("2024-01-01T10:00:00Z").addingTimeInterval(0.5)
        XCTAssertEqual(cron.next(after: date, in: utc).map(ScheduleTestSupport.iso), "2024-01-01T10:01:00Z")
        XCTAssertEqual(cron.previous(before: date, in: utc).map(ScheduleTestSupport.iso), "2024-01-01T10:00:00Z")
    }

    func testHourFieldCoveringEveryHourFollowsCroniter() throws {
        XCTAssertTrue(try CronExpression(parsing: "0 * * * *").coversEveryHour)
        XCTAssertTrue(try CronExpression(parsing: "0 0-23 * * *").coversEveryHour)
        XCTAssertTrue(try CronExpression(parsing: "0 */1 * * *").coversEveryHour)
        XCTAssertFalse(try CronExpression(parsing: "0 */2 * * *").coversEveryHour)
        XCTAssertFalse(try CronExpression(parsing: "0 *,5 * * *").coversEveryHour)  // croniter keeps ['*', 5]
        XCTAssertTrue(try CronExpression(parsing: "0 21-19,* * * *").coversEveryHour)  // 23 values + '*'
    }

    func testEqualRangeMeansTheWholeFieldAsInCroniter() throws {
        let cron = try CronExpression(parsing: "0 0 * * MON-MON")
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        // 2024-06-04 is a Tuesday: with MON-MON read as the whole week the next run is the next day.
        XCTAssertEqual(
            cron.next(after: try ScheduleTestSupport.date("2024-06-04T00:00:00Z"), in: utc).map(ScheduleTestSupport.iso),
            "2024-06-05T00:00:00Z"
        )
    }

    func testBackwardSteppedRangeKeepsCroniterPhase() throws {
        let cron = try CronExpression(parsing: "50-10/15 * * * *")
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        var date = try ScheduleTestSupport.date("2024-01-01T09:59:00Z")
        var minutes: [Int] = []
        for _ in 0..<4 {
            date = try XCTUnwrap(cron.next(after: date, in: utc))
            minutes.append(Int(date.timeIntervalSince1970) / 60 % 60)
        }
        XCTAssertEqual(minutes, [6, 50, 6, 50])
    }

    func testPresetKeepsItsNameAsText() throws {
        let cron = try CronExpression(parsing: "@daily")
        XCTAssertEqual(cron.text, "@daily")
        XCTAssertEqual(cron.fields, try CronExpression(parsing: "0 0 * * *").fields)
    }
}
