import Foundation
import SluiceDefinitions
import XCTest

/// Inputs the fuzzer found that crashed the loader; each is now an ordinary located problem.
final class FuzzRegressionTests: ProjectTestCase {
    func testADuplicateKeyInAFileWithCarriageReturnLineBreaksIsALocatedProblem() throws {
        // Found by the dag-file fuzz target: Yams counts `\r` as a line break, the parser did not,
        // and looking for the second occurrence of the key trapped past the last line.
        let found = try problems("dag_id: d\r\r\r\r\r\rm: {a: 1, a: 2}\n")
        XCTAssertFalse(found.isEmpty)
        XCTAssertTrue(found.allSatisfy { $0.line >= 1 }, "\(found)")
        XCTAssertTrue(found.contains { $0.message.contains("'a'") || $0.message.contains("duplicate") }, "\(found)")
    }

    func testADuplicateKeyOnTheLastLineOfACarriageReturnFileIsLocatedOnIt() throws {
        let found = try problems("dag_id: d\rschedule: null\rtasks:\r  - task_id: t\rdag_id: again\r")
        XCTAssertTrue(found.contains { $0.line == 5 && $0.message.contains("dag_id") }, "\(found)")
    }
}
