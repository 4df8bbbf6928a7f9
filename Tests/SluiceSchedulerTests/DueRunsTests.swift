import Foundation
import SluiceCore
import SluiceScheduler
import XCTest

/// Which scheduled runs a DAG gets at a given time: catchup, max_active_runs, end_date.
final class DueRunsTests: XCTestCase {
    let utc = TimeZone(identifier: "UTC")!

    private func day(_ text: String) -> Date { DateText.parse(text, in: utc)! }

    private func dag(catchup: Bool, maxActiveRuns: Int = 16, end: String? = nil) throws -> Dag {
        Dag(dagId: "d", schedule: "@daily", timetable: try Timetable(schedule: "@daily", kind: .interval, timeZone: utc),
            timeZone: utc, startDate: day("2026-01-01"), endDate: end.map(day), catchup: catchup, maxActiveRuns: maxActiveRuns,
            tasks: [TaskSpec(taskId: "t", type: .empty)], fileURL: URL(fileURLWithPath: "/d.yaml"), projectRoot: URL(fileURLWithPath: "/"))
    }

    func testCatchupCreatesEveryCompleteIntervalUpToMaxActiveRuns() throws {
        let now = day("2026-01-05T12:00")
        let due = DueRuns.due(for: try dag(catchup: true, maxActiveRuns: 3), last: nil, unfinished: 0, now: now)
        XCTAssertEqual(due.map { DateText.iso($0.logicalDate) }, ["2026-01-01T00:00:00+00:00", "2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00"])
        let more = DueRuns.due(for: try dag(catchup: true, maxActiveRuns: 3), last: due.last, unfinished: 2, now: now)
        XCTAssertEqual(more.map { DateText.iso($0.logicalDate) }, ["2026-01-04T00:00:00+00:00"], "one slot left of three")
    }

    func testWithoutCatchupOnlyTheLatestCompleteIntervalRuns() throws {
        let due = DueRuns.due(for: try dag(catchup: false), last: nil, unfinished: 0, now: day("2026-01-05T12:00"))
        XCTAssertEqual(due.map { DateText.iso($0.logicalDate) }, ["2026-01-04T00:00:00+00:00"])
        XCTAssertEqual(DueRuns.nextDue(for: try dag(catchup: false), last: due.last, now: day("2026-01-05T12:00")), day("2026-01-06"))
    }

    func testNothingIsDueBeforeTheIntervalEndsOrAfterEndDate() throws {
        XCTAssertEqual(DueRuns.due(for: try dag(catchup: true), last: nil, unfinished: 0, now: day("2026-01-01T23:59")).count, 0)
        let ended = try dag(catchup: true, end: "2026-01-02")
        let due = DueRuns.due(for: ended, last: nil, unfinished: 0, now: day("2026-02-01"))
        XCTAssertEqual(due.map { DateText.iso($0.logicalDate) }, ["2026-01-01T00:00:00+00:00", "2026-01-02T00:00:00+00:00"])
    }

    func testTheSchedulerExecutesQueuedRunsOfEveryTypeAndLeavesRunningBackfillsToTheirProcess() {
        func run(_ type: RunType, _ state: RunState) -> DagRun {
            DagRun(dagId: "d", runType: type, logicalDate: day("2026-01-01"), dataIntervalStart: day("2026-01-01"), dataIntervalEnd: day("2026-01-02"), state: state)
        }
        for type in [RunType.scheduled, .manual, .backfill] {
            XCTAssertTrue(DueRuns.isExecutedByScheduler(run(type, .queued)), "a queued \(type.rawValue) run (e.g. cleared) runs again")
            XCTAssertFalse(DueRuns.isExecutedByScheduler(run(type, .success)))
            XCTAssertFalse(DueRuns.isExecutedByScheduler(run(type, .failed)))
        }
        XCTAssertTrue(DueRuns.isExecutedByScheduler(run(.scheduled, .running)))
        XCTAssertTrue(DueRuns.isExecutedByScheduler(run(.manual, .running)))
        XCTAssertFalse(DueRuns.isExecutedByScheduler(run(.backfill, .running)), "its dags backfill process executes it")
    }
}
