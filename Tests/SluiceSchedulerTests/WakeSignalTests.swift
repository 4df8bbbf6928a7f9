@testable import SluiceScheduler
import XCTest

/// The scheduler's wake: a run this process ended is urgent, another process's change heard through the store
/// is relaxed; a wake is never lost, and a relaxed one does not end a wait for an urgent one.
final class WakeSignalTests: XCTestCase {
    func testAWakeBeforeTheWaitEndsItAtOnceWithTheMostUrgentWakeThatCame() async {
        let wake = WakeSignal()
        wake.signal(.relaxed)
        wake.signal(.urgent)
        wake.signal(.relaxed)
        let first = await wake.wait()
        XCTAssertEqual(first, .urgent)
    }

    func testARelaxedWakeDoesNotEndAWaitForAnUrgentOneAndIsKeptForTheNextWait() async {
        let wake = WakeSignal()
        wake.signal(.relaxed)
        let waiting = Task { await wake.wait(atLeast: .urgent) }
        wake.signal(.relaxed)
        wake.signal(.urgent)
        let ended = await waiting.value
        XCTAssertEqual(ended, .urgent, "only the urgent wake ends the wait")
        wake.signal(.relaxed)
        let next = await wake.wait()
        XCTAssertEqual(next, .relaxed)
    }

    func testARelaxedWakeEndsAnOrdinaryWait() async {
        let wake = WakeSignal()
        let waiting = Task { await wake.wait() }
        wake.signal(.relaxed)
        let ended = await waiting.value
        XCTAssertEqual(ended, .relaxed)
    }

    func testABoundedWaitEndsWithoutAWakeWhenItsTimeRunsOutAndKeepsALessUrgentOne() async {
        let wake = WakeSignal()
        wake.signal(.relaxed)
        let ended = await wake.wait(atLeast: .urgent, upTo: .milliseconds(10))
        XCTAssertNil(ended, "the relaxed wake does not end a wait for an urgent one")
        let next = await wake.wait(upTo: .seconds(30))
        XCTAssertEqual(next, .relaxed, "it is kept for the next wait")
    }

    func testCancellingTheWaitEndsItWithoutAWake() async {
        let wake = WakeSignal()
        let waiting = Task { await wake.wait(atLeast: .urgent) }
        waiting.cancel()
        let ended = await waiting.value
        XCTAssertNil(ended)
    }
}
