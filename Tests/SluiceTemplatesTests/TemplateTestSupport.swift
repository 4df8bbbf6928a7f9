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
