import XCTest
@testable import SluiceTemplates

final class TemplateDictionaryTests: XCTestCase {
    func testKeepsInsertionOrderAndFindsEveryKeyAfterGrowing() {
        var d = TemplateDictionary()
        let names = (0..<500).map { "key\($0)" }
        for (i, name) in names.reversed().enumerated() { d[name] = .int(i) }
        XCTAssertEqual(d.keys, Array(names.reversed()))
        for (i, name) in names.reversed().enumerated() {
            XCTAssertEqual(d[name], .int(i))
            XCTAssertEqual(d.value(forKey: name, hash: TemplateNameTable.hash(name)), .int(i))
        }
        XCTAssertNil(d["key500"])
    }

    func testReplacingKeepsThePositionAndRemovingDropsTheKey() {
        let value: TemplateValue = ["a": 1, "b": 2, "c": 3]
        var d = value.dictionaryValue
        d["b"] = 20
        XCTAssertEqual(d.keys, ["a", "b", "c"])
        XCTAssertEqual(d["b"], 20)
        d["a"] = nil
        XCTAssertEqual(d.keys, ["b", "c"])
        XCTAssertNil(d["a"])
        XCTAssertEqual(d.values, [20, 3])
    }

    func testEqualityIgnoresOrderAsPythonDoes() {
        let a: TemplateValue = ["x": 1, "y": 2]
        let b: TemplateValue = ["y": 2, "x": 1]
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, ["x": 1, "y": 3])
    }

    func testContextVariablesCanBeReplacedAfterCreation() throws {
        var context = TemplateContext(variables: ["a": 1])
        context.variables["b"] = 2
        XCTAssertEqual(try Template(source: "{{ a + b }}", name: "t").render(context), "3")
    }
}

private extension TemplateValue {
    var dictionaryValue: TemplateDictionary {
        if case .dict(let d) = self { return d }
        return TemplateDictionary()
    }
}
