import Foundation
import SluiceCore
import SluiceScheduler
import XCTest

/// When `dags trigger --wait` stops waiting and why: the rule over what the follower observed.
final class RunWaitTests: XCTestCase {
    private func seen(_ state: RunState, scheduler: Bool = true, paused: Bool = false, loads: Bool = true, problems: [String] = []) -> RunWait.Observation {
        let at = Date(timeIntervalSince1970: 1_767_225_600)
        let run = DagRun(dagId: "d", runType: .manual, logicalDate: at, dataIntervalStart: at, dataIntervalEnd: at, state: state)
        return RunWait.Observation(run: run, schedulerRunning: scheduler, home: "/p/.sluice", isPaused: paused, dagLoads: loads, problems: problems)
    }

    func testARunThatCanProgressOrHasFinishedHasNoBlocker() {
        XCTAssertNil(RunWait.blocker(seen(.queued)))
        XCTAssertNil(RunWait.blocker(seen(.running)))
        XCTAssertNil(RunWait.blocker(seen(.failed, scheduler: false, paused: true, loads: false)))
    }

    func testWithoutASchedulerNothingProgressesWhateverTheRunsState() {
        XCTAssertEqual(RunWait.blocker(seen(.running, scheduler: false)), .schedulerStopped(home: "/p/.sluice", runId: "manual__2026-01-01T00:00:00+00:00", state: .running))
        XCTAssertEqual(RunWait.blocker(seen(.queued, scheduler: false)), .schedulerStopped(home: "/p/.sluice", runId: "manual__2026-01-01T00:00:00+00:00", state: .queued))
    }

    func testAQueuedRunOfAPausedOrBrokenDagIsBlockedWithTheReasonButARunningOneGoesOn() {
        let paused = RunWait.blocker(seen(.queued, paused: true))
        XCTAssertEqual(paused, .pausedWhileWaiting(dagId: "d", runId: "manual__2026-01-01T00:00:00+00:00"))
        XCTAssertTrue(String(describing: paused!).contains("sluice dags unpause d"))
        let broken = RunWait.blocker(seen(.queued, loads: false, problems: ["dags/d.yaml:3:1: unknown DAG key 'scheduel'"]))
        XCTAssertTrue(String(describing: broken!).contains("dags/d.yaml:3:1"), String(describing: broken!))
        let gone = RunWait.blocker(seen(.queued, loads: false))
        XCTAssertTrue(String(describing: gone!).contains("file is gone"), String(describing: gone!))
        XCTAssertNil(RunWait.blocker(seen(.running, paused: true, loads: false)))
    }
}
