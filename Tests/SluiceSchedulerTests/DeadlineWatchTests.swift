import Foundation
import SluiceCore
import SluiceScheduler
import XCTest

/// Which unfinished runs have missed their DAG's `deadline:`, once each, and when the scheduler must
/// wake up for the next one: the rule, without a store or a clock.
final class DeadlineWatchTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    private func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    /// A run whose data interval ends `intervalEnd` seconds after `start`.
    private func run(_ dagId: String, _ id: String, intervalEnd: TimeInterval = 0, state: RunState = .running, type: RunType = .manual) -> DagRun {
        DagRun(dagId: dagId, runId: id, runType: type, logicalDate: at(intervalEnd - 3_600), dataIntervalStart: at(intervalEnd - 3_600),
               dataIntervalEnd: at(intervalEnd), state: state)
    }

    private func deadlines(_ table: [String: TimeInterval]) -> (String) -> TimeInterval? { { table[$0] } }

    func testARunIsLateOnceTheEndOfItsDataIntervalPlusTheDeadlineHasPassed() {
        var watch = DeadlineWatch()
        watch.watch([run("d", "r1")], deadline: deadlines(["d": 5]))
        // Table: the moment looked at -> whether the run is due.
        let rows: [(TimeInterval, Bool)] = [(-10, false), (0, false), (4.999, false), (5, true), (3_600, true)]
        for (seconds, late) in rows {
            XCTAssertEqual(watch.due(now: at(seconds)).map(\.run.runId), late ? ["r1"] : [], "at +\(seconds) s")
        }
        XCTAssertEqual(watch.due(now: at(6)).first?.deadline, at(5), "the moment it became late")
    }

    func testALateRunIsDueOnlyUntilItsNotificationIsWritten() {
        var watch = DeadlineWatch()
        let late = run("d", "r1")
        watch.watch([late], deadline: deadlines(["d": 5]))
        let due = watch.due(now: at(10))
        XCTAssertEqual(due.count, 1)
        watch.markWritten(due)
        XCTAssertEqual(watch.due(now: at(10)), [])
        // The next tick reads the same unfinished run from the store again: still nothing to write.
        watch.watch([late], deadline: deadlines(["d": 5]))
        XCTAssertEqual(watch.due(now: at(20)), [])
        XCTAssertNil(watch.nextDeadline(after: at(20)))
    }

    func testRunsWithoutADeadlineOrFinishedOrOfAnUnknownDagAreNeverLate() {
        var watch = DeadlineWatch()
        watch.watch([run("none", "r1"), run("d", "done", state: .success), run("d", "broke", state: .failed), run("gone", "r2")],
                    deadline: deadlines(["d": 5]))
        XCTAssertEqual(watch.due(now: at(1_000_000)), [])
        XCTAssertNil(watch.nextDeadline(after: at(0)))
    }

    func testARunThatFinishesBeforeItsDeadlineIsNotLate() {
        var watch = DeadlineWatch()
        let r = run("d", "r1")
        watch.watch([r], deadline: deadlines(["d": 5]))
        XCTAssertEqual(watch.due(now: at(3)), [])
        XCTAssertEqual(watch.nextDeadline(after: at(3)), at(5))
        // At the wake-up the store no longer lists it among the unfinished runs.
        watch.watch([], deadline: deadlines(["d": 5]))
        XCTAssertEqual(watch.due(now: at(5)), [])
        XCTAssertNil(watch.nextDeadline(after: at(5)))
    }

    func testQueuedRunsOfEveryTypeCountAndTheirCurrentStateIsKept() {
        var watch = DeadlineWatch()
        watch.watch([run("d", "q", state: .queued, type: .scheduled), run("d", "b", state: .running, type: .backfill)],
                    deadline: deadlines(["d": 60]))
        let due = watch.due(now: at(60))
        XCTAssertEqual(Set(due.map { "\($0.run.runId) \($0.run.state.rawValue)" }), ["q queued", "b running"])
    }

    func testTheNextDeadlineIsTheEarliestOneStillAhead() {
        var watch = DeadlineWatch()
        watch.watch([run("a", "r1", intervalEnd: 100), run("b", "r2", intervalEnd: 0), run("a", "r3", intervalEnd: 0)],
                    deadline: deadlines(["a": 10, "b": 30]))
        // Deadlines: r1 at +110, r2 at +30, r3 at +10.
        XCTAssertEqual(watch.nextDeadline(after: at(0)), at(10))
        XCTAssertEqual(watch.nextDeadline(after: at(10)), at(30), "one already due wakes nobody: it is written in this tick")
        XCTAssertEqual(watch.nextDeadline(after: at(50)), at(110))
        XCTAssertNil(watch.nextDeadline(after: at(110)))
    }

    func testAWrittenRunIsForgottenOnceItLeavesTheUnfinishedRunsAndIsDueAgainWhenClearedAndStillLate() {
        var watch = DeadlineWatch()
        let r = run("d", "r1")
        watch.watch([r], deadline: deadlines(["d": 5]))
        watch.markWritten(watch.due(now: at(10)))
        // While it stays unfinished it is remembered; once it leaves the unfinished runs memory is freed,
        // and the outbox's event id keeps a second write (a cleared run late again) to one notification.
        watch.watch([], deadline: deadlines(["d": 5]))
        watch.watch([r], deadline: deadlines(["d": 5]))
        XCTAssertEqual(watch.due(now: at(10)).map(\.run.runId), ["r1"])
    }

    func testADeadlineChangedInTheDagFileAppliesAtTheNextLook() {
        var watch = DeadlineWatch()
        let r = run("d", "r1")
        watch.watch([r], deadline: deadlines(["d": 3_600]))
        XCTAssertEqual(watch.due(now: at(60)), [])
        watch.watch([r], deadline: deadlines(["d": 30]))
        XCTAssertEqual(watch.due(now: at(60)).map(\.deadline), [at(30)])
    }
}
