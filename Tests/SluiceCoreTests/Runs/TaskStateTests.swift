import SluiceCore
import XCTest

final class TaskStateTests: XCTestCase {
    func testRawValuesAreAirflowSnakeCaseAndFinishedStatesAreTerminal() {
        let table: [(TaskState, String, Bool)] = [
            (.none, "none", false),
            (.scheduled, "scheduled", false),
            (.queued, "queued", false),
            (.running, "running", false),
            (.success, "success", true),
            (.failed, "failed", true),
            (.upForRetry, "up_for_retry", false),
            (.upstreamFailed, "upstream_failed", true),
            (.skipped, "skipped", true),
        ]
        XCTAssertEqual(table.count, TaskState.allCases.count)
        for (state, raw, finished) in table {
            XCTAssertEqual(state.rawValue, raw)
            XCTAssertEqual(TaskState(rawValue: raw), state)
            XCTAssertEqual(state.isFinished, finished, "\(raw)")
        }
    }

    func testRunStateRawValues() {
        XCTAssertEqual(RunState.allCases.map(\.rawValue), ["queued", "running", "success", "failed"])
        XCTAssertEqual(RunState.allCases.filter(\.isFinished), [.success, .failed])
    }
}
