import XCTest
@testable import SluiceTemplates

/// One row of a table-driven rendering test.
struct RenderCase {
    var template: String
    var expected: String
    var line: UInt

    init(_ template: String, _ expected: String, line: UInt = #line) {
        self.template = template
        self.expected = expected
        self.line = line
    }
}

func render(_ source: String, _ variables: [String: TemplateValue] = [:], loader: (any TemplateLoader)? = nil, name: String = "test.sql") throws -> String {
    try Template(source: source, name: name).render(TemplateContext(variables: variables, loader: loader))
}

func assertRenders(_ cases: [RenderCase], _ variables: [String: TemplateValue] = [:], loader: (any TemplateLoader)? = nil, file: StaticString = #filePath) {
    for c in cases {
        do {
            let output = try render(c.template, variables, loader: loader)
            XCTAssertEqual(output, c.expected, "template: \(c.template)", file: file, line: c.line)
        } catch {
            XCTFail("template: \(c.template) failed: \(error)", file: file, line: c.line)
        }
    }
}

/// The error `source` raises, parsing or rendering; fails the test when there is none.
func renderError(_ source: String, _ variables: [String: TemplateValue] = [:], loader: (any TemplateLoader)? = nil, name: String = "test.sql",
                 file: StaticString = #filePath, line: UInt = #line) -> TemplateError? {
    do {
        let output = try render(source, variables, loader: loader, name: name)
        XCTFail("expected an error, rendered \(output.debugDescription)", file: file, line: line)
    } catch let error as TemplateError {
        return error
    } catch {
        XCTFail("expected a TemplateError, got \(error)", file: file, line: line)
    }
    return nil
}

/// Asserts that `template` renders `expected` with `variables` (the ported Jinja tests).
func assertRendersAs(_ template: String, _ variables: [String: TemplateValue], _ expected: String, loader: (any TemplateLoader)? = nil,
                     file: StaticString = #filePath, line: UInt = #line) {
    do {
        let output = try render(template, variables, loader: loader)
        XCTAssertEqual(output, expected, template, file: file, line: line)
    } catch {
        XCTFail("\(template): \(error)", file: file, line: line)
    }
}

func assertRendersAs(_ template: String, _ expected: String, loader: (any TemplateLoader)? = nil, file: StaticString = #filePath, line: UInt = #line) {
    assertRendersAs(template, [:], expected, loader: loader, file: file, line: line)
}

/// Asserts that `template` fails, parsing or rendering, with a message containing `text`.
func assertFailsContaining(_ template: String, _ text: String, loader: (any TemplateLoader)? = nil, file: StaticString = #filePath, line: UInt = #line) {
    assertFailsContaining(template, [:], text, loader: loader, file: file, line: line)
}

func assertFailsContaining(_ template: String, _ variables: [String: TemplateValue], _ text: String, loader: (any TemplateLoader)? = nil,
                           file: StaticString = #filePath, line: UInt = #line) {
    let error = renderError(template, variables, loader: loader, file: file, line: line)
    XCTAssertTrue(error?.message.contains(text) ?? false, "\(template): \(String(describing: error))", file: file, line: line)
}
