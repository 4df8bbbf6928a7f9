import Foundation
import SluiceCore
import XCTest

/// The pure decision of which tasks of a run may start, and which can never run.
final class RunPlannerTests: XCTestCase {
    // a -> b -> d, a -> c -> d, e independent
    let planner = RunPlanner(order: ["a", "b", "c", "d", "e"], upstream: ["b": ["a"], "c": ["a"], "d": ["b", "c"]])
    let now = Date(timeIntervalSince1970: 1_000_000)

    private func plan(_ states: [String: TaskState], retries: [String: Date] = [:]) -> RunPlanner.Plan {
        planner.plan(states: states, nextRetryAt: retries, now: now)
    }

    func testTasksWithoutUpstreamsAreReadyFirst() {
        XCTAssertEqual(plan([:]).ready, ["a", "e"])
    }

    func testATaskWaitsForEveryUpstreamToSucceed() {
        XCTAssertEqual(plan(["a": .success, "b": .success, "c": .running, "e": .success]).ready, [])
        XCTAssertEqual(plan(["a": .success, "b": .success, "c": .success, "e": .success]).ready, ["d"])
        XCTAssertEqual(plan(["a": .success, "b": .skipped, "c": .success, "e": .success]).ready, ["d"], "skipped counts as done")
    }

    func testAFailureMarksEveryTaskDownstreamUpstreamFailedInOnePass() {
        let p = plan(["a": .failed, "e": .success])
        XCTAssertEqual(p.upstreamFailed, ["b", "c", "d"])
        XCTAssertEqual(p.ready, [])
    }

    func testAFailedBranchDoesNotHoldUpAnIndependentTask() {
        let p = plan(["a": .success, "b": .failed, "c": .none])
        XCTAssertEqual(p.upstreamFailed, ["d"])
        XCTAssertEqual(p.ready, ["c", "e"])
    }

    func testARetryIsReadyOnlyOnceItIsDueAndTheEarliestPendingRetryIsReported() {
        let later = now.addingTimeInterval(30)
        let p = plan(["a": .upForRetry, "e": .upForRetry], retries: ["a": later, "e": now.addingTimeInterval(-1)])
        XCTAssertEqual(p.ready, ["e"])
        XCTAssertEqual(p.nextRetryAt, later)
    }

    func testRunningAndFinishedTasksAreNeverReadyAgain() {
        XCTAssertEqual(plan(["a": .running, "e": .success]).ready, [])
        XCTAssertEqual(plan(["a": .success, "b": .success, "c": .success, "d": .failed, "e": .upstreamFailed]).ready, [])
    }

    func testReadyTasksRotatedBeginAtTheOffsetAndWrapAroundKeepingEveryTask() {
        let ready = ["b", "c", "e"]
        XCTAssertEqual(planner.rotated(ready, startingAt: 0), ["b", "c", "e"])
        XCTAssertEqual(planner.rotated(ready, startingAt: 2), ["c", "e", "b"], "begins at c, the task at place 2")
        XCTAssertEqual(planner.rotated(ready, startingAt: 3), ["e", "b", "c"], "d is not ready: the next ready task after it")
        XCTAssertEqual(planner.rotated(ready, startingAt: 7), ["c", "e", "b"], "offsets wrap around the task count")
        XCTAssertEqual(planner.rotated(ready, startingAt: -1), ["e", "b", "c"], "a negative offset counts from the end")
        XCTAssertEqual(planner.rotated(["a"], startingAt: 3), ["a"])
        XCTAssertEqual(planner.rotated([], startingAt: 3), [])
    }

    func testTheMiddleOfTheWidestStretchOfReadyTasksIsWhereAProcessThatMetAnotherBegins() {
        let wide = RunPlanner(order: (0..<10).map { "t\($0)" }, upstream: [:])
        XCTAssertEqual(wide.middleOfWidestStretch(["t0", "t1", "t4", "t5", "t6", "t7", "t9"]), 6, "t4...t7 is the widest: its middle")
        XCTAssertEqual(wide.middleOfWidestStretch(["t3"]), 3)
        XCTAssertNil(wide.middleOfWidestStretch([]))
    }
}
