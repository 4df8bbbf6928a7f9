import SluiceCore
import XCTest

final class BackfillDecisionTests: XCTestCase {
    func testEachExistingStateAndReprocessModeGivesOneDecision() {
        let table: [(RunState?, BackfillDecision.Reprocess, BackfillDecision)] = [
            (nil, .none, .run), (nil, .all, .run),
            (.success, .none, .skip), (.success, .failed, .skip), (.success, .all, .rerun),
            (.failed, .none, .skip), (.failed, .failed, .rerun), (.failed, .all, .rerun),
            (.queued, .none, .resume), (.running, .all, .resume),
        ]
        for (state, reprocess, expected) in table {
            XCTAssertEqual(BackfillDecision.decide(existing: state, reprocess: reprocess), expected, "\(String(describing: state)) \(reprocess)")
        }
    }
}
