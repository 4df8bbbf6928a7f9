import Foundation
import XCTest
@testable import SluiceCore

/// Replays `shared/conformance/airflow_schedules.json`: the first runs Airflow 3.3.2's own
/// timetables created for 50 DAGs around the 2021 DST changes. Every run must match exactly.
final class AirflowScheduleConformanceTests: XCTestCase {
    struct Case: Decodable {
        let schedule: String
        let timetable: String
        let timezone: String
        let start_date: String
        let catchup: Bool
        let runs: [Run]

        var label: String { "\(schedule) [\(timetable)] \(timezone) start \(start_date) catchup \(catchup)" }
    }

    struct Run: Decodable {
        let logical_date: String
        let data_interval_start: String
        let data_interval_end: String
        let run_after: String
    }

    /// `SLUICE_SHARED_DIR`, else the `shared/` folder beside the package root (or beside one of its
    /// ancestors, for worktrees).
    static func sharedDirectory() -> URL? {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["SLUICE_SHARED_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var directory = URL(fileURLWithPath: #filePath)  // .../Tests/SluiceCoreTests/Schedules/<file>
        for _ in 0..<4 { directory.deleteLastPathComponent() }  // package root
        while directory.path != "/" {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("shared")
            if fileManager.fileExists(atPath: candidate.appendingPathComponent("conformance").path) {
                return candidate
            }
        }
        return nil
    }

    let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }()

    func date(_ text: String) throws -> Date {
        guard let date = formatter.date(from: text) else {
            throw ScheduleError(offset: 0, message: "bad date in conformance file: \(text)")
        }
        return date
    }

    func iso(_ date: Date) -> String { formatter.string(from: date) }

    func describe(_ run: DagRunInfo) -> String {
        "logical \(iso(run.logicalDate)) interval [\(iso(run.dataIntervalStart)), \(iso(run.dataIntervalEnd))] run_after \(iso(run.runAfter))"
    }

    func expected(_ run: Run) throws -> DagRunInfo {
        DagRunInfo(
            logicalDate: try date(run.logical_date),
            dataIntervalStart: try date(run.data_interval_start),
            dataIntervalEnd: try date(run.data_interval_end),
            runAfter: try date(run.run_after)
        )
    }

    func makeTimetable(_ testCase: Case) throws -> Timetable {
        let kind = try XCTUnwrap(TimetableKind(rawValue: testCase.timetable), testCase.label)
        let zone = try XCTUnwrap(TimeZone(identifier: testCase.timezone), testCase.label)
        return try Timetable(schedule: testCase.schedule, kind: kind, timeZone: zone)
    }

    func loadCasesOrFail() throws -> [Case] {
        guard let shared = Self.sharedDirectory() else {
            XCTFail("shared/conformance not found; set SLUICE_SHARED_DIR to the shared folder")
            return []
        }
        let data = try Data(contentsOf: shared.appendingPathComponent("conformance/airflow_schedules.json"))
        let cases = try JSONDecoder().decode([Case].self, from: data)
        XCTAssertEqual(cases.count, 50, "the conformance file should describe 50 DAGs")
        return cases
    }

    func testRunsFromStartDateMatchAirflowForEveryConformanceCase() throws {
        var checked = 0
        for testCase in try loadCasesOrFail() {
            let timetable = try makeTimetable(testCase)
            let start = try date(testCase.start_date)
            let runs = timetable.runs(startDate: start, endDate: nil, count: testCase.runs.count)
            XCTAssertEqual(runs.count, testCase.runs.count, testCase.label)
            for (index, run) in testCase.runs.enumerated() where index < runs.count {
                let want = try expected(run)
                if runs[index] != want {
                    XCTFail("\(testCase.label) run \(index): expected \(describe(want)), got \(describe(runs[index]))")
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 500)
    }

    func testNextRunChainedFromNothingMatchesAirflowForEveryConformanceCase() throws {
        var checked = 0
        for testCase in try loadCasesOrFail() {
            let timetable = try makeTimetable(testCase)
            let start = try date(testCase.start_date)
            var last: DagRunInfo?
            for (index, run) in testCase.runs.enumerated() {
                let want = try expected(run)
                // `now` is far in the future: with catchup every run is due.
                let next = timetable.nextRun(
                    after: last, startDate: start, endDate: nil, catchup: testCase.catchup,
                    now: Date(timeIntervalSince1970: 4_000_000_000)
                )
                guard let next else {
                    XCTFail("\(testCase.label) run \(index): expected \(describe(want)), got no run")
                    break
                }
                if next != want {
                    XCTFail("\(testCase.label) run \(index): expected \(describe(want)), got \(describe(next))")
                }
                last = next
                checked += 1
            }
        }
        XCTAssertEqual(checked, 500)
    }

    func testLogicalDateRangeReproducesTheConformanceRuns() throws {
        for testCase in try loadCasesOrFail() {
            let timetable = try makeTimetable(testCase)
            let wanted = try testCase.runs.map(expected)
            guard let first = wanted.first, let last = wanted.last else { continue }
            let runs = timetable.runs(logicalDatesFrom: first.logicalDate, through: last.logicalDate)
            XCTAssertEqual(runs, wanted, testCase.label)
        }
    }
}
