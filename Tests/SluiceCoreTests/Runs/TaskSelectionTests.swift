import Foundation
import SluiceCore
import XCTest

/// Which tasks `tasks clear -t REGEX [--downstream] [--upstream]` acts on.
final class TaskSelectionTests: XCTestCase {
    // extract -> load -> report, load -> audit; other independent; reload_x matches "load" too.
    private func dag() throws -> Dag {
        let specs: [(String, [String])] = [("extract", []), ("load", ["extract"]), ("report", ["load"]), ("audit", ["load"]),
                                           ("other", []), ("reload_x", ["other"])]
        return Dag(dagId: "d", schedule: nil, timetable: try Timetable(schedule: nil, kind: .interval, timeZone: .gmt), timeZone: .gmt,
                   startDate: nil, tasks: specs.map { TaskSpec(taskId: $0.0, type: .sql, upstream: $0.1) },
                   fileURL: URL(fileURLWithPath: "/tmp/d.yaml"), projectRoot: URL(fileURLWithPath: "/tmp"))
    }

    private func select(_ pattern: String?, downstream: Bool = false, upstream: Bool = false) throws -> [String] {
        let regex = try pattern.map { try Regex($0) }
        return TaskSelection.taskIds(in: try dag(), matching: regex.map { r in { $0.contains(r) } }, downstream: downstream, upstream: upstream)
    }

    func testWithoutAPatternEveryTaskIsSelectedInDagOrder() throws {
        XCTAssertEqual(try select(nil), ["extract", "load", "report", "audit", "other", "reload_x"])
        XCTAssertEqual(try select(nil, downstream: true, upstream: true).count, 6)
    }

    func testThePatternIsSearchedAnywhereInTheTaskIdAsAirflowDoes() throws {
        XCTAssertEqual(try select("load"), ["load", "reload_x"])
        XCTAssertEqual(try select("^load$"), ["load"])
        XCTAssertEqual(try select("^(report|audit)$"), ["report", "audit"])
        XCTAssertEqual(try select("nothing"), [])
    }

    func testDownstreamAddsEveryTransitiveDependent() throws {
        XCTAssertEqual(try select("^extract$", downstream: true), ["extract", "load", "report", "audit"])
        XCTAssertEqual(try select("^report$", downstream: true), ["report"])
    }

    func testUpstreamAddsEveryTransitiveDependency() throws {
        XCTAssertEqual(try select("^report$", upstream: true), ["extract", "load", "report"])
        XCTAssertEqual(try select("^load$", upstream: true), ["extract", "load"])
    }

    func testDownstreamAndUpstreamTogetherTakeBothSidesButNotSiblingBranches() throws {
        XCTAssertEqual(try select("^load$", downstream: true, upstream: true), ["extract", "load", "report", "audit"])
        XCTAssertEqual(try select("^audit$", downstream: true, upstream: true), ["extract", "load", "audit"], "report is a sibling, not selected")
    }

    func testAnEmptyMatchSelectsNothingEvenWithDownstream() throws {
        XCTAssertEqual(try select("^x$", downstream: true, upstream: true), [])
    }
}
