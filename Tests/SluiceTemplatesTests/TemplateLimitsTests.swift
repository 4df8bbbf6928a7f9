import Foundation
import SluiceCore
import Synchronization
import XCTest
@testable import SluiceTemplates

/// Hostile templates fail with a located `TemplateError`, never by crashing the process.
final class TemplateLimitsTests: XCTestCase {
    private func assertFails(_ source: String, _ variables: [String: TemplateValue] = [:], containing text: String,
                             line: Int? = nil, file: StaticString = #filePath, at testLine: UInt = #line) {
        XCTAssertThrowsError(try render(source, variables), file: file, line: testLine) { error in
            guard let error = error as? TemplateError else { return XCTFail("not a TemplateError: \(error)", file: file, line: testLine) }
            XCTAssertTrue(error.message.contains(text), error.description, file: file, line: testLine)
            XCTAssertGreaterThan(error.line, 0, error.description, file: file, line: testLine)
            if let line { XCTAssertEqual(error.line, line, error.description, file: file, line: testLine) }
        }
    }

    func testDsAddByABillionDaysFailsTheRenderWithAMessage() {
        let macros = TemplateValue.dict(AirflowMacros.all)
        assertFails("{{ macros.ds_add(ds, 999999999) }}", ["ds": "2021-01-15", "macros": macros], containing: "date value out of range")
        assertFails("{{ macros.ds_add(ds, 9223372036854775807) }}", ["ds": "2021-01-15", "macros": macros], containing: "too large")
        XCTAssertEqual(try render("{{ macros.ds_add(ds, -1) }}", ["ds": "2021-01-15", "macros": macros]), "2021-01-14")
    }

    func testDateAndTimedeltaArithmeticPastTheRangeFails() {
        let macros = TemplateValue.dict(AirflowMacros.all)
        let vars: [String: TemplateValue] = ["macros": macros, "d": .datetime(TemplateDateTime(Date(timeIntervalSince1970: 0)))]
        assertFails("{{ d + macros.timedelta(days=99999999) }}", vars, containing: "out of range")
        assertFails("{{ macros.timedelta(days=99999999) * 9999999 }}", vars, containing: "too large")
        assertFails("{{ d.add(years=9223372036854775807) }}", vars, containing: "too large")
        assertFails("{{ d.add(days=99999999) }}", vars, containing: "out of range")
        assertFails("{{ d.date() + macros.timedelta(days=99999999) }}", vars, containing: "out of range")
    }

    func testIntFilterWithBaseZeroReadsThePrefixAndABadBaseFallsBackToFloat() throws {
        XCTAssertEqual(try render("{{ '0b101' | int(0, 0) }}"), "5")
        XCTAssertEqual(try render("{{ '0x1F' | int(0, 16) }}"), "31")
        XCTAssertEqual(try render("{{ '-0o17' | int(0, 0) }}"), "-15")
        // jinja2 3.1: int('010', 0) fails, then int(float('010')) gives 10 (the default is not used).
        XCTAssertEqual(try render("{{ '010' | int(7, 0) }}"), "10")
        // jinja2 3.1: int('5', 1) raises ValueError, which do_int catches like any other: int(float('5')).
        XCTAssertEqual(try render("{{ '5' | int(0, 1) }}"), "5")
        XCTAssertEqual(try render("{{ 'x' | int(7, 37) }}"), "7")
    }

    func testTenThousandNestedIfBlocksFailWithALocatedError() {
        let source = String(repeating: "{% if true %}\n", count: 10_000) + "x" + String(repeating: "{% endif %}", count: 10_000)
        assertFails(source, containing: "nests more than \(TemplateLimits.nesting) levels", line: TemplateLimits.nesting)
    }

    func testHundredThousandNestedParenthesesFailWithALocatedError() {
        for (open, close) in [("(", ")"), ("[", "]"), ("-", ""), ("not ", "")] {
            let source = "{{ " + String(repeating: open, count: 100_000) + "1" + String(repeating: close, count: 100_000) + " }}"
            assertFails(source, containing: "nests more than", line: 1)
        }
        assertFails("{{ 1" + String(repeating: " + 1", count: 100_000) + " }}", containing: "nests more than", line: 1)
        assertFails("{{ x" + String(repeating: ".a", count: 100_000) + " }}", containing: "nests more than", line: 1)
        assertFails("{{ x" + String(repeating: " | upper", count: 100_000) + " }}", containing: "nests more than", line: 1)
    }

    func testNestingJustInsideTheLimitParsesOnASmallStack() throws {
        let depth = TemplateLimits.nesting - 2
        // 1 MiB: debug builds use several times the stack of release builds per level.
        let stackSize = 1024 * 1024
        let source = "{{ " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + " }}"
        let box = ResultBox()
        let thread = Thread {
            let result = Result { try render(source) }
            box.result.withLock { $0 = result }
            box.done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        box.done.wait()
        let result = box.result.withLock { $0 }
        XCTAssertEqual(try result?.get(), "1")
    }

    func testRenderingMoreThanTheOutputLimitFails() {
        let items = TemplateValue.list(Array(repeating: .int(1), count: 1_000))
        let big = TemplateValue.string(String(repeating: "x", count: 100_000))
        assertFails("{% for a in items %}{% for b in items %}{{ big }}{% endfor %}{% endfor %}", ["items": items, "big": big], containing: "longer than 16 MiB")
        assertFails("{{ big * 1000 }}", ["big": big], containing: "longer than 16 MiB")
        assertFails("{{ big | replace('x', big) }}", ["big": big], containing: "longer than 16 MiB")
        assertFails("{{ [1] * 1000 * 1000 * 1000 }}", containing: "more than 1000000 items")
        let long = TemplateValue.string(String(repeating: "x,", count: 1_100_000))
        assertFails("{{ long | list | length }}", ["long": long], containing: "more than 1000000 items")
        assertFails("{{ long.split(',') | length }}", ["long": long], containing: "more than 1000000 items")
        assertFails("{% for c in long %}{% endfor %}", ["long": long], containing: "cannot be looped over")
    }

    func testLoopsRunningPastTheIterationBudgetFail() {
        let items = TemplateValue.list(Array(repeating: .int(1), count: 1_000))
        assertFails("{% for a in items %}{% for b in items %}{% endfor %}{% endfor %}", ["items": items], containing: "more than 100000 loop iterations")
    }

    func testSetsNestingAValueInItselfFailInsteadOfOverflowingTheStack() {
        // A loop body's `set` is local to its iteration (Jinja's scoping), so the nesting is built by
        // top-level statements.
        func repeated(_ statement: String) -> String { String(repeating: statement, count: 5_000) }
        assertFails("{% set x = [] %}" + repeated("{% set x = [x] %}") + "{{ x }}", containing: "nest lists and dictionaries more than 64 levels")
        assertFails("{% set x = {} %}" + repeated("{% set x = {'a': x} %}") + "{{ x }}", containing: "more than 64 levels")
        assertFails("{% set x = [] %}" + repeated("{% set x = [x, x] %}") + "{{ x }}", containing: "more than 64 levels")
        assertFails("{% set x = () %}" + repeated("{% set x = (x,) %}") + "{{ x }}", containing: "more than 64 levels")
    }

    func testMessagesQuoteAtMostSixtyCharactersOfAName() {
        let name = String(repeating: "n", count: 1_048_576)
        XCTAssertThrowsError(try render("{{ \(name) }}")) { error in
            XCTAssertLessThan("\(error)".count, 200)
            XCTAssertTrue("\(error)".contains("…(1048576 characters)"), "\(error)")
        }
    }

    func testATemplateErrorOfInlineSQLPointsAtTheDagFileLine() {
        XCTAssertThrowsError(try Template(TemplateSource(text: "SELECT\n{{ nope }}", name: "dags/x.yaml", lineOffset: 10)).render(TemplateContext(variables: [:]))) { error in
            XCTAssertEqual((error as? TemplateError)?.line, 12)
        }
    }
}

/// The result of work on another thread, read after `done` is signalled.
private final class ResultBox: Sendable {
    let result = Mutex<Result<String, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
}
