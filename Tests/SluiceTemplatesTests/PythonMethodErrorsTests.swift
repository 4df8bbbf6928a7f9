import XCTest
@testable import SluiceTemplates

/// What Sluice refuses on purpose, as errors naming the template, line and column: never a silently
/// different rendering. The column is where the method name, the operator or the filter name is.
final class PythonMethodErrorsTests: XCTestCase {
    private func assertError(_ source: String, at column: Int, containing text: String, file: StaticString = #filePath, line: UInt = #line) {
        let error = renderError("\n" + source, ["x": [1, 2], "d": .dict(["a": 1])], name: "q.sql", file: file, line: line)
        XCTAssertEqual(error?.templateName, "q.sql", file: file, line: line)
        XCTAssertEqual(error?.line, 2, file: file, line: line)
        XCTAssertEqual(error?.column, column, source, file: file, line: line)
        XCTAssertTrue(error?.message.contains(text) ?? false, "\(source): \(String(describing: error))", file: file, line: line)
    }

    func testInPlaceListAndDictMethodsOnAnythingButANameOrALiteralAreErrors() {
        assertError("{{ (x | list).append(3) }}", at: 15, containing: "Sluice changes a list or dict in place only when a name")
        // In Python `{'d': d}.d` is `d` itself, which would change: Sluice refuses.
        assertError("{{ {'d': d}.d.update({'b': 2}) }}", at: 15, containing: "not an item of a literal")
        assertError("{% set y = x + [x.pop()] %}", at: 19, containing: "'pop' changes the list in place")
    }

    func testStrEncodeIsAnErrorBecauseTemplatesHaveNoBytes() {
        assertError("{{ 'abc'.encode('utf-8') }}", at: 10, containing: "bytes")
    }

    func testAFilterErrorNamesTheFilter() {
        assertError("{{ 'x' | urlize(extra_schemes=['bad']) }}", at: 10, containing: "the 'urlize' filter: 'bad' is not a valid URI scheme prefix")
    }

    func testBadFormatStringsAreErrors() {
        assertError("{{ '%d' % 'x' }}", at: 9, containing: "a real number is required, not str")
        assertError("{{ '{} {}'.format(1) }}", at: 12, containing: "Replacement index 1 out of range")
        assertError("{{ '{:d}'.format(1.5) }}", at: 11, containing: "Unknown format code 'd' for object of type 'float'")
        assertError("{{ '%s %s' % ('a',) }}", at: 12, containing: "not enough arguments for format string")
    }

    func testAFilterOrTestNamedByAStringMustExist() {
        assertError("{{ x | map('nosuchfilter') | list }}", at: 8, containing: "no filter named 'nosuchfilter'")
        assertError("{{ x | select('nosuchtest') | list }}", at: 8, containing: "no test named 'nosuchtest'")
    }

    func testHugeWidthsPrecisionsAndIndentsAreErrorsNotCrashes() {
        for source in ["{{ 'x' | center(99999999999) }}", "{{ 'x'.zfill(99999999999) }}", "{{ 'x'.ljust(99999999999) }}",
                       "{{ 'a\tb'.expandtabs(99999999999) }}", "{{ 'x' | indent(99999999999, true) }}", "{{ [1] | tojson(indent=5000) }}",
                       "{{ [1, 2, 3] | batch(99999999999, 0) | list }}", "{{ '%*d' % (-9223372036854775807 - 1, 1) }}",
                       "{{ '%.*f' % (99999, 1.0) }}", "{{ '{:.99999f}'.format(1.0) }}", "{{ '{:99999999999}'.format(1) }}"] {
            XCTAssertNotNil(renderError(source), source)
        }
        XCTAssertEqual(try render("{{ [1, 2, 3] | batch(99999999999) | list }}"), "[[1, 2, 3]]")
    }
}
