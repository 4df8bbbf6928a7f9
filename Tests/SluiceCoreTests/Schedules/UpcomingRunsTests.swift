import Foundation
import SluiceCore
import XCTest

/// `dags next-runs` without `--from`: the runs still to come at `now` (run_after later than now).
final class UpcomingRunsTests: XCTestCase {
    private let utc = TimeZone(secondsFromGMT: 0)!

    private func at(_ text: String) -> Date { DateText.parse(text, in: utc)! }
    private func logical(_ runs: [DagRunInfo]) -> [String] { runs.map { DateText.iso($0.logicalDate) } }

    func testUpcomingRunsStartWithTheIntervalInProgressNotAtStartDate() throws {
        let daily = try Timetable(schedule: "@daily", kind: .interval, timeZone: utc)
        let runs = daily.upcomingRuns(at: at("2026-12-03T10:00"), startDate: at("2026-01-01"), endDate: nil, count: 2)
        XCTAssertEqual(logical(runs), ["2026-12-03T00:00:00+00:00", "2026-12-04T00:00:00+00:00"])
        XCTAssertEqual(runs.first?.runAfter, at("2026-12-04"))
    }

    func testATriggerTimetableGivesTheNextTicks() throws {
        let daily = try Timetable(schedule: "0 6 * * *", kind: .trigger, timeZone: utc)
        let runs = daily.upcomingRuns(at: at("2026-12-03T10:00"), startDate: at("2026-01-01"), endDate: nil, count: 2)
        XCTAssertEqual(logical(runs), ["2026-12-04T06:00:00+00:00", "2026-12-05T06:00:00+00:00"])
    }

    func testAFutureStartDateComesFirstAndAPastEndDateLeavesNone() throws {
        let daily = try Timetable(schedule: "@daily", kind: .interval, timeZone: utc)
        let later = daily.upcomingRuns(at: at("2026-12-03T10:00"), startDate: at("2027-01-10"), endDate: nil, count: 1)
        XCTAssertEqual(logical(later), ["2027-01-10T00:00:00+00:00"])
        XCTAssertEqual(daily.upcomingRuns(at: at("2026-12-03T10:00"), startDate: at("2026-01-01"), endDate: at("2026-06-01"), count: 3).count, 0)
    }
}
