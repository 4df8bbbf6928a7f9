import Foundation
import SluiceCore
import XCTest

final class RunTypeTests: XCTestCase {
    private func date(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: seconds) }

    func testRunIdsMatchAirflowFormat() {
        let cases: [(RunType, TimeInterval, String, UInt)] = [
            (.scheduled, 1_610_668_800, "scheduled__2021-01-15T00:00:00+00:00", #line),
            (.manual, 1_610_668_800 + 3661, "manual__2021-01-15T01:01:01+00:00", #line),
            (.backfill, 0, "backfill__1970-01-01T00:00:00+00:00", #line),
            (.scheduled, 951_782_400, "scheduled__2000-02-29T00:00:00+00:00", #line),
            (.scheduled, 1_709_251_199, "scheduled__2024-02-29T23:59:59+00:00", #line),
            (.manual, 1_610_668_800.25, "manual__2021-01-15T00:00:00.250000+00:00", #line),
            (.manual, 1_610_668_800.000001, "manual__2021-01-15T00:00:00.000001+00:00", #line),
            (.scheduled, -1, "scheduled__1969-12-31T23:59:59+00:00", #line),
            (.scheduled, 4_102_444_800, "scheduled__2100-01-01T00:00:00+00:00", #line),
        ]
        for (type, seconds, expected, line) in cases {
            XCTAssertEqual(type.runId(for: date(seconds)), expected, line: line)
        }
    }

    func testRunIdAgreesWithFoundationCalendarOverManyDays() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = date(-86_400 * 800)
        for _ in 0..<3000 {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            let expected = String(format: "%04d-%02d-%02dT00:00:00+00:00", parts.year!, parts.month!, parts.day!)
            XCTAssertEqual(RunIdDateFormat.string(from: day), expected)
            day += 86_400 * 17
        }
    }

    func testDagRunDefaultsRunIdAndRunAfterFromItsDates() {
        let run = DagRun(dagId: "etl", runType: .scheduled, logicalDate: date(1_610_668_800),
                         dataIntervalStart: date(1_610_668_800), dataIntervalEnd: date(1_610_755_200))
        XCTAssertEqual(run.runId, "scheduled__2021-01-15T00:00:00+00:00")
        XCTAssertEqual(run.runAfter, date(1_610_755_200))
        XCTAssertEqual(run.state, .queued)
        XCTAssertEqual(run.conf, "{}")
    }
}
