import XCTest
@testable import SluiceTemplates

/// Errors of macros, imports and includes name the template and line where the problem is, and
/// runaway recursion fails instead of overflowing the stack.
final class TemplateStatementErrorTests: XCTestCase {
    private static let loader = InMemoryTemplateLoader([
        "lib.sql": "{% macro ok(v) %}{{ v }}{% endmacro %}\n{% macro broken(v) %}\n{{ v.missing }}{% endmacro %}",
        "self.sql": "{% include 'self.sql' %}",
    ])

    func testErrorInAnImportedMacroNamesTheMacrosTemplateAndLine() {
        let error = renderError("{% import 'lib.sql' as lib %}\n{{ lib.broken({}) }}", loader: Self.loader, name: "main.sql")
        XCTAssertEqual(error?.templateName, "lib.sql")
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.message.contains("has no attribute 'missing'") ?? false, String(describing: error))
    }

    func testWrongMacroArgumentsAreReportedAtTheCall() {
        let error = renderError("{% from 'lib.sql' import ok %}\n\n{{ ok(1, 2) }}", loader: Self.loader, name: "main.sql")
        XCTAssertEqual(error?.templateName, "main.sql")
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.message.contains("macro 'ok' takes not more than 1 argument(s)") ?? false, String(describing: error))
    }

    func testMacroCallingItselfWithoutEndFailsWithAMessage() {
        let error = renderError("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")
        XCTAssertTrue(error?.message.contains("nest more than \(TemplateRenderer.maximumCallDepth) deep") ?? false, String(describing: error))
    }

    func testRecursiveLoopsShareTheLoopBudget() {
        // 400 items per level, 3 levels: more iterations than the budget allows.
        let level: TemplateValue = .list(Array(repeating: .list(Array(repeating: .list(Array(repeating: .int(1), count: 400)), count: 400)), count: 400))
        let error = renderError("{% for x in items recursive %}{% if x is sequence %}{{ loop(x) }}{% endif %}{% endfor %}", ["items": level])
        XCTAssertTrue(error?.message.contains("loop iterations") ?? false, String(describing: error))
    }

    func testMacrosCalledInALoopShareTheLoopBudget() {
        let error = renderError("{% macro m() %}{% for i in range(1000) %}{% endfor %}{% endmacro %}{% for j in range(1000) %}{{ m() }}{% endfor %}")
        XCTAssertTrue(error?.message.contains("loop iterations") ?? false, String(describing: error))
    }

    func testTemplateIncludingItselfFails() {
        let error = renderError("{% include 'self.sql' %}", loader: Self.loader)
        XCTAssertTrue(error?.message.contains("nested more than") ?? false, String(describing: error))
    }

    func testInPlaceMethodOnAValueWithoutANameIsAnError() {
        assertFailsContaining("{% do (xs if c else ys).append(1) %}", ["xs": [], "ys": [], "c": true], "only when a name, a namespace attribute or an item of one holds it")
    }

    func testInPlaceMethodsReachNestedItems() {
        assertRendersAs("{% set d = {'k': [1]} %}{% do d['k'].append(2) %}{% do d.k.append(3) %}{% set ls = [[0]] %}{% do ls[-1].append(1) %}{% do [5].append(6) %}{{ d }}{{ ls }}",
                        "{'k': [1, 2, 3]}[[0, 1]]")
        assertRendersAs("{% do params.cols.append('b') %}{{ params.cols }}", ["params": ["cols": ["a"]]], "['a', 'b']")
        // Jinja 3.1.6: "2{'a': 1, 'b': 2}|3[]"
        assertRendersAs("{% set d = {'a': 1} %}{{ d.setdefault('b', 2) }}{{ d }}|{% set l = [3] %}{{ l.pop() }}{{ l }}", "2{'a': 1, 'b': 2}|3[]")
    }

    func testUnsupportedConstructsAreLoadTimeErrorsWithTheirLine() {
        for (source, text) in [("x\n{% extends 'base.sql' %}", "extends/block"), ("x\n{% break %}", "loop controls"),
                               ("x\n{% for x in xs %}{% endblock %}{% endfor %}", "extends/block")] {
            XCTAssertThrowsError(try Template(source: source, name: "t.sql")) { error in
                let error = error as? TemplateError
                XCTAssertEqual(error?.line, 2, source)
                XCTAssertTrue(error?.message.contains(text) ?? false, "\(source): \(String(describing: error))")
            }
        }
    }

    func testIncludedNamesListImportsAndIncludeLists() throws {
        let template = try Template(source: "{% import 'a.sql' as a %}{% from 'b.sql' import x %}{% include ['c.sql', 'd.sql'] %}{% macro m() %}{% include 'e.sql' %}{% endmacro %}", name: "t")
        XCTAssertEqual(template.includedNames, ["a.sql", "b.sql", "c.sql", "d.sql", "e.sql"])
    }

    func testRangeAtTheEdgesOfIntegersNeitherTrapsNorFillsMemory() {
        assertRendersAs("{{ range(0, 9223372036854775807, 9223372036854775807) | list }}|{{ range(-9223372036854775807, 9223372036854775807, 9223372036854775807) | length }}", "[0]|2")
        assertFailsContaining("{{ range(-9223372036854775807, 9223372036854775807) | length }}", "more than 1000000 items")
        assertRendersAs("{{ [1, 2, 3][-9223372036854775807:9223372036854775807:4611686018427387904] }}", "[1]")
    }
}
