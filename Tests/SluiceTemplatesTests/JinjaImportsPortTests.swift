import XCTest
@testable import SluiceTemplates

/// Jinja 3.1.6's tests/test_imports.py, ported with the original templates and expected values,
/// rendered as Airflow configures Jinja (StrictUndefined).
///
/// The original environment has a global `bar = 23`; Sluice has no environment globals (Airflow's
/// `user_defined_macros`), so `bar` is given as a context variable. A template imported or included
/// `without context` sees no context variable: where the original prints an undefined `foo` as '',
/// the port expects an error (StrictUndefined), and `bar` is not seen there either.
///
/// Out of scope, not ported:
/// - TestImports::test_import_with_globals, test_import_with_globals_override, test_from_import_with_globals:
///   per-template `globals=`, which Airflow does not use.
/// - TestImports::test_exports reads the module object's Python attributes; ported through `import`
///   in testModuleExportsTopLevelNamesOnly.
final class JinjaImportsPortTests: XCTestCase {
    private static let loader = InMemoryTemplateLoader([
        "module": "{% macro test() %}[{{ foo }}|{{ bar }}]{% endmacro %}",
        "header": "[{{ foo }}|{{ 23 }}]",
        "o_printer": "({{ o }})",
    ])

    /// The context of every case: the original's global `bar`, and `extra`.
    private static func context(_ extra: [String: TemplateValue] = [:]) -> [String: TemplateValue] {
        extra.merging(["bar": 23]) { a, _ in a }
    }

    // MARK: TestImports

    func testImportSeesTheContextOnlyWithContext() {
        // Jinja 3.1.6 tests/test_imports.py::TestImports::test_context_imports
        assertFailsContaining("{% import \"module\" as m %}{{ m.test() }}", Self.context(["foo": 42]), "'foo'", loader: Self.loader)
        assertFailsContaining("{% import \"module\" as m without context %}{{ m.test() }}", Self.context(["foo": 42]), "'foo'", loader: Self.loader)
        assertRendersAs("{% import \"module\" as m with context %}{{ m.test() }}", Self.context(["foo": 42]), "[42|23]", loader: Self.loader)
        assertFailsContaining("{% from \"module\" import test %}{{ test() }}", Self.context(["foo": 42]), "'foo'", loader: Self.loader)
        assertFailsContaining("{% from \"module\" import test without context %}{{ test() }}", Self.context(["foo": 42]), "'foo'", loader: Self.loader)
        assertRendersAs("{% from \"module\" import test with context %}{{ test() }}", Self.context(["foo": 42]), "[42|23]", loader: Self.loader)
    }

    func testFromImportNeedsANameToImport() throws {
        // Jinja 3.1.6 tests/test_imports.py::TestImports::test_import_needs_name
        _ = try Template(source: "{% from \"foo\" import bar %}", name: "t")
        _ = try Template(source: "{% from \"foo\" import bar, baz %}", name: "t")
        XCTAssertThrowsError(try Template(source: "{% from \"foo\" import %}", name: "t"))
    }

    func testFromImportRefusesATrailingComma() {
        // Jinja 3.1.6 tests/test_imports.py::TestImports::test_no_trailing_comma
        for source in ["{% from \"foo\" import bar, %}", "{% from \"foo\" import bar,, %}", "{% from \"foo\" import, %}"] {
            XCTAssertThrowsError(try Template(source: source, name: "t"), source)
        }
    }

    func testFromImportAcceptsATrailingCommaBeforeWithContext() throws {
        // Jinja 3.1.6 tests/test_imports.py::TestImports::test_trailing_comma_with_context
        for source in ["{% from \"foo\" import bar, baz with context %}", "{% from \"foo\" import bar, baz, with context %}",
                       "{% from \"foo\" import bar, with context %}", "{% from \"foo\" import bar, with, context %}",
                       "{% from \"foo\" import bar, with with context %}"] {
            XCTAssertNoThrow(try Template(source: source, name: "t"), source)
        }
        for source in ["{% from \"foo\" import bar,, with context %}", "{% from \"foo\" import bar with context, %}"] {
            XCTAssertThrowsError(try Template(source: source, name: "t"), source)
        }
    }

    func testModuleExportsTopLevelNamesOnly() {
        // Jinja 3.1.6 tests/test_imports.py::TestImports::test_exports
        let module = """

                        {% macro toplevel() %}...{% endmacro %}
                        {% macro __private() %}...{% endmacro %}
                        {% set variable = 42 %}
                        {% for item in [1] %}
                            {% macro notthere() %}{% endmacro %}
                        {% endfor %}

            """
        let loader = InMemoryTemplateLoader(["m": module])
        assertRendersAs("{% import 'm' as m %}{{ m.toplevel() }}|{{ m.variable }}|{{ m.__missing is defined }}|{{ m.notthere is defined }}|{{ m.__private is defined }}",
                     Self.context(), "...|42|False|False|False", loader: loader)
    }

    func testImportingANameTheModuleLacksFailsWhenUsed() {
        // Jinja 3.1.6 tests/test_imports.py::TestImports::test_not_exported
        assertFailsContaining("{% from 'module' import nothing %}{{ nothing() }}", Self.context(), "does not export the requested name", loader: Self.loader)
    }

    // MARK: TestIncludes

    func testIncludeSeesTheContextUnlessWithout() {
        // Jinja 3.1.6 tests/test_imports.py::TestIncludes::test_context_include
        assertRendersAs("{% include \"header\" %}", Self.context(["foo": 42]), "[42|23]", loader: Self.loader)
        assertRendersAs("{% include \"header\" with context %}", Self.context(["foo": 42]), "[42|23]", loader: Self.loader)
        assertFailsContaining("{% include \"header\" without context %}", Self.context(["foo": 42]), "'foo'", loader: Self.loader)
    }

    func testIncludeOfAListTakesTheFirstThatExists() {
        // Jinja 3.1.6 tests/test_imports.py::TestIncludes::test_choice_includes
        assertRendersAs("{% include [\"missing\", \"header\"] %}", Self.context(["foo": 42]), "[42|23]", loader: Self.loader)
        assertRendersAs("{% include [\"missing\", \"missing2\"] ignore missing %}", Self.context(["foo": 42]), "", loader: Self.loader)
        assertFailsContaining("{% include [\"missing\", \"missing2\"] %}", Self.context(), "missing2", loader: Self.loader)
        assertRendersAs("{% include x %}", Self.context(["foo": 42, "x": ["missing", "header"]]), "[42|23]", loader: Self.loader)
        assertRendersAs("{% include [x, \"header\"] %}", Self.context(["foo": 42, "x": "missing"]), "[42|23]", loader: Self.loader)
        assertRendersAs("{% include x %}", Self.context(["foo": 42, "x": "header"]), "[42|23]", loader: Self.loader)
        assertRendersAs("{% include [x] %}", Self.context(["foo": 42, "x": "header"]), "[42|23]", loader: Self.loader)
    }

    func testIncludeIgnoringMissing() {
        // Jinja 3.1.6 tests/test_imports.py::TestIncludes::test_include_ignoring_missing
        assertFailsContaining("{% include \"missing\" %}", Self.context(), "missing", loader: Self.loader)
        for extra in ["", "with context", "without context"] {
            assertRendersAs("{% include \"missing\" ignore missing " + extra + " %}", Self.context(), "", loader: Self.loader)
        }
    }

    func testIncludeInsideALoopSeesTheLoopVariable() {
        // Jinja 3.1.6 tests/test_imports.py::TestIncludes::test_context_include_with_overrides
        let loader = InMemoryTemplateLoader(["main": "{% for item in [1, 2, 3] %}{% include 'item' %}{% endfor %}", "item": "{{ item }}"])
        assertRendersAs("{% include 'main' %}", Self.context(), "123", loader: loader)
    }

    func testIncludeInsideNestedMacrosSeesTheirArguments() {
        // Jinja 3.1.6 tests/test_imports.py::TestIncludes::test_unoptimized_scopes
        let output = try? render("""

                        {% macro outer(o) %}
                        {% macro inner() %}
                        {% include "o_printer" %}
                        {% endmacro %}
                        {{ inner() }}
                        {% endmacro %}
                        {{ outer("FOO") }}

            """, loader: Self.loader)
        XCTAssertEqual(output?.trimmingCharacters(in: .whitespacesAndNewlines), "(FOO)")
    }

    func testFromImportWithContextSeesTopLevelSets() {
        // Jinja 3.1.6 tests/test_imports.py::TestIncludes::test_import_from_with_context
        assertRendersAs("{% set foobar = 42 %}{% from 'a' import x with context %}{{ x() }}", Self.context(), "42",
                     loader: InMemoryTemplateLoader(["a": "{% macro x() %}{{ foobar }}{% endmacro %}"]))
    }
}
