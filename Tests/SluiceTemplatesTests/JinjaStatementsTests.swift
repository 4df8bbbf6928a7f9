import XCTest
@testable import SluiceTemplates

/// Jinja's statements, expressions and scoping as Airflow configures Jinja (SandboxedEnvironment,
/// StrictUndefined, the `do` extension). Every expected value is Jinja 3.1.6's own answer, rendered by
/// `/work/venv-airflow` with that environment; where Jinja raised, Sluice must raise too. Where Sluice
/// deliberately refuses what Jinja accepts (blocks, autoescape, random `lipsum`), the test says so.
final class JinjaStatementsTests: XCTestCase {
    private static let loader = InMemoryTemplateLoader([
        "col.sql": "{{ c }}{% if not loop.last %},{% endif %}",
        "lib.sql": "{% macro quote(v) %}'{{ v }}'{% endmacro %}{% set sep = ', ' %}{% macro joined(items) %}{{ items | join(sep) }}{% endmacro %}{% set _hidden = 1 %}",
        "ctx.sql": "{% macro day() %}{{ ds }}{% endmacro %}",
    ])

    func testSlicesOfStringsListsAndTuplesFollowPython() {
        assertRendersAs("{{ ds[:7] }}|{{ ds[5:] }}|{{ ds[-2:] }}|{{ ds[::-1] }}|{{ ds[1:8:3] }}", ["ds": "2021-01-15"], "2021-01|01-15|15|51-10-1202|0--", loader: Self.loader)
        assertRendersAs("{{ [1,2,3,4,5][::2] }}|{{ [1,2,3,4,5][-2::-2] }}|{{ (1,2,3)[1:] }}|{{ [1,2,3][5:] }}|{{ [1,2,3][-10:2] }}|{{ [1,2,3][None:2] }}", [:], "[1, 3, 5]|[4, 2]|(2, 3)|[]|[1, 2]|[1, 2]", loader: Self.loader)
        assertRendersAs("{{ 'abc'[10:1:-1] }}|{{ 'abc'[-1:-4:-1] }}|{{ 'héllo'[1:3] }}", [:], "c|cba|él", loader: Self.loader)
    }

    func testSliceStepZeroAndSlicingANumberAreErrors() {
        // Jinja: ValueError: slice step cannot be zero
        _ = renderError("{{ 'abc'[::0] }}", [:], loader: Self.loader)
        // Jinja: TypeError: 'int' object is not subscriptable
        _ = renderError("{{ 5[1:] }}", [:], loader: Self.loader)
    }

    func testPowerFloorDivisionAndModuloFollowPython() {
        assertRendersAs("{{ 2 ** 10 }}|{{ 2 ** -1 }}|{{ 2 ** 3 ** 2 }}|{{ -2 ** 2 }}|{{ 2.0 ** 2 }}", [:], "1024|0.5|64|4|4.0", loader: Self.loader)
        assertRendersAs("{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 // -2 }}|{{ 7.5 // 2 }}|{{ -7.5 // 2 }}", [:], "3|-4|-4|3.0|-4.0", loader: Self.loader)
        assertRendersAs("{{ 7 % 3 }}|{{ -7 % 3 }}|{{ 7 % -3 }}|{{ -7.5 % 2 }}|{{ 7 % 2.5 }}", [:], "1|2|-2|0.5|2.0", loader: Self.loader)
    }

    func testChainedComparisonsAndMembership() {
        assertRendersAs("{{ 1 < x < 3 }}|{{ 1 < x > 3 }}|{{ 1 <= x <= 2 == 2 }}|{{ 'a' in 'cat' }}|{{ 'k' in d }}|{{ 3 not in [1, 2] }}|{{ not 1 in [1] }}", ["x": 2, "d": ["k": 1]], "True|False|True|True|True|True|False", loader: Self.loader)
    }

    func testConditionalExpressionsWithAndWithoutElse() {
        assertRendersAs("{{ 'a' if x else 'b' }}|{{ 'a' if not x }}|{{ ('a' if not x) ~ 'z' }}|{{ ('a' if not x) is defined }}|{{ 1 if x else 2 if y else 3 }}", ["x": true, "y": false], "a||z|False|1", loader: Self.loader)
    }

    func testTuplesUnpackInForAndSet() {
        assertRendersAs("{% for a, b in [(1, 2), (3, 4)] %}{{ a }}-{{ b }} {% endfor %}{% for (k, v) in d.items() %}{{ k }}={{ v }}{% endfor %}", ["d": ["x": 1]], "1-2 3-4 x=1", loader: Self.loader)
        assertRendersAs("{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set (c, d) = [3, 4] %}{{ c }}{{ d }}{% set t = 5, 6 %}{{ t }}", [:], "1234(5, 6)", loader: Self.loader)
    }

    func testUnpackingTheWrongNumberOfValuesIsAnError() {
        // Jinja: ValueError: too many values to unpack (expected 2)
        _ = renderError("{% set a, b = [1, 2, 3] %}", [:], loader: Self.loader)
        // Jinja: ValueError: too many values to unpack (expected 2)
        _ = renderError("{% for a, b in [(1, 2, 3)] %}{% endfor %}", [:], loader: Self.loader)
    }

    func testTildeAndAdjacentStringLiterals() {
        assertRendersAs("{{ 'a' 'b' ~ 1 ~ none ~ [1] ~ (2,) }}", [:], "ab1None[1](2,)", loader: Self.loader)
    }

    func testRangeTakesOneToThreeArguments() {
        assertRendersAs("{{ range(3) | list }}|{{ range(1, 4) | list }}|{{ range(10, 0, -3) | list }}|{{ range(0) | list }}|{{ range(5, 1) | list }}", [:], "[0, 1, 2]|[1, 2, 3]|[10, 7, 4, 1]|[]|[]", loader: Self.loader)
    }

    func testRangeStepZeroIsAnError() {
        // Jinja: ValueError: range() arg 3 must not be zero
        _ = renderError("{{ range(1, 2, 0) | list }}", [:], loader: Self.loader)
    }

    func testDictBuildsADictionary() {
        assertRendersAs("{{ dict(a=1, b='x') }}|{{ dict({'a': 1}, b=2) }}|{{ dict() }}", [:], "{'a': 1, 'b': 'x'}|{'a': 1, 'b': 2}|{}", loader: Self.loader)
    }

    func testCyclerGivesItsItemsInTurn() {
        assertRendersAs("{% set c = cycler('odd', 'even') %}{{ c.next() }} {{ c.next() }} {{ c.current }} {{ c.next() }}{% do c.reset() %} {{ c.next() }}", [:], "odd even odd odd odd", loader: Self.loader)
        assertRendersAs("{% set row = cycler('a', 'b') %}{% for i in range(3) %}{{ row.next() }}{% endfor %}", [:], "aba", loader: Self.loader)
    }

    func testJoinerGivesTheSeparatorAfterTheFirstCall() {
        assertRendersAs("{% set pipe = joiner('|') %}{% for x in [1, 2, 3] %}{{ pipe() }}{{ x }}{% endfor %}", [:], "1|2|3", loader: Self.loader)
        assertRendersAs("{% set comma = joiner() %}{% for x in 'ab' %}{{ comma() }}{{ x }}{% endfor %}", [:], "a, b", loader: Self.loader)
    }

    func testForElseAndLoopFilter() {
        assertRendersAs("{% for x in [] %}x{% else %}empty{% endfor %}|{% for x in [1, 2] if x > 5 %}x{% else %}none kept{% endfor %}|{% for x in [1,2,3,4] if x is even %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% endfor %}", [:], "empty|none kept|1/2:2 2/2:4 ", loader: Self.loader)
    }

    func testEveryLoopMember() {
        assertRendersAs("{% for x in 'abc' %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.depth }}{{ loop.depth0 }}{{ loop.previtem is defined }}{{ loop.nextitem is defined }}{{ loop.cycle(1, 2) }}{{ loop.changed(x) }};{% endfor %}", [:], "1032TrueFalse310FalseTrue1True;2121FalseFalse310TrueTrue2True;3210FalseTrue310TrueFalse1True;", loader: Self.loader)
    }

    func testRecursiveLoopRendersATree() {
        assertRendersAs("{% for n in tree recursive %}{{ n.name }}{% if n.children %}({{ loop(n.children) }}){% endif %}{% if not loop.last %},{% endif %}{% endfor %}", ["tree": [["name": "a", "children": [["name": "b", "children": []], ["name": "c", "children": [["name": "d", "children": []]]]]], ["name": "e", "children": []]]], "a(b,c(d)),e", loader: Self.loader)
    }

    func testBreakAndContinueAreNotInAirflowsJinja() {
        // Jinja: TemplateSyntaxError: Encountered unknown tag 'break'. Jinja was looking for the following tags: 'endfor' or 'e
        _ = renderError("{% for x in [1] %}{% break %}{% endfor %}", [:], loader: Self.loader)
        // Jinja: TemplateSyntaxError: Encountered unknown tag 'continue'. Jinja was looking for the following tags: 'endfor' or
        _ = renderError("{% for x in [1] %}{% continue %}{% endfor %}", [:], loader: Self.loader)
    }

    func testBlockSetWithFiltersAndSetsInside() {
        assertRendersAs("{% set x | upper | replace('A', '4') %}a{{ 'b' }}{% set y = 1 %}{% endset %}{{ x }}|{{ y is defined }}", [:], "4B|False", loader: Self.loader)
    }

    func testMacroDefaultsVarargsKwargsAndCaller() {
        assertRendersAs("{% macro m(a, b=a ~ '!', c=none) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1) }}|{{ m(1, c=3) }}|{{ m(b=2, a=1) }}", [:], "11!None|11!3|12None", loader: Self.loader)
        assertRendersAs("{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, x=4) }}", [:], "1(2, 3){'x': 4}", loader: Self.loader)
        assertRendersAs("{% macro list(items) %}<{% for i in items %}{{ caller(i, loop.index) }}{% endfor %}>{% endmacro %}{% call(item, n) list(['a', 'b']) %}{{ n }}:{{ item }};{% endcall %}", [:], "<1:a;2:b;>", loader: Self.loader)
        assertRendersAs("{% macro outer() %}[{{ caller() }}]{% endmacro %}{% macro inner() %}{% call outer() %}{{ x }}{% endcall %}{% endmacro %}{% set x = 5 %}{{ inner() }}", [:], "[5]", loader: Self.loader)
    }

    func testMacroArgumentErrors() {
        // Jinja: TypeError: macro 'm' takes not more than 1 argument(s)
        _ = renderError("{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}", [:], loader: Self.loader)
        // Jinja: TypeError: macro 'm' takes no keyword argument 'b'
        _ = renderError("{% macro m(a) %}{{ a }}{% endmacro %}{{ m(b=2) }}", [:], loader: Self.loader)
        // Jinja: UndefinedError: parameter 'a' was not provided
        _ = renderError("{% macro m(a) %}{{ a }}{% endmacro %}{{ m() }}", [:], loader: Self.loader)
        // Jinja: TypeError: macro 'm' was invoked with two values for the special caller argument. This is most likely a bug.
        _ = renderError("{% macro m() %}x{% endmacro %}{% call m() %}y{% endcall %}", [:], loader: Self.loader)
    }

    func testMacrosSeeTopLevelNamesAtCallTimeButNotTheCallersLocals() {
        assertRendersAs("{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}", [:], "2", loader: Self.loader)
        assertRendersAs("{% macro m() %}{{ x }}{% endmacro %}{% for x in [1] %}{{ m() }}{% endfor %}", ["x": 0], "0", loader: Self.loader)
        assertRendersAs("{% macro m() %}{% set y = 5 %}{{ y }}{% endmacro %}{% set y = 1 %}{{ m() }}{{ y }}", [:], "51", loader: Self.loader)
        assertRendersAs("{% macro m() %}{{ ds }}{% endmacro %}{{ m() }}", ["ds": "2021-01-15"], "2021-01-15", loader: Self.loader)
    }

    func testMacroResultFeedsFiltersAndExpressions() {
        assertRendersAs("{% macro q(v) -%}\n'{{ v }}'\n{%- endmacro %}{{ q('a') | upper }}|{{ q('b') ~ '!' }}|{{ q('c') | length }}", [:], "'A'|'b'!|3", loader: Self.loader)
    }

    func testWithScopesItsNamesAndSets() {
        assertRendersAs("{% set x = 1 %}{% with x = 2, y = x %}{{ x }}{{ y }}{% set z = 3 %}{{ z }}{% endwith %}{{ x }}{{ z is defined }}", [:], "2131False", loader: Self.loader)
        assertRendersAs("{% with %}{% set y = 5 %}{{ y }}{% endwith %}{{ y is defined }}", [:], "5False", loader: Self.loader)
    }

    func testFilterBlockAppliesFiltersToItsText() {
        assertRendersAs("{% filter upper %}a{{ 'b' }}{% endfilter %}|{% filter replace('x', 'y') | upper %}xax{% endfilter %}|{% filter trim %}  z  {% endfilter %}", [:], "AB|YAY|z", loader: Self.loader)
    }

    func testDoRunsInPlaceMethodsOfListsAndDicts() {
        assertRendersAs("{% set xs = [] %}{% do xs.append(1) %}{% do xs.extend([2, 3]) %}{% do xs.insert(0, 0) %}{% do xs.remove(2) %}{{ xs }}{% do xs.pop() %}{{ xs }}{% set p = xs.pop(0) %}{{ p }}{{ xs }}", [:], "[0, 1, 3][0, 1]0[1]", loader: Self.loader)
        assertRendersAs("{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{% do d.update(c=3) %}{% set v = d.pop('a') %}{{ v }}{{ d }}{% do d.setdefault('e', 5) %}{{ d }}", [:], "1{'b': 2, 'c': 3}{'b': 2, 'c': 3, 'e': 5}", loader: Self.loader)
        assertRendersAs("{% set ns = namespace(items=[]) %}{% for i in range(3) %}{% do ns.items.append(i * 2) %}{% endfor %}{{ ns.items }}", [:], "[0, 2, 4]", loader: Self.loader)
        assertRendersAs("{% for i in [1] %}{% set xs = [] %}{% do xs.append(i) %}{{ xs }}{% endfor %}", [:], "[1]", loader: Self.loader)
        assertRendersAs("{% do 1 + 2 %}{% do [1].count(1) if false %}done", [:], "done", loader: Self.loader)
    }

    func testNamespaceStateSurvivesLoopsAndMacros() {
        assertRendersAs("{% set ns = namespace(total=0, seen=[]) %}{% for x in [1, 2, 3] %}{% set ns.total = ns.total + x %}{% set ns.seen = ns.seen + [x] %}{% endfor %}{{ ns.total }} {{ ns.seen }}", [:], "6 [1, 2, 3]", loader: Self.loader)
        assertRendersAs("{% set ns = namespace(first=true) %}{% for c in ['a', 'b'] %}{% if not ns.first %}, {% endif %}{{ c }}{% set ns.first = false %}{% endfor %}", [:], "a, b", loader: Self.loader)
    }

    func testWhitespaceControlAndCommentsEverywhere() {
        assertRendersAs("a  {%- if true -%}  b  {%- endif -%}  c {#- note -#} d {{- 'e' -}} f", [:], "abcdef", loader: Self.loader)
        assertRendersAs("{% for x in [1, 2] -%}\n  {{ x }}\n{%- endfor %}", [:], "12", loader: Self.loader)
        assertRendersAs("{% macro m() -%}  x  {%- endmacro %}[{{ m() }}]{# {{ ignored }} {% if %} #}", [:], "[x]", loader: Self.loader)
    }

    func testIncludeAndImportInsideMacrosAndLoops() {
        // Jinja: UndefinedError: 'loop' is undefined
        _ = renderError("{% for c in ['x', 'y'] %}{% include 'col.sql' %}{% endfor %}", [:], loader: Self.loader)
        assertRendersAs("{% import 'lib.sql' as lib %}{{ lib.quote('a') }}{{ lib.sep }}{{ lib.quote('b') }}", [:], "'a', 'b'", loader: Self.loader)
        assertRendersAs("{% from 'lib.sql' import quote as q, sep %}{{ q(1) }}{{ sep }}{{ q(2) }}", [:], "'1', '2'", loader: Self.loader)
        assertRendersAs("{% set sep = '?' %}{% import 'lib.sql' as lib %}{{ lib.joined(['a', 'b']) }}", [:], "a, b", loader: Self.loader)
    }

    func testImportWithoutContextSeesNoContextVariable() {
        // Jinja: UndefinedError: 'ds' is undefined
        _ = renderError("{% import 'ctx.sql' as m %}{{ m.day() }}", ["ds": "2021-01-15"], loader: Self.loader)
    }

    func testUnsupportedTagsAreLoadTimeErrors() {
        // Jinja: "TemplateNotFound: base.sql"; Sluice refuses it at load time.
        assertFailsContaining("{% extends 'base.sql' %}", [:], "template inheritance", loader: Self.loader)
        // Jinja: ""; Sluice refuses it at load time.
        assertFailsContaining("{% block body %}{% endblock %}", [:], "template inheritance", loader: Self.loader)
        // Jinja: ""; Sluice refuses it at load time.
        assertFailsContaining("{% autoescape true %}{% endautoescape %}", [:], "autoescape", loader: Self.loader)
        // Jinja: "TemplateSyntaxError: Encountered unknown tag 'trans'."; Sluice refuses it at load time.
        assertFailsContaining("{% trans %}x{% endtrans %}", [:], "i18n", loader: Self.loader)
    }

    func testLipsumIsRefusedAsRandom() {
        // Jinja: "<p>Est consequat ac vehicula mi sed, rutrum imperdiet lacinia convallis porttitor, suspendisse erat; Sluice refuses it at load time.
        assertFailsContaining("{{ lipsum(1) }}", [:], "random", loader: Self.loader)
    }

    func testSequencesCompareItemByItem() {
        // Jinja 3.1.6: True|True|False|True
        assertRendersAs("{{ [1, 2] < [1, 3] }}|{{ (1, 2) < (1, 3) }}|{{ [2] < [1, 5] }}|{{ [1] < [1, 0] }}", "True|True|False|True")
    }

    func testListSortSortsInPlaceAndGivesNone() {
        // Jinja 3.1.6: "[1, 2, 3][3, 2, 1]None['A', 'b', 'c']"
        assertRendersAs("{% set l = [3, 1, 2] %}{% do l.sort() %}{{ l }}{% do l.sort(reverse=true) %}{{ l }}{{ [3, 1, 2].sort() }}{% set m = ['b', 'A', 'c'] %}{% do m.sort() %}{{ m }}",
                        "[1, 2, 3][3, 2, 1]None['A', 'b', 'c']")
    }

    func testMacrosReadTheBlocksAroundThemAsTheyAreWhenCalled() {
        // Jinja 3.1.6 compiles a macro to a Python closure: names of the enclosing loop, macro or
        // `with` are read when it is called. Answers: '2', '2', '212'.
        assertRendersAs("{% for i in [1] %}{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}{% endfor %}", "2")
        assertRendersAs("{% macro o() %}{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}{% endmacro %}{{ o() }}", "2")
        assertRendersAs("{% with x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{% set x = 2 %}{{ m() }}{% endwith %}{% set ns = namespace() %}{% for i in [1, 2] %}{% if loop.first %}{% macro m() %}{{ i }}{% endmacro %}{% set ns.m = m %}{% endif %}{{ ns.m() }}{% endfor %}", "212")
    }

    func testNestedTuplesUnpackInForAndSet() {
        // Jinja 3.1.6: 'x12;y34;123412'
        assertRendersAs("{% for k, (a, b) in {'x': (1, 2), 'y': [3, 4]}.items() %}{{ k }}{{ a }}{{ b }};{% endfor %}{% set p, (q, (r, s)) = 1, (2, (3, 4)) %}{{ p }}{{ q }}{{ r }}{{ s }}{% for (a, (b,)) in [(1, [2])] %}{{ a }}{{ b }}{% endfor %}",
                        "x12;y34;123412")
        // Jinja 3.1.6: '1234'
        assertRendersAs("{% for (a,) in [[1], (2,)] %}{{ a }}{% endfor %}{% set (b,) = [3] %}{{ b }}{% for (c) in [4] %}{{ c }}{% endfor %}", "1234")
    }

    /// A macro is Jinja's Macro object: its name, parameter names and what it collects, read by
    /// attribute (answer of Jinja 3.1.6).
    func testMacroAttributesAreJinjasMacroObjectAttributes() {
        assertRendersAs("{% macro m(a, b=1) %}{{ caller() }}{{ kwargs }}{% endmacro %}{{ m.name }} {{ m.arguments }} {{ m.catch_kwargs }} {{ m.catch_varargs }} {{ m.caller }}",
                        "m ('a', 'b') True False True")
    }
}
