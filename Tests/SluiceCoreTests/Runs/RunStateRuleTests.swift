import SluiceCore
import XCTest

final class RunStateRuleTests: XCTestCase {
    func testRunStateFollowsItsTasks() {
        let table: [([TaskState], RunState, UInt)] = [
            ([], .success, #line),
            ([.success], .success, #line),
            ([.success, .skipped], .success, #line),
            ([.skipped, .skipped], .success, #line),
            ([.success, .failed], .failed, #line),
            ([.upstreamFailed, .success], .failed, #line),
            ([.failed, .upstreamFailed, .skipped], .failed, #line),
            ([.success, .running], .running, #line),
            ([.failed, .running], .running, #line),
            ([.failed, .upForRetry], .running, #line),
            ([.none], .running, #line),
            ([.success, .scheduled], .running, #line),
            ([.queued, .success], .running, #line),
        ]
        for (tasks, expected, line) in table {
            XCTAssertEqual(RunStateRule.state(of: tasks), expected, "\(tasks)", line: line)
        }
    }
}
