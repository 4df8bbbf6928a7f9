import Foundation
import XCTest
@testable import SluiceCore

/// Catch-up, end dates, `@once`, null, manual triggers and backfill ranges of `Timetable`.
/// Expected values are what Airflow 3's timetables return for the same inputs.
final class TimetableTests: XCTestCase {
    let utc = TimeZone(identifier: "UTC")!
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    func date(_ text: String) throws -> Date { try ScheduleTestSupport.date(text) }
    func iso(_ date: Date) -> String { ScheduleTestSupport.iso(date) }
    func row(_ run: DagRunInfo?) -> [String]? {
        run.map { [iso($0.logicalDate), iso($0.dataIntervalStart), iso($0.dataIntervalEnd), iso($0.runAfter)] }
    }

    // MARK: catchup = false

    func testIntervalWithoutCatchupStartsAtTheLatestCompleteInterval() throws {
        let daily = try Timetable(schedule: "@daily", kind: .interval, timeZone: utc)
        let start = try date("2024-01-01T00:00:00Z")
        let expected = ["2024-06-09T00:00:00Z", "2024-06-09T00:00:00Z", "2024-06-10T00:00:00Z", "2024-06-10T00:00:00Z"]
        for now in ["2024-06-10T15:00:00Z", "2024-06-10T00:00:00Z"] {  // between ticks, and exactly on one
            let run = daily.nextRun(after: nil, startDate: start, endDate: nil, catchup: false, now: try date(now))
            XCTAssertEqual(row(run), expected, "now \(now)")
        }
        // An old last run does not bring the missed intervals back.
        let old = daily.run(forLogicalDate: try date("2024-01-05T00:00:00Z"))
        let next = daily.nextRun(after: old, startDate: start, endDate: nil, catchup: false, now: try date("2024-06-10T15:00:00Z"))
        XCTAssertEqual(row(next), expected)
    }

    func testIntervalWithoutCatchupWaitsForAFutureStartDate() throws {
        let daily = try Timetable(schedule: "0 0 * * *", kind: .interval, timeZone: utc)
        let run = daily.nextRun(
            after: nil, startDate: try date("2024-07-01T12:00:00Z"), endDate: nil, catchup: false,
            now: try date("2024-06-10T15:00:00Z")
        )
        XCTAssertEqual(row(run), ["2024-07-02T00:00:00Z", "2024-07-02T00:00:00Z", "2024-07-03T00:00:00Z", "2024-07-03T00:00:00Z"])
    }

    func testTriggerWithoutCatchupRunsTheLatestTickOnly() throws {
        let daily = try Timetable(schedule: "0 0 * * *", kind: .trigger, timeZone: utc)
        let start = try date("2024-01-01T00:00:00Z"), now = try date("2024-06-10T15:00:00Z")
        let expected = ["2024-06-10T00:00:00Z", "2024-06-10T00:00:00Z", "2024-06-10T00:00:00Z", "2024-06-10T00:00:00Z"]
        XCTAssertEqual(row(daily.nextRun(after: nil, startDate: start, endDate: nil, catchup: false, now: now)), expected)
        let old = daily.run(forLogicalDate: try date("2024-01-05T00:00:00Z"))
        XCTAssertEqual(row(daily.nextRun(after: old, startDate: start, endDate: nil, catchup: false, now: now)), expected)
    }

    func testTriggerWithoutStartDateRunsARecentTickOrWaitsForTheNext() throws {
        let daily = try Timetable(schedule: "0 0 * * *", kind: .trigger, timeZone: utc)
        // Within max(10% of a day, 5 minutes) of midnight: run midnight's tick now.
        let recent = daily.nextRun(after: nil, startDate: nil, endDate: nil, catchup: true, now: try date("2024-06-10T02:00:00Z"))
        XCTAssertEqual(recent.map { iso($0.logicalDate) }, "2024-06-10T00:00:00Z")
        let late = daily.nextRun(after: nil, startDate: nil, endDate: nil, catchup: true, now: try date("2024-06-10T05:00:00Z"))
        XCTAssertEqual(late.map { iso($0.logicalDate) }, "2024-06-11T00:00:00Z")
    }

    // MARK: end dates, @once, null

    func testEndDateStopsRunsForBothTimetables() throws {
        for kind in TimetableKind.allCases {
            let daily = try Timetable(schedule: "@daily", kind: kind, timeZone: utc)
            let runs = daily.runs(startDate: try date("2024-01-01T00:00:00Z"), endDate: try date("2024-01-05T00:00:00Z"), count: 100)
            XCTAssertEqual(runs.map { iso($0.logicalDate) }, (1...5).map { "2024-01-0\($0)T00:00:00Z" }, "\(kind)")
            let last = try XCTUnwrap(runs.last)
            XCTAssertNil(daily.nextRun(after: last, startDate: nil, endDate: try date("2024-01-05T00:00:00Z"), catchup: true, now: last.runAfter))
        }
    }

    func testOnceRunsOnceAtTheStartDate() throws {
        let once = try Timetable(schedule: "@once", kind: .interval, timeZone: berlin)
        let start = try date("2024-03-01T08:00:00Z"), now = try date("2024-06-01T00:00:00Z")
        let first = try XCTUnwrap(once.nextRun(after: nil, startDate: start, endDate: nil, catchup: false, now: now))
        XCTAssertEqual(row(first), Array(repeating: "2024-03-01T08:00:00Z", count: 4))
        XCTAssertNil(once.nextRun(after: first, startDate: start, endDate: nil, catchup: false, now: now))
        XCTAssertNil(once.nextRun(after: nil, startDate: start, endDate: try date("2024-02-01T00:00:00Z"), catchup: true, now: now))
        XCTAssertEqual(once.nextRun(after: nil, startDate: nil, endDate: nil, catchup: true, now: now)?.logicalDate, now)
        XCTAssertEqual(once.runs(startDate: start, endDate: nil, count: 10).count, 1)
        XCTAssertEqual(once.runs(logicalDatesFrom: start, through: now).map(\.logicalDate), [start])
        XCTAssertEqual(once.description, "@once")
        XCTAssertFalse(once.isManualOnly)
    }

    func testNullScheduleNeverRunsOnItsOwn() throws {
        for schedule in [nil, "none", "NULL", " null "] as [String?] {
            let manual = try Timetable(schedule: schedule, kind: .trigger, timeZone: utc)
            XCTAssertTrue(manual.isManualOnly, "\(schedule ?? "nil")")
            let start = try date("2024-01-01T00:00:00Z"), now = try date("2024-06-01T00:00:00Z")
            XCTAssertNil(manual.nextRun(after: nil, startDate: start, endDate: nil, catchup: true, now: now))
            XCTAssertNil(manual.nextWakeUp(after: nil, startDate: start, endDate: nil, catchup: true, now: now))
            XCTAssertEqual(manual.runs(startDate: start, endDate: nil, count: 5), [])
            XCTAssertEqual(manual.runs(logicalDatesFrom: start, through: now), [])
            XCTAssertEqual(row(manual.latestCompleteRun(at: now)), Array(repeating: "2024-06-01T00:00:00Z", count: 4))
            XCTAssertEqual(manual.description, "None (manual triggers only)")
        }
        XCTAssertFalse(try Timetable(schedule: "@daily", kind: .trigger, timeZone: utc).isManualOnly)
    }

    // MARK: manual triggers, logical dates, backfills

    func testManualTriggerGetsTheLatestCompleteInterval() throws {
        let interval = try Timetable(schedule: "0 0 * * *", kind: .interval, timeZone: berlin)
        let now = try date("2021-03-28T10:00:00Z")
        XCTAssertEqual(
            row(interval.latestCompleteRun(at: now)),
            ["2021-03-26T23:00:00Z", "2021-03-26T23:00:00Z", "2021-03-27T23:00:00Z", "2021-03-28T10:00:00Z"]
        )
        // Exactly on a tick: the interval that ends at that tick is complete.
        XCTAssertEqual(
            interval.latestCompleteRun(at: try date("2021-03-27T23:00:00Z")).map { iso($0.dataIntervalEnd) },
            "2021-03-27T23:00:00Z"
        )
        let trigger = try Timetable(schedule: "0 0 * * *", kind: .trigger, timeZone: berlin, triggerInterval: 3600)
        XCTAssertEqual(
            row(trigger.latestCompleteRun(at: now)),
            ["2021-03-27T23:00:00Z", "2021-03-27T22:00:00Z", "2021-03-27T23:00:00Z", "2021-03-28T10:00:00Z"]
        )
    }

    func testRunForLogicalDateGivesTheDataInterval() throws {
        let interval = try Timetable(schedule: "@daily", kind: .interval, timeZone: utc)
        XCTAssertEqual(
            row(interval.run(forLogicalDate: try date("2024-01-05T00:00:00Z"))),
            ["2024-01-05T00:00:00Z", "2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z", "2024-01-06T00:00:00Z"]
        )
        XCTAssertEqual(
            row(interval.run(forLogicalDate: try date("2024-01-05T12:00:00Z"))),
            ["2024-01-05T12:00:00Z", "2024-01-05T12:00:00Z", "2024-01-06T00:00:00Z", "2024-01-06T00:00:00Z"]
        )
        // A scheduled trigger run's logical date is its data interval's start (Airflow 3.3.2); a manual
        // run at a logical date gets the interval ending there (infer_manual_data_interval).
        let trigger = try Timetable(schedule: "@daily", kind: .trigger, timeZone: utc, triggerInterval: 86_400)
        XCTAssertEqual(
            row(trigger.run(forLogicalDate: try date("2024-01-05T00:00:00Z"))),
            ["2024-01-05T00:00:00Z", "2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z", "2024-01-06T00:00:00Z"]
        )
        XCTAssertEqual(
            row(trigger.manualRun(forLogicalDate: try date("2024-01-05T00:00:00Z"))),
            ["2024-01-05T00:00:00Z", "2024-01-04T00:00:00Z", "2024-01-05T00:00:00Z", "2024-01-05T00:00:00Z"]
        )
        XCTAssertEqual(
            trigger.runs(startDate: try date("2024-01-05T00:00:00Z"), endDate: nil, count: 2).map { row($0) },
            [["2024-01-04T00:00:00Z", "2024-01-04T00:00:00Z", "2024-01-05T00:00:00Z", "2024-01-05T00:00:00Z"],
             ["2024-01-05T00:00:00Z", "2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z", "2024-01-06T00:00:00Z"]]
        )
        let empty = try Timetable(schedule: "@daily", kind: .trigger, timeZone: utc)
        XCTAssertEqual(row(empty.run(forLogicalDate: try date("2024-01-05T00:00:00Z"))), Array(repeating: "2024-01-05T00:00:00Z", count: 4))
    }

    func testBackfillRangeCoversEveryLogicalDateAcrossTheSpringGap() throws {
        let trigger = try Timetable(schedule: "30 2 * * *", kind: .trigger, timeZone: berlin)
        let runs = trigger.runs(logicalDatesFrom: try date("2021-03-26T00:00:00Z"), through: try date("2021-03-30T23:00:00Z"))
        XCTAssertEqual(runs.map { iso($0.logicalDate) }, [
            "2021-03-26T01:30:00Z", "2021-03-27T01:30:00Z", "2021-03-28T01:30:00Z", "2021-03-29T00:30:00Z", "2021-03-30T00:30:00Z",
        ])
        let hourly = try Timetable(schedule: "0 * * * *", kind: .interval, timeZone: berlin)
        let hours = hourly.runs(logicalDatesFrom: try date("2021-03-28T00:00:00Z"), through: try date("2021-03-28T03:00:00Z"))
        XCTAssertEqual(hours.map { iso($0.logicalDate) }, ["2021-03-28T00:00:00Z", "2021-03-28T01:00:00Z", "2021-03-28T02:00:00Z", "2021-03-28T03:00:00Z"])
        XCTAssertEqual(hours.map { iso($0.dataIntervalEnd) }, ["2021-03-28T01:00:00Z", "2021-03-28T02:00:00Z", "2021-03-28T03:00:00Z", "2021-03-28T04:00:00Z"])
        XCTAssertEqual(hourly.runs(logicalDatesFrom: try date("2021-03-29T00:00:00Z"), through: try date("2021-03-28T00:00:00Z")), [])
    }

    func testWakeUpIsTheRunAfterOfTheNextRun() throws {
        let interval = try Timetable(schedule: "30 2 * * 1-5", kind: .interval, timeZone: berlin)
        let start = try date("2021-03-26T00:00:00Z")
        let wake = interval.nextWakeUp(after: nil, startDate: start, endDate: nil, catchup: true, now: start)
        // The first interval starts Friday 02:30 CET and ends Monday 02:30 CEST.
        XCTAssertEqual(wake.map(iso), "2021-03-29T00:30:00Z")
        XCTAssertEqual(interval.description, "30 2 * * 1-5 (Europe/Berlin)")
    }

    func testRunsAlwaysMoveForwardWhereAirflowWouldStall() throws {
        // Lord Howe Island shifts by 30 minutes; Airflow's hourly arithmetic proposes
        // [15:00, 15:30] and then falls back to [14:30, 15:00]. Sluice keeps going forward.
        let hourly = try Timetable(schedule: "0 * * * *", kind: .interval, timeZone: XCTUnwrap(TimeZone(identifier: "Australia/Lord_Howe")))
        let runs = hourly.runs(startDate: try date("2029-03-31T13:59:00Z"), endDate: nil, count: 6)
        XCTAssertEqual(runs.count, 6)
        XCTAssertEqual(runs.prefix(2).map { [iso($0.dataIntervalStart), iso($0.dataIntervalEnd)] }, [
            ["2029-03-31T14:00:00Z", "2029-03-31T15:00:00Z"], ["2029-03-31T15:00:00Z", "2029-03-31T15:30:00Z"],
        ])
        for (previous, next) in zip(runs, runs.dropFirst()) {
            XCTAssertGreaterThan(next.logicalDate, previous.logicalDate)
            XCTAssertGreaterThanOrEqual(next.dataIntervalStart, previous.dataIntervalEnd)
        }
    }

    func testRunInfoRoundTripsThroughCodable() throws {
        let run = try Timetable(schedule: "@daily", kind: .interval, timeZone: utc).run(forLogicalDate: try date("2024-01-05T00:00:00Z"))
        let decoded = try JSONDecoder().decode(DagRunInfo.self, from: JSONEncoder().encode(run))
        XCTAssertEqual(decoded, run)
        XCTAssertEqual(TimetableKind(rawValue: "trigger"), .trigger)
    }
}
