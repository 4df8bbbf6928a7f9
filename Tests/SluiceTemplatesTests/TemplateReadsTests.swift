import SluiceTemplates
import XCTest

/// What a template reads, found from its syntax tree, and native rendering of a one-expression template.
final class TemplateReadsTests: XCTestCase {
    private func required(_ source: String, of variable: String) throws -> [String] {
        try Template(source: source, name: "t.sql").reads.requiredKeys(of: variable).map { "\($0.key)@\($0.line):\($0.column)" }
    }

    func testEveryLiteralKeyReadIsFoundWithThePlaceOfItsVariable() throws {
        let source = "{{ params.a }} {{ params['b'] }}\n{% if x %}{{ params.get('c') | upper }}{% endif %} {{ params.d.e }} {{ params[k] }}"
        XCTAssertEqual(try required(source, of: "params"), ["a@1:4", "b@1:19", "c@2:14", "d@2:55"])
    }

    func testKeysReadInAWayThatCopesWithTheirAbsenceAndShadowedNamesAreNotRequired() throws {
        let source = """
            {{ params.a | default(1) }} {% if params.b is defined %}{{ params.b }}{% endif %}
            {% if 'c' in params %}{{ params.c }}{% endif %} {{ params.get('d', 0) }} {{ params.e }}
            {% for item in items %}{{ item.x }}{% endfor %}
            """
        XCTAssertEqual(try required(source, of: "params"), ["e@2:77"])
        XCTAssertEqual(try required(source, of: "item"), [])
        XCTAssertEqual(try Template(source: source, name: "t.sql").reads.names, ["params", "items"])
    }

    func testATemplateThatIsOneExpressionRendersToItsValueAndAnyOtherToText() throws {
        let context = TemplateContext(variables: ["cols": .list([.string("id"), .string("amount")])])
        XCTAssertEqual(try Template(source: " {{ cols }} ", name: "t").renderValue(context), .list([.string("id"), .string("amount")]))
        XCTAssertEqual(try Template(source: "{{ cols[0] }}, x", name: "t").renderValue(context), .string("id, x"))
        XCTAssertThrowsError(try Template(source: "\n{{ colz }}", name: "t").renderValue(context)) { error in
            XCTAssertEqual((error as? TemplateError)?.line, 2)
        }
    }
}
