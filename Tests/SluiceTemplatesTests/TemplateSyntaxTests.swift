import XCTest
@testable import SluiceTemplates

final class TemplateSyntaxTests: XCTestCase {
    let variables: [String: TemplateValue] = [
        "name": "orders",
        "n": 3,
        "x": 2.5,
        "flag": true,
        "nothing": .none,
        "items": ["a", "b", "c"],
        "empty": [],
        "params": ["table": "doc.t", "limit": 10, "nested": ["k": "v"]],
        "pairs": [["a", 1], ["b", 2]],
    ]

    func testExpressionsRenderAsPythonStrWould() {
        assertRenders([
            RenderCase("{{ name }}", "orders"),
            RenderCase("{{ n }}", "3"),
            RenderCase("{{ x }}", "2.5"),
            RenderCase("{{ flag }}", "True"),
            RenderCase("{{ nothing }}", "None"),
            RenderCase("{{ items }}", "['a', 'b', 'c']"),
            RenderCase("{{ params.nested }}", "{'k': 'v'}"),
            RenderCase("{{ 1.0 }}", "1.0"),
            RenderCase("{{ \"it's\" }}", "it's"),
            RenderCase("{{ ['it\\'s'] }}", "[\"it's\"]"),
            RenderCase("{{ 'a\\tb\\n' }}", "a\tb\n"),
            RenderCase("{{ 'x' 'y' }}", "xy"),
        ], variables)
    }

    func testLiteralsOperatorsAndPrecedence() {
        assertRenders([
            RenderCase("{{ 1 + 2 * 3 }}", "7"),
            RenderCase("{{ (1 + 2) * 3 }}", "9"),
            RenderCase("{{ 7 / 2 }}", "3.5"),
            RenderCase("{{ 7 // 2 }}", "3"),
            RenderCase("{{ -7 // 2 }}", "-4"),
            RenderCase("{{ -7 % 3 }}", "2"),
            RenderCase("{{ 2 ** 10 }}", "1024"),
            RenderCase("{{ -n }}", "-3"),
            RenderCase("{{ n - -1 }}", "4"),
            RenderCase("{{ 1 + 0.5 }}", "1.5"),
            RenderCase("{{ 'a' ~ 1 ~ none }}", "a1None"),
            RenderCase("{{ 'a' + 'b' }}", "ab"),
            RenderCase("{{ [1] + [2] }}", "[1, 2]"),
            RenderCase("{{ true and false }}", "False"),
            RenderCase("{{ True or False }}", "True"),
            RenderCase("{{ not flag }}", "False"),
            RenderCase("{{ none or 'fallback' }}", "fallback"),
            RenderCase("{{ 1 < 2 < 3 }}", "True"),
            RenderCase("{{ 3 > 2 > 2 }}", "False"),
            RenderCase("{{ n == 3 and n != 4 and n >= 3 and n <= 3 }}", "True"),
            RenderCase("{{ 'b' in items }}", "True"),
            RenderCase("{{ 'z' not in items }}", "True"),
            RenderCase("{{ 'ord' in name }}", "True"),
            RenderCase("{{ 'table' in params }}", "True"),
            RenderCase("{{ 'yes' if flag else 'no' }}", "yes"),
            RenderCase("{{ 'yes' if nothing else 'no' }}", "no"),
            RenderCase("{{ {'a': 1, 'b': [2]} }}", "{'a': 1, 'b': [2]}"),
            RenderCase("{{ {'a': {'b': 1}} }}", "{'a': {'b': 1}}"),
        ], variables)
    }

    func testAttributeIndexAndMethodAccess() {
        assertRenders([
            RenderCase("{{ params.table }}", "doc.t"),
            RenderCase("{{ params['table'] }}", "doc.t"),
            RenderCase("{{ params.nested.k }}", "v"),
            RenderCase("{{ items[0] }}{{ items[-1] }}", "ac"),
            RenderCase("{{ name[0] }}", "o"),
            RenderCase("{{ pairs[1][0] }}", "b"),
            RenderCase("{{ params.get('missing', 'dflt') }}", "dflt"),
            RenderCase("{{ params.keys() | join(',') }}", "table,limit,nested"),
            RenderCase("{{ name.upper() }}", "ORDERS"),
            RenderCase("{{ name.replace('s', 'S') }}", "orderS"),
            RenderCase("{{ 'a,b'.split(',') }}", "['a', 'b']"),
            RenderCase("{{ ' x '.strip() }}", "x"),
            RenderCase("{{ name.startswith('ord') }}", "True"),
        ], variables)
    }

    func testIfElifElseChoosesTheFirstTrueBranch() {
        assertRenders([
            RenderCase("{% if n > 5 %}big{% elif n > 2 %}mid{% else %}small{% endif %}", "mid"),
            RenderCase("{% if nothing %}a{% else %}b{% endif %}", "b"),
            RenderCase("{% if empty %}a{% endif %}", ""),
            RenderCase("{% if params.limit is defined %}LIMIT {{ params.limit }}{% endif %}", "LIMIT 10"),
            RenderCase("{% if params.offset is not defined %}no offset{% endif %}", "no offset"),
            RenderCase("{% if nothing is none %}null{% endif %}", "null"),
            RenderCase("{% if n is even %}e{% elif n is odd %}o{% endif %}", "o"),
            RenderCase("{% if n is divisibleby 3 %}d{% endif %}", "d"),
        ], variables)
    }

    func testForLoopsExposeTheLoopVariable() {
        assertRenders([
            RenderCase("{% for i in items %}{{ loop.index }}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}", "1a,2b,3c"),
            RenderCase("{% for i in items %}{{ loop.index0 }}{{ loop.first }}{{ loop.length }} {% endfor %}", "0True3 1False3 2False3 "),
            RenderCase("{% for i in items %}{{ loop.revindex }}{% endfor %}", "321"),
            RenderCase("{% for i in empty %}x{% else %}none{% endfor %}", "none"),
            RenderCase("{% for k in params %}{{ k }};{% endfor %}", "table;limit;nested;"),
            RenderCase("{% for k, v in {'b': 1, 'a': 2}.items() %}{{ k }}={{ v }} {% endfor %}", "b=1 a=2 "),
            RenderCase("{% for a, b in pairs %}{{ a }}{{ b }}{% endfor %}", "a1b2"),
            RenderCase("{% for i in items if i != 'b' %}{{ i }}{{ loop.length }}{% endfor %}", "a2c2"),
            RenderCase("{% for i in [1, 2] %}{% for j in [3, 4] %}{{ i * j }} {% endfor %}{% endfor %}", "3 4 6 8 "),
            RenderCase("{% for c in 'ab' %}{{ c }}.{% endfor %}", "a.b."),
        ], variables)
    }

    func testSetAssignsInTheCurrentScope() {
        assertRenders([
            RenderCase("{% set t = params.table ~ '_stage' %}{{ t }}", "doc.t_stage"),
            RenderCase("{% set a, b = [1, 2] %}{{ a + b }}", "3"),
            RenderCase("{% set name = 'shadow' %}{{ name }}", "shadow"),
            RenderCase("{% for i in items %}{% set inner = i %}{% endfor %}{{ inner is defined }}", "False"),
            RenderCase("{% set block %}x{{ n }}y{% endset %}[{{ block }}]", "[x3y]"),
            RenderCase("{% if flag %}{% set z = 1 %}{% endif %}{{ z }}", "1"),
        ], variables)
    }

    func testCommentsAndRawBlocks() {
        assertRenders([
            RenderCase("a{# a comment {{ with tags }} #}b", "ab"),
            RenderCase("{% raw %}{{ not rendered }}{% endraw %}", "{{ not rendered }}"),
            RenderCase("x {%- raw -%} {{ y }} {%- endraw -%} z", "x{{ y }}z"),
            RenderCase("x {% raw %} {{ y }} {% endraw %} z", "x  {{ y }}  z"),
        ], variables)
    }

    func testWhitespaceControlFollowsJinjaDefaults() {
        assertRenders([
            // trim_blocks and lstrip_blocks are off: tags keep the newlines and indentation around them.
            RenderCase("SELECT\n{% if flag %}\n  1\n{% endif %}\n", "SELECT\n\n  1\n"),
            RenderCase("  {% if flag %}x{% endif %}  ", "  x  "),
            // One trailing newline of the template is dropped, only one.
            RenderCase("line\n", "line"),
            RenderCase("line\n\n", "line\n"),
            RenderCase("a\r\nb\r\n", "a\nb"),
            // '-' trims all whitespace, newlines included, on its side.
            RenderCase("a  \n  {%- if flag %}b{% endif -%}  \n  c", "abc"),
            RenderCase("a {{- name -}} b", "aordersb"),
            RenderCase("a {#- comment -#} b", "ab"),
            RenderCase("{% for i in items -%}\n  {{ i }}\n{%- endfor %}", "abc"),
            RenderCase("a {%+ if flag %}b{% endif %}", "a b"),
        ], variables)
    }

    func testStaticTemplatesAreDetected() throws {
        XCTAssertTrue(try Template(source: "SELECT 1 -- {not a tag}", name: "s.sql").isStatic)
        XCTAssertFalse(try Template(source: "SELECT {{ 1 }}", name: "s.sql").isStatic)
        XCTAssertFalse(try Template(source: "{# c #}", name: "s.sql").isStatic)
        XCTAssertEqual(try render("SELECT 1 -- {not a tag}"), "SELECT 1 -- {not a tag}")
    }

    func testIncludeRendersTheLoadedTemplateWithTheSameContext() {
        let loader = InMemoryTemplateLoader([
            "where.sql": "WHERE d = '{{ ds }}'",
            "cols.sql": "{% for c in cols %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %}",
            "nested.sql": "[{% include 'where.sql' %}]",
        ])
        assertRenders([
            RenderCase("SELECT * FROM t {% include 'where.sql' %}", "SELECT * FROM t WHERE d = '2021-01-15'"),
            RenderCase("{% set cols = ['a', 'b'] %}SELECT {% include 'cols.sql' %}", "SELECT a, b"),
            RenderCase("{% include 'nested.sql' %}", "[WHERE d = '2021-01-15']"),
            RenderCase("{% include 'missing.sql' ignore missing %}ok", "ok"),
            RenderCase("{% include 'where' ~ '.sql' %}", "WHERE d = '2021-01-15'"),
        ], ["ds": "2021-01-15"], loader: loader)
    }

    func testTemplateValueLiteralsBuildTheExpectedCases() {
        let value: TemplateValue = ["a": [1, 2.5, "s", true, .none]]
        XCTAssertEqual(value, .dict(["a": .list([.int(1), .double(2.5), .string("s"), .bool(true), .none])]))
        XCTAssertEqual(value.text, "{'a': [1, 2.5, 's', True, None]}")
    }
}
