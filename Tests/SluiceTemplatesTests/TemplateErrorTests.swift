import XCTest
@testable import SluiceTemplates

final class TemplateErrorTests: XCTestCase {
    let variables: [String: TemplateValue] = ["params": ["table": "t"], "n": 1, "items": [1]]

    private func assertError(_ source: String, line: Int, column: Int, contains text: String, name: String = "copy.sql",
                             loader: (any TemplateLoader)? = nil, file: StaticString = #filePath, at: UInt = #line) {
        guard let error = renderError(source, variables, loader: loader, name: name, file: file, line: at) else { return }
        XCTAssertEqual(error.templateName, name, "\(error)", file: file, line: at)
        XCTAssertEqual(error.line, line, "\(error)", file: file, line: at)
        XCTAssertEqual(error.column, column, "\(error)", file: file, line: at)
        XCTAssertTrue(error.message.contains(text), "'\(error.message)' does not contain '\(text)'", file: file, line: at)
        XCTAssertEqual(error.description, "\(name):\(line):\(column): \(error.message)", file: file, line: at)
    }

    func testUndefinedNameNamesTemplateLineAndName() {
        assertError("SELECT 1\nFROM t\nWHERE {{ foo }}", line: 3, column: 10, contains: "undefined name 'foo'")
    }

    func testMissingParamNamesTheObjectAndTheAttribute() {
        assertError("COPY\n  x\n  -- {{ params.tabel }}", line: 3, column: 16, contains: "'params' has no attribute 'tabel'")
        assertError("{{ params['tabel'] }}", line: 1, column: 10, contains: "'params' has no key 'tabel'")
    }

    func testIfOnAnUndefinedValueIsAnError() {
        assertError("{% if params.missing %}x{% endif %}", line: 1, column: 14, contains: "'params' has no attribute 'missing'")
        assertError("{% if nope %}x{% endif %}", line: 1, column: 7, contains: "undefined name 'nope'")
    }

    func testAttributeOfAnUndefinedValueIsAnErrorEvenUnderDefined() {
        assertError("{{ nope.x is defined }}", line: 1, column: 4, contains: "undefined name 'nope'")
    }

    func testUnknownFilterIsASyntaxErrorWithItsPosition() {
        assertError("a\n{{ x | uper }}", line: 2, column: 8, contains: "unknown filter 'uper'")
    }

    func testUnknownTagIsASyntaxError() {
        assertError("{% iff x %}", line: 1, column: 4, contains: "unknown tag 'iff'")
        assertError("{% extends 'base.sql' %}", line: 1, column: 4, contains: "template inheritance (extends/block) is not supported")
        assertError("{% for i in n %}{% break %}{% endfor %}", line: 1, column: 20, contains: "loop controls extension")
    }

    func testUnclosedBlockNamesTheBlockAndWhereItOpened() {
        assertError("x\n  {% if n %}\nyes", line: 2, column: 3, contains: "'if' block opened here is never closed")
        assertError("{% for i in items %}{{ i }}", line: 1, column: 1, contains: "'{% endfor %}'")
        assertError("{% if n %}{% for i in items %}{% endif %}", line: 1, column: 34,
                    contains: "innermost open block is 'for' (opened at line 1, column 11)")
    }

    func testUnclosedTagsAndStringsAreReportedWhereTheyStart() {
        assertError("ab {{ n ", line: 1, column: 4, contains: "'{{' is never closed")
        assertError("{% if n \n text", line: 1, column: 1, contains: "'{%' is never closed")
        assertError("{{ 'abc }}", line: 1, column: 4, contains: "string starting here is never closed")
        assertError("{# comment", line: 1, column: 1, contains: "comment")
    }

    func testBadExpressionsSayWhatWasExpected() {
        assertError("{{ 1 + }}", line: 1, column: 8, contains: "expected a value or a name, found '}}'")
        assertError("{{ a b }}", line: 1, column: 6, contains: "expected '}}' to end the expression, found 'b'")
        assertError("{% if %}", line: 1, column: 7, contains: "expected a value or a name")
        assertError("{{ f(a=1, 2) }}", line: 1, column: 11, contains: "positional argument cannot follow")
        assertError("{% endif %}", line: 1, column: 4, contains: "unexpected 'endif'")
        assertError("{{ n ? 1 }}", line: 1, column: 6, contains: "unexpected character '?'")
    }

    func testRuntimeErrorsCarryTheirPosition() {
        assertError("{{ n / 0 }}", line: 1, column: 6, contains: "division by zero")
        assertError("{{ 'a' - 1 }}", line: 1, column: 8, contains: "'-' does not apply to 'str' and 'int'")
        assertError("{{ n.strftime('%Y') }}", line: 1, column: 6, contains: "unsupported method 'strftime' on 'n', a 'int'")
        assertError("{% for i in n %}{% endfor %}", line: 1, column: 1, contains: "cannot be looped over")
        assertError("{% set xs = [] %}{{ xs.append(1) or 'x' }}", line: 1, column: 24, contains: "only as the whole expression of a '{% do %}', '{% set %}' or '{{ }}'")
    }

    func testMacroErrorsNameTheFunction() {
        let macros: [String: TemplateValue] = ["macros": .dict(AirflowMacros.all)]
        let error = renderError("{{ macros.ds_add('2021/01/01', 1) }}", macros, name: "m.sql")
        XCTAssertEqual(error?.description, "m.sql:1:11: ds_add: time data '2021/01/01' does not match format '%Y-%m-%d'")
        let missing = renderError("{{ macros.ds_add('2021-01-01') }}", macros)
        XCTAssertEqual(missing?.message.contains("missing the argument 'days'"), true, "\(String(describing: missing))")
    }

    func testErrorsInsideAnIncludeNameTheIncludedFile() {
        let loader = InMemoryTemplateLoader(["part.sql": "ok\n{{ params.nope }}", "broken.sql": "{% if %}"])
        assertError("{% include 'part.sql' %}", line: 2, column: 11, contains: "'params' has no attribute 'nope'", name: "part.sql", loader: loader)
        let broken = renderError("x\n{% include 'broken.sql' %}", variables, loader: loader, name: "main.sql")
        XCTAssertEqual(broken?.templateName, "broken.sql")
        let missing = renderError("x\n{% include 'gone.sql' %}", variables, loader: loader, name: "main.sql")
        XCTAssertEqual(missing?.description, "main.sql:2:12: cannot include 'gone.sql': there is no template named 'gone.sql'")
    }

    func testIncludingItselfStopsWithAnError() {
        let loader = InMemoryTemplateLoader(["loop.sql": "{% include 'loop.sql' %}"])
        let error = renderError("{% include 'loop.sql' %}", variables, loader: loader)
        XCTAssertEqual(error?.message.contains("nested more than"), true, "\(String(describing: error))")
    }
}
