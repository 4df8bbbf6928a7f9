import XCTest
@testable import SluiceTemplates

/// Filters, tests, methods, formatting and value printing compared with Jinja 3.1.6 under Python 3.11
/// (SandboxedEnvironment + StrictUndefined, as Airflow): every expected text below is what Jinja rendered,
/// every expected error is a case where Jinja raised too.
final class PythonBehaviourConformanceTests: XCTestCase {
    func testPercentFormattingMatchesPython() {
        assertRenders([
            RenderCase("{{ '%-5s|%5s|%x|%o|%e|%g|%r' % ('a', 'b', 255, 8, 12345.678, 0.0001, 'q') }}",
                       "a    |    b|ff|10|1.234568e+04|0.0001|'q'"),
            RenderCase("{{ '%05.2f' % 3.14159 }} {{ '%+d' % 5 }} {{ '% d' % 5 }} {{ '%#o' % 8 }} {{ '%#X' % 255 }} {{ '%.3s' % 'abcdef' }} {{ '%c' % 65 }}",
                       "03.14 +5  5 0o10 0XFF abc A"),
            RenderCase("{{ '%(a)s-%(b)05d' % {'a': 'x', 'b': 42} }}",
                       "x-00042"),
            RenderCase("{{ '%s' % [1, 2] }} {{ '%s' % (1,) }} {{ '%r' % 'it\\'s' }} {{ '%d' % 3.9 }} {{ '%i' % true }}",
                       "[1, 2] 1 \"it's\" 3 1"),
            RenderCase("{{ '%*d|%-*d|%.*f' % (5, 1, 4, 2, 2, 3.14159) }}",
                       "    1|2   |3.14"),
            RenderCase("{{ '%e|%E|%G|%g|%g' % (0.0, 1e100, 1e-10, 123456789.0, 100000.0) }}",
                       "0.000000e+00|1.000000E+100|1E-10|1.23457e+08|100000"),
            RenderCase("{{ '%f %f %f' % (1e300 * 1e300, -1e300 * 1e300, 0.5) }}",
                       "inf -inf 0.500000"),
        ])
        XCTAssertNotNil(renderError("{{ '%s %s' % ('a',) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%s' % ('a', 'b') }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%d' % 'x' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%x' % 1.5 }}")) // Jinja: TypeError
    }

    func testStrFormatMatchesPythonsFormatSpecMiniLanguage() {
        assertRenders([
            RenderCase("{{ '{}-{}'.format('a', 1) }} {{ '{0}{1}{0}'.format('x', 'y') }} {{ '{name}!'.format(name='n') }}",
                       "a-1 xyx n!"),
            RenderCase("{{ '{:>10}|{:<6}|{:^7}|{:*^9}'.format('r', 'l', 'c', 'm') }}",
                       "         r|l     |   c   |****m****"),
            RenderCase("{{ '{:05d}|{:+d}|{: d}|{:x}|{:#x}|{:#b}|{:o}|{:X}|{:,}|{:_}|{:08,}'.format(42, 5, 5, 255, 255, 5, 8, 255, 1234567, 1234567, 1234) }}",
                       "00042|+5| 5|ff|0xff|0b101|10|FF|1,234,567|1_234_567|0,001,234"),
            RenderCase("{{ '{:.2f}|{:10.3f}|{:e}|{:.2e}|{:g}|{:.3}|{:%}|{:.1%}|{:,.2f}'.format(3.14159, 2.5, 12345.678, 0.00012, 0.0001, 100.0, 0.25, 0.125, 1234567.891) }}",
                       "3.14|     2.500|1.234568e+04|1.20e-04|0.0001|1e+02|25.000000%|12.5%|1,234,567.89"),
            RenderCase("{{ '{x[0]}-{x[1]}'.format(x=[1, 2]) }} {{ '{d[k]}'.format(d={'k': 'v'}) }} {{ '{d.k}'.format(d={'k': 'v'}) }}",
                       "1-2 v v"),
            RenderCase("{{ '{!r}|{!s}|{!a}'.format('a', 'b', 'é') }}",
                       "'a'|b|'\\xe9'"),
            RenderCase("{{ '{{}} {}'.format(1) }}",
                       "{} 1"),
            RenderCase("{{ '{:{w}}|'.format('a', w=5) }}",
                       "a    |"),
            RenderCase("{{ '{}'.format(none) }} {{ '{:>6}'.format(true) }} {{ '{}'.format(true) }} {{ '{}'.format([1, 'a']) }} {{ '{:.3}'.format('abcdef') }}",
                       "None      1 True [1, 'a'] abc"),
            RenderCase("{{ '{:=+8.2f}|{:08.3f}|{:-^10}'.format(-3.0, -3.14159, 'x') }}",
                       "-   3.00|-003.142|----x-----"),
            RenderCase("{{ '{:.0f} {:.0f} {:.0f}'.format(0.5, 1.5, 2.5) }}",
                       "0 2 2"),
            RenderCase("{{ '{:n}'.format(1234) }} {{ '{:c}'.format(97) }}",
                       "1234 a"),
        ])
        XCTAssertNotNil(renderError("{{ '{0}{}'.format(1, 2) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{'.format(1) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{} {}'.format(1) }}")) // Jinja: IndexError
        XCTAssertNotNil(renderError("{{ '{:d}'.format(1.5) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:s}'.format(1) }}")) // Jinja: ValueError
    }

    func testValuesPrintAsPythonsStrAndRepr() {
        assertRenders([
            RenderCase("{{ 1e16 }} {{ 0.1 }} {{ 1e-05 }} {{ 1.5e300 }} {{ -0.0 }} {{ 1e16 * 10 }} {{ 123456789012345.6 }} {{ 2.0 ** 0.5 }} {{ 1 / 3 }}",
                       "1e+16 0.1 1e-05 1.5e+300 -0.0 1e+17 123456789012345.6 1.4142135623730951 0.3333333333333333"),
            RenderCase("{{ (1,) }} {{ () }} {{ [(1, 'a'), {'k': none}] }} {{ {'a': true, 'b': [1.0, 'x']} }} {{ [\"it's\", 'say \"hi\"', 'both \\' \"'] }} {{ ['a\nb', 'tab\\there', 'back\\\\slash'] }}",
                       "(1,) () [(1, 'a'), {'k': None}] {'a': True, 'b': [1.0, 'x']} [\"it's\", 'say \"hi\"', 'both \\' \"'] ['a\\nb', 'tab\\there', 'back\\\\slash']"),
            RenderCase("{{ ['\\x00\\x7f\\x80é\\u2028'] }}",
                       "['\\x00\\x7f\\x80é\\u2028']"),
        ])
    }

    func testStringMethodsMatchPython311() {
        assertRenders([
            RenderCase("{{ 'a,b,c'.split(',') }} {{ 'a b  c'.split() }} {{ 'a,b,c'.split(',', 1) }} {{ '  a b  '.split(none, 1) }} {{ 'a.b.c'.rsplit('.', 1) }} {{ '  a b  c '.rsplit(none, 1) }} {{ ''.split() }} {{ ''.split(',') }}",
                       "['a', 'b', 'c'] ['a', 'b', 'c'] ['a', 'b,c'] ['a', 'b  '] ['a.b', 'c'] ['  a b', 'c'] [] ['']"),
            RenderCase("{{ 'ab\ncd\\r\nef\\rg'.splitlines() }} {{ 'ab\ncd\n'.splitlines(true) }} {{ ''.splitlines() }}",
                       "['ab', 'cd', 'ef', 'g'] ['ab\\n', 'cd\\n'] []"),
            RenderCase("{{ '-'.join(['a', 'b']) }} {{ ''.join('abc') }} {{ ','.join({'k': 1}) }}",
                       "a-b abc k"),
            RenderCase("{{ '  x  '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ '  x'.lstrip() }}|{{ 'x  '.rstrip() }}|{{ 'abcba'.lstrip('ab') }}",
                       "x|a|x|x|cba"),
            RenderCase("{{ 'abc'.startswith('ab') }} {{ 'abc'.startswith(('x', 'a')) }} {{ 'abc'.endswith('bc') }} {{ 'abc'.endswith(('x', 'y')) }} {{ 'abc'.startswith('b', 1) }} {{ 'abc'.endswith('b', 0, 2) }} {{ 'abc'.startswith('') }}",
                       "True True True False True True True"),
            RenderCase("{{ 'abcabc'.find('c') }} {{ 'abcabc'.rfind('c') }} {{ 'abc'.find('z') }} {{ 'abcabc'.find('a', 1) }} {{ 'abcabc'.index('b') }} {{ 'abcabc'.rindex('b') }} {{ 'aaa'.count('a') }} {{ 'aaaa'.count('aa') }} {{ 'abc'.count('') }} {{ 'abcabc'.count('a', 1) }}",
                       "2 5 -1 3 1 4 3 2 4 1"),
            RenderCase("{{ 'a-b-c'.replace('-', '+') }} {{ 'a-b-c'.replace('-', '+', 1) }} {{ 'ab'.replace('', '.') }}",
                       "a+b+c a+b-c .a.b."),
            RenderCase("{{ '7'.zfill(3) }} {{ '-7'.zfill(4) }} {{ '+7'.zfill(4) }} {{ 'abc'.zfill(2) }}",
                       "007 -007 +007 abc"),
            RenderCase("{{ 'abc'.ljust(5, '.') }}|{{ 'abc'.rjust(5) }}|{{ 'abc'.center(7, '*') }}|{{ 'ab'.center(5) }}|{{ 'abc'.center(6) }}|{{ 'a'.center(4, '-') }}",
                       "abc..|  abc|**abc**|  ab | abc  |-a--"),
            RenderCase("{{ 'a.b.c'.partition('.') }} {{ 'a.b.c'.rpartition('.') }} {{ 'abc'.partition('.') }} {{ 'abc'.rpartition('.') }}",
                       "('a', '.', 'b.c') ('a.b', '.', 'c') ('abc', '', '') ('', '', 'abc')"),
            RenderCase("{{ 'ab cd'.upper() }} {{ 'AB'.lower() }} {{ \"they're bill's friends\".title() }} {{ 'hELLO wORLD'.capitalize() }} {{ 'aBc'.swapcase() }} {{ 'Straße'.casefold() }} {{ 'ß'.upper() }}",
                       "AB CD ab They'Re Bill'S Friends Hello world AbC strasse SS"),
            RenderCase("{{ '12'.isdigit() }} {{ '1a'.isdigit() }} {{ 'ab'.isalpha() }} {{ 'ab1'.isalnum() }} {{ ' \\t'.isspace() }} {{ 'AB1'.isupper() }} {{ 'ab1'.islower() }} {{ '1'.isupper() }} {{ ''.isdigit() }} {{ 'Ab Cd'.istitle() }} {{ 'x_1'.isidentifier() }} {{ '1x'.isidentifier() }} {{ '²'.isdigit() }} {{ '²'.isdecimal() }} {{ '½'.isnumeric() }}",
                       "True False True True True True True False False True True False True False True"),
            RenderCase("{{ 'prefix_x'.removeprefix('prefix_') }} {{ 'x.sql'.removesuffix('.sql') }} {{ 'x'.removesuffix('') }} {{ 'a\\tb\\tc'.expandtabs(4) }}|{{ 'ab\\tc'.expandtabs() }}",
                       "x x x a   b   c|ab      c"),
            RenderCase("{{ 'abc'.upper is callable }} {{ 'abc'.nomethod is defined }} {{ [].append is defined }}",
                       "True False True"),
            RenderCase("{{ 'x'.format_map({'a': 1}) }} {{ '{a}'.format_map({'a': 1}) }}",
                       "x 1"),
        ])
        XCTAssertNotNil(renderError("{{ ','.join([1, 2]) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ 'abc'.index('z') }}")) // Jinja: ValueError
    }

    func testDictAndListMethodsMatchPython311() {
        assertRenders([
            RenderCase("{{ {'a': 1}.items() | list }} {{ {'a': 1}.keys() | list }} {{ {'a': 1}.values() | list }} {{ {'a': 1}.get('a') }} {{ {'a': 1}.get('b') }} {{ {'a': 1}.get('b', 2) }} {{ {'a': 1}.copy() }}",
                       "[('a', 1)] ['a'] [1] 1 None 2 {'a': 1}"),
            RenderCase("{{ [1, 2, 2].count(2) }} {{ [1, 2, 3].index(3) }} {{ (1, 2).index(2) }} {{ [1, 2].copy() }} {{ [1, 2, 1].index(1, 1) }}",
                       "2 2 1 [1, 2] 2"),
        ])
        XCTAssertNotNil(renderError("{{ [1, 2].index(5) }}")) // Jinja: ValueError
    }

    func testEveryDeterministicFilterMatchesJinja316() {
        assertRenders([
            RenderCase("{{ {'b': 1, 'a': [1, 2]} | tojson }} {{ \"it's <b> & \\\"q\\\"\" | tojson }} {{ [1.5, none, true, 'é'] | tojson }} {{ {'a': [1, {'b': 2}], 'e': {}, 'l': []} | tojson(indent=2) }} {{ (1, 2) | tojson }}",
                       "{\"a\": [1, 2], \"b\": 1} \"it\\u0027s \\u003cb\\u003e \\u0026 \\\"q\\\"\" [1.5, null, true, \"\\u00e9\"] {\n  \"a\": [\n    1,\n    {\n      \"b\": 2\n    }\n  ],\n  \"e\": {},\n  \"l\": []\n} [1, 2]"),
            RenderCase("{{ [3, 1, 2] | sort }} {{ ['b', 'A', 'c'] | sort }} {{ ['b', 'A', 'c'] | sort(case_sensitive=true) }} {{ [3, 1, 2] | sort(reverse=true) }} {{ [{'n': 2, 'm': 'b'}, {'n': 1, 'm': 'a'}, {'n': 1, 'm': 'A'}] | sort(attribute='n,m') }} {{ [(2, 'a'), (1, 'b'), (2, 'A')] | sort }} {{ [1, 2.5, true, 0] | sort }}",
                       "[1, 2, 3] ['A', 'b', 'c'] ['A', 'b', 'c'] [3, 2, 1] [{'n': 1, 'm': 'a'}, {'n': 1, 'm': 'A'}, {'n': 2, 'm': 'b'}] [(1, 'b'), (2, 'A'), (2, 'a')] [0, 1, True, 2.5]"),
            RenderCase("{{ [1, 2, 1, 3, 2] | unique | list }} {{ ['a', 'A', 'b'] | unique | list }} {{ ['a', 'A', 'b'] | unique(true) | list }} {{ [1, 1.0, true] | unique | list }} {{ [{'n': 'b'}, {'n': 'B'}] | unique(attribute='n') | list }}",
                       "[1, 2, 3] ['a', 'b'] ['a', 'A', 'b'] [1] [{'n': 'b'}]"),
            RenderCase("{{ [1, 2, 3] | sum }} {{ [1.5, 2] | sum }} {{ [1, 2] | sum(start=10) }} {{ [{'v': 2}, {'v': 5}] | sum(attribute='v') }} {{ [[1], [2]] | sum(start=[]) }} {{ [] | sum }}",
                       "6 3.5 13 7 [1, 2] 0"),
            RenderCase("{{ [3, 1, 2] | min }} {{ [3, 1, 2] | max }} {{ ['b', 'A', 'c'] | min }} {{ ['b', 'A', 'c'] | max }} {{ ['b', 'A', 'c'] | min(case_sensitive=true) }} {{ [{'n': 'b', 'v': 1}, {'n': 'a', 'v': 3}] | max(attribute='v') }} {{ 'hello' | max }}",
                       "1 3 A c A {'n': 'a', 'v': 3} o"),
            RenderCase("{{ ['a', 'b'] | map('upper') | join(',') }} {{ [{'a': 1}] | map(attribute='b', default=0) | list }} {{ ['1', '2'] | map('int') | sum }} {{ [1, 2] | map('string') | join('-') }} {{ [[1, 2], [3]] | map('length') | list }} {{ ['a', 'b'] | map('replace', 'a', 'x') | list }} {{ [{'a': {'b': 5}}] | map(attribute='a.b') | list }} {{ [[1, 2]] | map(attribute='1') | list }}",
                       "A,B [0] 3 1-2 [2, 1] ['x', 'b'] [5] [2]"),
            RenderCase("{{ [1, 2, 3, 4] | select('odd') | list }} {{ [1, 2, 3, 4] | reject('odd') | list }} {{ [1, 5, 10] | select('gt', 3) | list }} {{ [0, 1, '', 'a'] | select | list }} {{ [0, 1, '', 'a'] | reject | list }} {{ [1, 2, 3] | select('in', [2, 3]) | list }} {{ [1, 2] | reject('eq', 1) | list }} {{ [1, 2, 3] | select('>=', 2) | list }} {{ [1, 6, 9] | select('divisibleby', 3) | list }}",
                       "[1, 3] [2, 4] [5, 10] [1, 'a'] [0, ''] [2, 3] [2] [2, 3] [6, 9]"),
            RenderCase("{{ [{'a': 1, 'on': true}, {'a': 2, 'on': false}] | selectattr('on') | map(attribute='a') | list }} {{ [{'a': 1, 'on': true}, {'a': 2, 'on': false}] | rejectattr('on') | map(attribute='a') | list }} {{ [{'a': 1}, {'a': 2}] | selectattr('a', 'equalto', 2) | list }} {{ [{'a': none}, {'a': 2}] | selectattr('a', 'none') | list }}",
                       "[1] [2] [{'a': 2}] [{'a': None}]"),
            RenderCase("{{ [1, 2, 3] | reverse | list }} {{ 'abc' | reverse }} {{ {'b': 1, 'a': 2} | dictsort }} {{ {'b': 1, 'a': 2} | dictsort(by='value', reverse=true) }} {{ {'b': 1, 'A': 2, 'a': 0} | dictsort }} {{ {'b': 1, 'a': 2} | dictsort(true) }} {{ {'b': 1, 'a': 2} | items | list }}",
                       "[3, 2, 1] cba [('a', 2), ('b', 1)] [('a', 2), ('b', 1)] [('A', 2), ('a', 0), ('b', 1)] [('a', 2), ('b', 1)] [('b', 1), ('a', 2)]"),
            RenderCase("{{ 'the quick brown fox jumps' | truncate(12) }}|{{ 'the quick brown fox jumps' | truncate(12, true, '..') }}|{{ 'long text here' | truncate(9, killwords=true) }}|{{ 'short' | truncate(255) }}|{{ 'foo bar baz qux' | truncate(6, leeway=0) }}|{{ 'joel is a slug' | truncate(7, true) }}",
                       "the...|the quick ..|long text here|short|foo...|joel..."),
            RenderCase("{{ 'a\nb\nc' | indent(2) }}|{{ 'a\nb' | indent(4, first=true) }}|{{ 'a\n\nb' | indent }}|{{ 'a\n\nb' | indent(2, blank=true) }}|{{ 'x' | indent('> ', true) }}|{{ '' | indent(2, true) }}",
                       "a\n  b\n  c|    a\n    b|a\n\n    b|a\n  \n  b|> x|  "),
            RenderCase("{{ 'one two  three' | wordcount }} {{ 'a_b c-d é1' | wordcount }} {{ 'hello' | wordwrap(3) }}|{{ 'The quick brown fox jumps over the lazy dog' | wordwrap(10) }}|{{ 'a well-known phrase here' | wordwrap(8) }}|{{ 'aaaaaaaaaa bb' | wordwrap(4, false) }}|{{ 'a b\n\nc d' | wordwrap(3, wrapstring='<br>') }}",
                       "3 4 hel\nlo|The quick\nbrown fox\njumps over\nthe lazy\ndog|a well-\nknown\nphrase\nhere|aaaaaaaaaa\nbb|a b<br><br>c d"),
            RenderCase("{{ 'a b' | urlencode }} {{ {'k': 'v w', 'x': '/&'} | urlencode }} {{ 'a/b?c=é' | urlencode }} {{ [('a', 1), ('b', 2)] | urlencode }} {{ 42 | urlencode }}",
                       "a%20b k=v+w&x=%2F%26 a/b%3Fc%3D%C3%A9 a=1&b=2 42"),
            RenderCase("{{ '<a href=\"x\">' | e }} {{ '<a>' | escape }} {{ '<b>x</b>  <!-- c -->y &amp; z' | striptags }} {{ '<b>' | safe }} {{ '<b>' | forceescape }} {{ 'it\\'s \"q\" & <>' | e }}",
                       "&lt;a href=&#34;x&#34;&gt; &lt;a&gt; x y & z <b> &lt;b&gt; it&#39;s &#34;q&#34; &amp; &lt;&gt;"),
            RenderCase("{{ 1000000 | filesizeformat }} {{ 1024 | filesizeformat(true) }} {{ 1 | filesizeformat }} {{ 300 | filesizeformat }} {{ '2000' | filesizeformat }} {{ 1e30 | filesizeformat }} {{ 1500000000 | filesizeformat(true) }}",
                       "1.0 MB 1.0 KiB 1 Byte 300 Bytes 2.0 kB 1000000.0 YB 1.4 GiB"),
            RenderCase("{{ 'abc' | center(9) }}|{{ 'ab' | center(5) }}|",
                       "   abc   |  ab |"),
            RenderCase("{{ [{'k': 'a', 'v': 1}, {'k': 'b', 'v': 2}, {'k': 'a', 'v': 3}] | groupby('k') }} {{ [{'k': 'a', 'v': 1}, {'k': 'A', 'v': 3}] | groupby('k') }} {{ [{'k': 'a', 'v': 1}, {'k': 'A', 'v': 3}] | groupby('k', case_sensitive=true) }}",
                       "[('a', [{'k': 'a', 'v': 1}, {'k': 'a', 'v': 3}]), ('b', [{'k': 'b', 'v': 2}])] [('a', [{'k': 'a', 'v': 1}, {'k': 'A', 'v': 3}])] [('A', [{'k': 'A', 'v': 3}]), ('a', [{'k': 'a', 'v': 1}])]"),
            RenderCase("{% for g in [{'k': 'a', 'v': 1}, {'k': 'b', 'v': 2}, {'k': 'a', 'v': 3}] | groupby('k') %}{{ g.grouper }}={{ g.list | map(attribute='v') | join(',') }};{% endfor %}{% for k, items in [{'k': 1}, {'x': 2}] | groupby('k', default=0) %}{{ k }}:{{ items | length }};{% endfor %}",
                       "a=1,3;b=2;0:1;1:1;"),
            RenderCase("{{ {'a': 1} | pprint }} {{ {'b': [1, 2], 'a': 'x'} | pprint }} {{ 'x' | pprint }} {{ none | pprint }}",
                       "{'a': 1} {'a': 'x', 'b': [1, 2]} 'x' None"),
            RenderCase("{{ {'class': 'a', 'id': 'b', 'n': none} | xmlattr }}|{{ {'a': '<\"x\">'} | xmlattr(false) }}",
                       " class=\"a\" id=\"b\"|a=\"&lt;&#34;x&#34;&gt;\""),
            RenderCase("{{ 1234.5678 | round(-2) }} {{ 2.5 | round(0, 'floor') }} {{ 3 | round }} {{ 2.5 | round }} {{ 3.5 | round }} {{ 2.675 | round(2) }} {{ 1.23456 | round(3, 'ceil') }} {{ 15 | round(-1) }} {{ 25 | round(-1) }} {{ 3 | round(0, 'ceil') }} {{ -2.5 | round }} {{ 1.5 | round(1) }}",
                       "1200.0 2.0 3 2.0 4.0 2.67 1.235 20 20 3.0 -2.0 1.5"),
            RenderCase("{{ '42' | int }} {{ '4.7' | int }} {{ 'x' | int(7) }} {{ '0x4d32' | int(base=16) }} {{ '0b101' | int(0, 2) }} {{ ' 12 ' | int }} {{ 3.99 | int }} {{ '1_000' | int }} {{ none | int }} {{ '1e3' | int }}",
                       "42 4 7 19762 5 12 3 1000 0 1000"),
            RenderCase("{{ '4.5' | float }} {{ 'x' | float }} {{ 'x' | float(1.5) }} {{ 3 | float }} {{ ' 1_0.5 ' | float }} {{ 'inf' | float }} {{ '-nan' | float }} {{ '0x10' | float }} {{ '1e5' | float }}",
                       "4.5 0.0 1.5 3.0 10.5 inf nan 0.0 100000.0"),
            RenderCase("{{ -3 | abs }} {{ -2.5 | abs }} {{ 'x y' | capitalize }} {{ 'hello-world (foo) [bar]x<y' | title }} {{ \"they're\" | title }} {{ 'abc' | upper }} {{ 'ABC' | lower }} {{ '  a  ' | trim }}|{{ 'xxaxx' | trim('x') }} {{ 'aaa' | replace('a', 'b', 2) }}",
                       "3 2.5 X y Hello-World (Foo) [Bar]x<Y They're ABC abc a|a bba"),
            RenderCase("{{ [1, 2] | join }} {{ [1, 2] | join(', ') }} {{ [{'n': 'a'}, {'n': 'b'}] | join('|', attribute='n') }} {{ 'abc' | join('.') }}",
                       "12 1, 2 a|b a.b.c"),
            RenderCase("{{ [1, 2, 3] | first }} {{ [1, 2, 3] | last }} {{ 'abc' | first }} {{ 'abc' | length }} {{ {'a': 1} | count }} {{ 'ab' | list }} {{ {'a': 1, 'b': 2} | list }} {{ 1 | string }} {{ [1] | string }}",
                       "1 3 a 3 1 ['a', 'b'] ['a', 'b'] 1 [1]"),
            RenderCase("{{ none | default('d') }} {{ '' | default('d') }} {{ '' | default('d', true) }} {{ 0 | d('z', boolean=true) }} {{ missing | default('m') }} {{ missing | d }}|",
                       "None  d z m |"),
            RenderCase("{{ '%s_%s' | format('a', 1) }} {{ '%05.1f' | format(3.14159) }} {{ 'Hello %s, %d%%' | format('you', 5) }} {{ '%(a)s' | format(a=1) }}",
                       "a_1 003.1 Hello you, 5% 1"),
            RenderCase("{{ 'abc' | attr('upper') is callable }} {{ {'a': 1} | attr('a') is undefined }} {{ {'a': 1} | attr('items') is callable }}",
                       "True True True"),
        ])
        XCTAssertNotNil(renderError("{{ [1, 'a'] | sort }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [[1], [1]] | unique | list }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [] | max }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [1, 2] | select('nosuchtest') | list }}")) // Jinja: TemplateRuntimeError
        XCTAssertNotNil(renderError("{{ {'a b': 1} | xmlattr }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ 'x' | round }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ {'a': 1} | attr('a') }}")) // Jinja: UndefinedError
    }

    func testEdgeCasesOfFiltersTestsAndFormattingMatchJinja316() {
        assertRenders([
            RenderCase("{{ {'b': 1, 'a': 2} | list }} {{ {'b': 1} | string }} {{ [[1, 2], [3]] | join(',') }} {{ [] | first is undefined }} {{ 'abc' | batch(2) | list }}",
                       "['b', 'a'] {'b': 1} [1, 2],[3] True [['a', 'b'], ['c']]"),
            RenderCase("{{ '%s|%r' % (none, none) }} {{ '%s' % true }} {{ '%.2f' % true }} {{ '%5.1f%%' % 12.345 }}",
                       "None|None True 1.00  12.3%"),
            RenderCase("{{ [{'a': {'b': 1}}, {'a': {'b': 0}}] | selectattr('a.b') | list }} {{ [1, 2, 3] | map('default', 0) | list }} {{ ['a'] | map('join', ',') | list }}",
                       "[{'a': {'b': 1}}] [1, 2, 3] ['a']"),
            RenderCase("{{ 'AbC' | lower is lower }} {{ 'ABC1' is upper }} {{ '' is lower }} {{ 3 is divisibleby 3 }} {{ 3.0 is divisibleby 1.5 }} {{ 4.0 is even }} {{ 3.0 is odd }} {{ none is not none }} {{ 1 is not in [2] }}",
                       "True True False True True True True False True"),
            RenderCase("{{ 1.5 is even }}",
                       "False"),
            RenderCase("{{ [1, [2, 3]] | tojson }} {{ 1.0 | tojson }} {{ 1e20 | tojson }} {{ 'x\\ty' | tojson }}",
                       "[1, [2, 3]] 1.0 1e+20 \"x\\ty\""),
            RenderCase("{{ 10 | filesizeformat }} {{ 999 | filesizeformat }} {{ 1000 | filesizeformat }} {{ -5 | filesizeformat }}",
                       "10 Bytes 999 Bytes 1.0 kB -5 Bytes"),
            RenderCase("{{ 'A B C' | lower | replace(' ', '_') }} {{ 'x' | center }}|",
                       "a_b_c                                        x                                        |"),
            RenderCase("{{ [(1, 'b'), (1, 'a')] | sort(attribute='1') }} {{ [1.5, 1, 2] | max }} {{ [true, 2] | max }}",
                       "[(1, 'a'), (1, 'b')] 2 2"),
            RenderCase("{{ 'é' | urlencode }} {{ '' | wordcount }} {{ 'Hello World' | wordwrap(5) }}|{{ 'abcdefghij' | wordwrap(3) }}|{{ 'a    b' | wordwrap(2) }}",
                       "%C3%A9 0 Hello\nWorld|abc\ndef\nghi\nj|a\nb"),
            RenderCase("{{ 42 | string | length }} {{ -0.0 | abs }} {{ true | abs }} {{ 3 | float | round }} {{ 1e300 * 10 | round }}",
                       "2 0.0 1 3.0 1e+301"),
            RenderCase("{{ 'x' | int(base=1) }}",
                       "0"),
            RenderCase("{{ [1,2,3] | batch(0) | list }}",
                       "[[], [1, 2, 3]]"),
            RenderCase("{{ 'a' | indent(2, true) }}|{{ 'a\n' | indent(2) }}|{{ '\na' | indent(2, blank=true) }}|",
                       "  a|a\n|\n  a|"),
            RenderCase("{{ '%-6.2f|' % 3.14159 }}{{ '%06d' % -42 }}{{ '|%+.1e' % 12345 }}{{ '|%#.0f' % 3 }}{{ '|%g' % 1e20 }}{{ '|%G' % 1e-20 }}{{ '|%.10g' % (1/3) }}",
                       "3.14  |-00042|+1.2e+04|3.|1e+20|1E-20|0.3333333333"),
            RenderCase("{{ '{:>+08.2f}|{:<8d}|{:^+9.1f}|{:#o}|{:#X}|{:b}|{:,d}'.format(3.14159, 42, -2.5, 8, 255, 10, -1234567) }}",
                       "000+3.14|42      |  -2.5   |0o10|0XFF|1010|-1,234,567"),
            RenderCase("{{ '{:e}|{:E}|{:.0e}|{:g}|{:G}|{:.2%}|{:10.4}|{:.1f}'.format(1234.5, 0.00012, 5.5, 1e-7, 1e20, 1, 3.14159, 0.05) }}",
                       "1.234500e+03|1.200000E-04|6e+00|1e-07|1E+20|100.00%|     3.142|0.1"),
            RenderCase("{{ '{:,}'.format(1234.5) }} {{ '{:_x}'.format(123456789) }} {{ '{:010.2f}'.format(-1.5) }} {{ '{:x<4}'.format(1) }}",
                       "1,234.5 75b_cd15 -000001.50 1xxx"),
            RenderCase("{{ 1e22 }} {{ 1e21 }} {{ 123456789.123456789 }} {{ 5e-324 }} {{ 0.000123 }} {{ 1.7976931348623157e308 }} {{ 100.0 }} {{ 3.0e0 }}",
                       "1e+22 1e+21 123456789.12345679 5e-324 0.000123 1.7976931348623157e+308 100.0 3.0"),
            RenderCase("{{ [1.0, -0.0, 1e100] }} {{ (\"a\", (\"b\",)) }} {{ {'a': {'b': (1,)}} }} {{ [none, true, false] }}",
                       "[1.0, -0.0, 1e+100] ('a', ('b',)) {'a': {'b': (1,)}} [None, True, False]"),
        ])
        XCTAssertNotNil(renderError("{{ [none, 1] | sort }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ ['a', 'b'] | sum }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ ['a', 'b'] | sum(start='') }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ 'x' * 3 | upper }} {{ [1, 2] | select('==', 1) | list }} {{ [1, 2] | select('ne', 1) | list }} {{ [1, 'a'] | select('string') | list }} {{ [1, 'a'] | select('number') | list }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ 5 is divisibleby 0 }}")) // Jinja: ZeroDivisionError
        XCTAssertNotNil(renderError("{{ 'a' is even }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ {'a': 1, 'b': 2} | dictsort(false, 'value') }} {{ {'a': 1} | dictsort(by='x') }}")) // Jinja: FilterArgumentError
        XCTAssertNotNil(renderError("{{ [3, 2, 1] | sort(attribute='0') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ (1e300 * 1e300) | int }}")) // Jinja: NameError
        XCTAssertNotNil(renderError("{{ 'abc' | truncate(2) }}")) // Jinja: AssertionError
        XCTAssertNotNil(renderError("{{ [1,2,3] | slice(0) | list }}")) // Jinja: ZeroDivisionError
    }

    func testDictCyclerAndJoinerGlobalsMatchJinja316() {
        assertRenders([
            RenderCase("{% set c = cycler('x', 'y') %}{{ c.current }}{{ c.next() }}{{ c.current }}{{ c.reset() }}{{ c.next() }}|{{ c.items }}|{{ dict([('a', 1)], b=2) }}|{{ dict() }}|{{ dict({'a': 1}) }}|{% set j = joiner() %}{{ j() }}{{ j() }}{{ j() }}",
                       "xxyNonex|('x', 'y')|{'a': 1, 'b': 2}|{}|{'a': 1}|, , "),
            RenderCase("{{ dict(a=1, b='x') }} {{ dict(a=1).a }}",
                       "{'a': 1, 'b': 'x'} 1"),
            RenderCase("{% set c = cycler('x', 'y') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}",
                       "xyx"),
            RenderCase("{% set j = joiner(', ') %}{% for t in ['a', 'b', 'c'] %}{{ j() }}{{ t }}{% endfor %}",
                       "a, b, c"),
            RenderCase("{% set j = joiner('|') %}{% for t in [1, 2] %}{{ j() }}{{ t }}{% endfor %}{% for row in [[1, 2], [3]] %}{% set c = cycler('odd', 'even') %}{{ c.next() }}{% endfor %}",
                       "1|2oddodd"),
            RenderCase("{% set c = cycler('a', 'b', 'c') %}{% for i in [1, 2, 3, 4] %}{{ c.next() }}{% endfor %}{{ c.current }}",
                       "abcab"),
        ])
    }

    func testInPlaceListAndDictMethodsOnNamesAndLiteralsMatchJinja316() {
        assertRenders([
            RenderCase("{% set x = [] %}{% set _ = x.append(1) %}{% set _ = x.append('a') %}{{ x }}",
                       "[1, 'a']"),
            RenderCase("{% set x = [] %}{% for i in [1, 2, 3] %}{% set _ = x.append(i * 2) %}{% endfor %}{{ x }}",
                       "[2, 4, 6]"),
            RenderCase("{% set x = [3, 1, 2] %}{% set _ = x.sort() %}{{ x }}{% set _ = x.sort(reverse=true) %}{{ x }}{% set r = x.pop() %}{{ r }}{{ x }}{% set _ = x.insert(0, 9) %}{{ x }}{% set _ = x.extend((5, 6)) %}{{ x }}{% set _ = x.remove(9) %}{{ x }}{% set _ = x.reverse() %}{{ x }}{% set _ = x.clear() %}{{ x }}",
                       "[1, 2, 3][3, 2, 1]1[3, 2][9, 3, 2][9, 3, 2, 5, 6][3, 2, 5, 6][6, 5, 2, 3][]"),
            RenderCase("{% set d = {'a': 1} %}{% set _ = d.update({'b': 2}) %}{% set _ = d.update(c=3) %}{{ d }}{% set v = d.pop('a') %}{{ v }}{{ d }}{% set v = d.setdefault('z', 0) %}{{ v }}{{ d }}{% set v = d.popitem() %}{{ v }}{{ d }}{% set v = d.pop('q', 'dflt') %}{{ v }}",
                       "{'a': 1, 'b': 2, 'c': 3}1{'b': 2, 'c': 3}0{'b': 2, 'c': 3, 'z': 0}('z', 0){'b': 2, 'c': 3}dflt"),
            RenderCase("{{ [3, 1, 2].sort() }} {% set d = {'a': 1} %}{{ d.update({'b': 2}) }}{{ d }} {% set x = [1] %}{{ x.append(2) }}{{ x }}{{ x.pop() }}{{ x }}",
                       "None None{'a': 1, 'b': 2} None[1, 2]2[1]"),
            RenderCase("{% set x = [] %}{% for i in [1, 2] %}{% for j in 'ab' %}{{ x.append(j ~ i) }}{% endfor %}{% endfor %}{{ x | join(',') }}",
                       "NoneNoneNoneNonea1,b1,a2,b2"),
            RenderCase("{{ [1, 2].pop() }} {{ {'a': 1}.setdefault('b', 2) }} {{ {'a': 1}.pop('a') }}",
                       "2 2 1"),
        ])
        XCTAssertNotNil(renderError("{% set x = [1] %}{% set _ = x.pop(5) %}")) // Jinja: IndexError
        XCTAssertNotNil(renderError("{% set x = [1] %}{% set _ = x.remove(5) %}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{% set d = {} %}{% set _ = d.pop('k') %}")) // Jinja: KeyError
    }

    func testWordwrapBreaksAsPythonsTextwrap() {
        assertRenders([
            RenderCase("{{ 'a well-known phrase-based approach to long-words wrapping' | wordwrap(10) }}",
                       "a well-\nknown\nphrase-\nbased\napproach\nto long-\nwords\nwrapping"),
            RenderCase("{{ 'a well-known phrase-based approach to long-words wrapping' | wordwrap(7) }}",
                       "a well-\nknown\nphrase-\nbased a\npproach\nto\nlong-\nwords w\nrapping"),
            RenderCase("{{ 'a well-known phrase-based approach to long-words wrapping' | wordwrap(12, break_on_hyphens=false) }}",
                       "a well-known\nphrase-based\napproach to\nlong-words\nwrapping"),
            RenderCase("{{ 'supercalifragilistic-expialidocious word' | wordwrap(8) }}",
                       "supercal\nifragili\nstic-exp\nialidoci\nous word"),
            RenderCase("{{ 'x--y a-1 1-a -a a- --- a---b' | wordwrap(3) }}",
                       "x--\ny\na-1\n1-a\n-a\na-\n---\na\n---\nb"),
            RenderCase("{{ 'one  two   three    four' | wordwrap(5) }}",
                       "one\ntwo\nthree\nfour"),
            RenderCase("{{ '  leading spaces here' | wordwrap(8) }}",
                       "leading\nspaces\nhere"),
            RenderCase("{{ 'tab\\tseparated\\twords here' | wordwrap(6) }}",
                       "tab\tse\nparate\nd\nwords\nhere"),
            RenderCase("{{ 'averyveryverylongword' | wordwrap(5, false) }}",
                       "averyveryverylongword"),
            RenderCase("{{ 'SELECT a, b, c FROM some_table WHERE x = 1 AND y = 2' | wordwrap(20) }}",
                       "SELECT a, b, c FROM\nsome_table WHERE x =\n1 AND y = 2"),
        ])
    }

    func testFloatsPrintAsPythonsRepr() {
        assertRenders([
            RenderCase("{{ 1e15 }} {{ 1e14 }} {{ 123456789012345.0 }} {{ 9007199254740992.0 }} {{ 2.0 ** 53 }} {{ 1e16 - 1 }} {{ 0.0001 }} {{ 0.00001 }} {{ 0.00012345 }} {{ 1234567890123456.7 }} {{ 5e15 }} {{ 4.35 * 100 }} {{ 1/7 }} {{ -1e-7 }} {{ 100000000000000000000.0 }}",
                       "1000000000000000.0 100000000000000.0 123456789012345.0 9007199254740992.0 9007199254740992.0 1e+16 0.0001 1e-05 0.00012345 1234567890123456.8 5000000000000000.0 434.99999999999994 0.14285714285714285 -1e-07 1e+20"),
            RenderCase("{{ [1e15, 1e-5, 2.5] }} {{ 1e15 | string }} {{ '%s' % 1e15 }} {{ '{}'.format(1e15) }} {{ 1e15 | tojson }}",
                       "[1000000000000000.0, 1e-05, 2.5] 1000000000000000.0 1000000000000000.0 1000000000000000.0 1000000000000000.0"),
        ])
    }

    func testFormatSpecsAndPrintfConversionsMatchPythonOnGeneratedCases() {
        assertRenders([
            RenderCase("{{ '{: ^012_}'.format(-2.5) }}",
                       "    -2.5    "),
            RenderCase("{{ '%0+6.3f' % -2.5 }}",
                       "-2.500"),
            RenderCase("{{ '{:0^ .10e}'.format(3.14159) }}",
                       " 3.1415900000e+00"),
            RenderCase("{{ '{:^8,.5E}'.format(-1) }}",
                       "-1.00000E+00"),
            RenderCase("{{ '%-+10.0g' % 2.5 }}",
                       "+2        "),
            RenderCase("{{ '{:*^ #_.0%}'.format(255) }}",
                       " 25_500.%"),
            RenderCase("{{ '%-.0o' % 255 }}",
                       "377"),
            RenderCase("{{ '{:<.2G}'.format(true) }}",
                       "1"),
            RenderCase("{{ '%-.3X' % true }}",
                       "001"),
            RenderCase("{{ '{:0= 08_}'.format(1) }}",
                       " 000_001"),
            RenderCase("{{ '% d' % 1 }}",
                       " 1"),
            RenderCase("{{ '{:1}'.format(1e16) }}",
                       "1e+16"),
            RenderCase("{{ '%#6.0i' % 1e16 }}",
                       "10000000000000000"),
            RenderCase("{{ '% 6.3r' % 123456.789 }}",
                       "   123"),
            RenderCase("{{ '{:*>+#1G}'.format(-2.5) }}",
                       "-2.50000"),
            RenderCase("{{ '%0+.3s' % 2.5 }}",
                       "2.5"),
            RenderCase("{{ '{:*<-01n}'.format(0) }}",
                       "0"),
            RenderCase("{{ '%06.0X' % 0 }}",
                       "000000"),
            RenderCase("{{ '% .0i' % 0.0 }}",
                       " 0"),
            RenderCase("{{ '{:0<1.0g}'.format(2.5) }}",
                       "2"),
            RenderCase("{{ '% 6.3d' % 2.5 }}",
                       "   002"),
            RenderCase("{{ '{:*^1.2n}'.format(1e16) }}",
                       "1e+16"),
            RenderCase("{{ '{:0^.5%}'.format(3.14159) }}",
                       "314.15900%"),
            RenderCase("{{ '%6f' % 0.5 }}",
                       "0.500000"),
            RenderCase("{{ '{:.2E}'.format(42) }}",
                       "4.20E+01"),
            RenderCase("{{ '%6e' % 42 }}",
                       "4.200000e+01"),
            RenderCase("{{ '{: ^-8e}'.format(1e16) }}",
                       "1.000000e+16"),
            RenderCase("{{ '%d' % 1e16 }}",
                       "10000000000000000"),
            RenderCase("{{ '%-6.0o' % true }}",
                       "1     "),
            RenderCase("{{ '{: <+8,e}'.format(123456.789) }}",
                       "+1.234568e+05"),
            RenderCase("{{ '%10.3g' % 123456.789 }}",
                       "  1.23e+05"),
            RenderCase("{{ '%-+.0o' % -1 }}",
                       "-1"),
            RenderCase("{{ '%-6g' % true }}",
                       "1     "),
            RenderCase("{{ '{:<+#,.10f}'.format(-1234567) }}",
                       "-1,234,567.0000000000"),
            RenderCase("{{ '%-+10r' % -1234567 }}",
                       "-1234567  "),
            RenderCase("{{ '{:=-8f}'.format(2.5) }}",
                       "2.500000"),
            RenderCase("{{ '{: #0.5f}'.format(-0.0) }}",
                       "-0.00000"),
            RenderCase("{{ '{:#12_.10E}'.format(255) }}",
                       "2.5500000000E+02"),
            RenderCase("{{ '% 6.3g' % 255 }}",
                       "   255"),
            RenderCase("{{ '{: >0,.10g}'.format(1e-7) }}",
                       "1e-07"),
            RenderCase("{{ '{: =-012f}'.format(2.5) }}",
                       "    2.500000"),
            RenderCase("{{ '%0+10.0r' % 2.5 }}",
                       "          "),
            RenderCase("{{ '%0+6i' % -0.0 }}",
                       "+00000"),
            RenderCase("{{ '%-.0f' % 0 }}",
                       "0"),
            RenderCase("{{ '{:#0}'.format(3.14159) }}",
                       "3.14159"),
            RenderCase("{{ '%#.0d' % 3.14159 }}",
                       "3"),
            RenderCase("{{ '%.0E' % -1 }}",
                       "-1E+00"),
            RenderCase("{{ '{:=12e}'.format(2.5) }}",
                       "2.500000e+00"),
            RenderCase("{{ '{:0^+#12,.0g}'.format(1e16) }}",
                       "00+1.e+16000"),
            RenderCase("{{ '%-.3i' % 1e16 }}",
                       "10000000000000000"),
            RenderCase("{{ '{: ^-8.2}'.format(0.5) }}",
                       "  0.5   "),
            RenderCase("{{ '%#6i' % 0.0 }}",
                       "     0"),
            RenderCase("{{ '%-+10.3g' % 0.0 }}",
                       "+0        "),
            RenderCase("{{ '{: ^1_g}'.format(-1234567) }}",
                       "-1.23457e+06"),
            RenderCase("{{ '% 10.0s' % -0.0 }}",
                       "          "),
            RenderCase("{{ '%#6.0E' % 1 }}",
                       "1.E+00"),
            RenderCase("{{ '{:^#8x}'.format(-1234567) }}",
                       "-0x12d687"),
            RenderCase("{{ '%-+10G' % -1234567 }}",
                       "-1.23457E+06"),
            RenderCase("{{ '{:-012,F}'.format(true) }}",
                       "0,001.000000"),
            RenderCase("{{ '%10.0E' % true }}",
                       "     1E+00"),
            RenderCase("{{ '{:012_}'.format(3.14159) }}",
                       "00_003.14159"),
            RenderCase("{{ '%0.3i' % 3.14159 }}",
                       "003"),
            RenderCase("{{ '{:12.2}'.format('héllo') }}",
                       "hé          "),
            RenderCase("{{ '%.0s' % 'héllo' }}",
                       ""),
            RenderCase("{{ '{:12,g}'.format(123456.789) }}",
                       "     123,457"),
            RenderCase("{{ '%#10E' % 123456.789 }}",
                       "1.234568E+05"),
            RenderCase("{{ '%6.3E' % 42 }}",
                       "4.200E+01"),
            RenderCase("{{ '%0+6.3s' % 1 }}",
                       "     1"),
            RenderCase("{{ '{:=-#.2F}'.format(123456.789) }}",
                       "123456.79"),
            RenderCase("{{ '%+6.3G' % 123456.789 }}",
                       "+1.23E+05"),
            RenderCase("{{ '{: #012,e}'.format(1e-7) }}",
                       " 1.000000e-07"),
            RenderCase("{{ '%010G' % 1e-7 }}",
                       "000001E-07"),
            RenderCase("{{ '{:<#0_F}'.format(-1) }}",
                       "-1.000000"),
            RenderCase("{{ '%0+10.3E' % -1 }}",
                       "-1.000E+00"),
            RenderCase("{{ '{:8_.0f}'.format(1e-7) }}",
                       "       0"),
            RenderCase("{{ '%0+.3f' % 1e-7 }}",
                       "+0.000"),
            RenderCase("{{ '%+10.3g' % -2.5 }}",
                       "      -2.5"),
            RenderCase("{{ '%+.0s' % -1 }}",
                       ""),
            RenderCase("{{ '{:0<#12,.2}'.format(0.5) }}",
                       "0.5000000000"),
            RenderCase("{{ '% d' % 0.5 }}",
                       " 0"),
            RenderCase("{{ '{:< #12x}'.format(0) }}",
                       " 0x0        "),
            RenderCase("{{ '% 6.0s' % 0 }}",
                       "      "),
            RenderCase("{{ '{:0=#.2%}'.format(1e-7) }}",
                       "0.00%"),
            RenderCase("{{ '%-+6f' % 1e-7 }}",
                       "+0.000000"),
            RenderCase("{{ '{:0=+08.2%}'.format(-1234567) }}",
                       "-123456700.00%"),
            RenderCase("{{ '%0+6.3x' % -1234567 }}",
                       "-12d687"),
            RenderCase("{{ '{:+_.5f}'.format(255) }}",
                       "+255.00000"),
            RenderCase("{{ '%0+6.0f' % 255 }}",
                       "+00255"),
            RenderCase("{{ '{:0=+,g}'.format(true) }}",
                       "+1"),
            RenderCase("{{ '%+.3c' % true }}",
                       "\u{1}"),
            RenderCase("{{ '{:-12.0F}'.format(-1234567) }}",
                       "    -1234567"),
            RenderCase("{{ '% 10X' % -1234567 }}",
                       "   -12D687"),
            RenderCase("{{ '%#.3G' % 0.5 }}",
                       "0.500"),
            RenderCase("{{ '%0+6.0e' % -1 }}",
                       "-1e+00"),
            RenderCase("{{ '{:g}'.format(0.5) }}",
                       "0.5"),
            RenderCase("{{ '{:>0e}'.format(0) }}",
                       "0.000000e+00"),
            RenderCase("{{ '%0.3i' % 0 }}",
                       "000"),
            RenderCase("{{ '{:>.0f}'.format(0.5) }}",
                       "0"),
            RenderCase("{{ '%0e' % 0.5 }}",
                       "5.000000e-01"),
            RenderCase("{{ '{:0< X}'.format(-1234567) }}",
                       "-12D687"),
            RenderCase("{{ '%+.0x' % -1234567 }}",
                       "-12d687"),
            RenderCase("{{ '{:=+8_.10F}'.format(true) }}",
                       "+1.0000000000"),
            RenderCase("{{ '%-+6.3x' % true }}",
                       "+001  "),
            RenderCase("{{ '{: _.0g}'.format(-0.0) }}",
                       "-0"),
            RenderCase("{{ '% .0e' % -0.0 }}",
                       "-0e+00"),
            RenderCase("{{ '{: 1}'.format(3.14159) }}",
                       " 3.14159"),
            RenderCase("{{ '%010.3f' % 1e-7 }}",
                       "000000.000"),
            RenderCase("{{ '{:^ 08.0G}'.format(255) }}",
                       "0 3E+020"),
            RenderCase("{{ '% 6G' % 255 }}",
                       "   255"),
            RenderCase("{{ '%10.0d' % -0.0 }}",
                       "         0"),
            RenderCase("{{ '{: >}'.format(42) }}",
                       "42"),
            RenderCase("{{ '%0E' % 42 }}",
                       "4.200000E+01"),
            RenderCase("{{ '%-.3d' % 2.5 }}",
                       "002"),
            RenderCase("{{ '%+10.0d' % true }}",
                       "        +1"),
            RenderCase("{{ '{: #1o}'.format(1) }}",
                       " 0o1"),
            RenderCase("{{ '%0+10.0e' % 1 }}",
                       "+00001e+00"),
            RenderCase("{{ '{:0= 1.0e}'.format(1e-7) }}",
                       " 1e-07"),
            RenderCase("{{ '%#10.3E' % 1e-7 }}",
                       " 1.000E-07"),
            RenderCase("{{ '%+6.3r' % 'héllo' }}",
                       "   'hé"),
            RenderCase("{{ '% .3E' % 1 }}",
                       " 1.000E+00"),
            RenderCase("{{ '{:+1X}'.format(42) }}",
                       "+2A"),
            RenderCase("{{ '%+.3E' % 42 }}",
                       "+4.200E+01"),
            RenderCase("{{ '{: 01,.5g}'.format(1e16) }}",
                       " 1e+16"),
            RenderCase("{{ '% 6.0s' % 1e16 }}",
                       "      "),
            RenderCase("{{ '{: >-0.5G}'.format(-1) }}",
                       "-1"),
            RenderCase("{{ '%0+.0x' % -1 }}",
                       "-1"),
            RenderCase("{{ '{:*> ,.0e}'.format(true) }}",
                       " 1e+00"),
            RenderCase("{{ '%#.0x' % true }}",
                       "0x1"),
            RenderCase("{{ '%+10r' % -1234567 }}",
                       "  -1234567"),
            RenderCase("{{ '{: < #1.2%}'.format(0.5) }}",
                       " 50.00%"),
            RenderCase("{{ '%-+10E' % 1e-7 }}",
                       "+1.000000E-07"),
            RenderCase("{{ '{:<-012,G}'.format(0.5) }}",
                       "0.5000000000"),
            RenderCase("{{ '%#.3s' % 0.5 }}",
                       "0.5"),
            RenderCase("{{ '{:0=0f}'.format(1e16) }}",
                       "10000000000000000.000000"),
            RenderCase("{{ '%-+10.3E' % 1e16 }}",
                       "+1.000E+16"),
            RenderCase("{{ '{:-08.0f}'.format(123456.789) }}",
                       "00123457"),
            RenderCase("{{ '%+.0E' % 123456.789 }}",
                       "+1E+05"),
            RenderCase("{{ '%-6i' % 1e-7 }}",
                       "0     "),
            RenderCase("{{ '{:0< 12,.5G}'.format(1) }}",
                       " 10000000000"),
            RenderCase("{{ '%-+6.0x' % 1 }}",
                       "+1    "),
            RenderCase("{{ '{: >,.10}'.format(0.0) }}",
                       "0.0"),
            RenderCase("{{ '%+.3r' % 0.0 }}",
                       "0.0"),
            RenderCase("{{ '{:*<#01f}'.format(3.14159) }}",
                       "3.141590"),
            RenderCase("{{ '%0.3d' % 3.14159 }}",
                       "003"),
        ])
        XCTAssertNotNil(renderError("{{ '%-+10o' % 3.14159 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%-+6.3c' % -1 }}")) // Jinja: OverflowError
        XCTAssertNotNil(renderError("{{ '{:+,b}'.format(2.5) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:0^+#012_s}'.format(none) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%6.3o' % none }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:0> 01_c}'.format(123456.789) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%#.0X' % -2.5 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:+8_.10b}'.format(2.5) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:*>0.5o}'.format(0.0) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{: ,d}'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%#10.3f' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%-+6.0X' % 1e16 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:>12_.5G}'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%+.3G' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:*^+1o}'.format(none) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%.3x' % none }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%+10x' % 3.14159 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{: .5X}'.format(0.5) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:=#012s}'.format(true) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:1_.2}'.format(-1) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:*>-.5b}'.format(true) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%0+10.0X' % 2.5 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%10.0X' % -0.0 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%-+10.3c' % 1e-7 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:0^.5c}'.format(none) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%#.3x' % none }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:0^ #b}'.format(-0.0) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:+12,.10x}'.format(2.5) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%0+10.3x' % 2.5 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:0=0,o}'.format(0) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:+8,.5s}'.format(-1) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:0>01,.2e}'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%#.0d' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:> 1.10n}'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%0+6.3o' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:< #0,.5n}'.format(0.0) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%10.0o' % 0.0 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%#10.3o' % 2.5 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%0.0x' % 0.5 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:= 12,.5d}'.format(0.0) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:#0.10x}'.format(0.0) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%+6.0c' % -1234567 }}")) // Jinja: OverflowError
        XCTAssertNotNil(renderError("{{ '{:>-1_.0X}'.format(-0.0) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:=0,c}'.format(1e16) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%0+c' % 1e16 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{: #_.0e}'.format(none) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%06X' % none }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:< 0,.5}'.format(1) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:0^+#b}'.format(1e-7) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%#.0x' % 1e-7 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:+8,b}'.format(42) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:#08.2s}'.format(1) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:*^-,c}'.format(123456.789) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%-+10.0x' % 123456.789 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:#.0x}'.format(-2.5) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{: < _}'.format(none) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%-10d' % none }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:_X}'.format(3.14159) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%#6.3o' % 3.14159 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:< .5}'.format('héllo') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%0+6.3o' % 'héllo' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:*<1.2d}'.format(-1) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:*<+8.0o}'.format(-2.5) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%o' % -2.5 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:^.2n}'.format(none) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%#10G' % none }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{: < }'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%0+10G' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{: = #8_.10g}'.format('héllo') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '% o' % 'héllo' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:>08.2d}'.format(0.5) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:<+012,.0}'.format('héllo') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '% E' % 'héllo' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:#8.2b}'.format(-1) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%0+10.0o' % 0.5 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '%0.0X' % 3.14159 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{: =+1_.2s}'.format(1e-7) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:-.5x}'.format(-0.0) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:0= 8.5n}'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%-+6.0o' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:08_.2n}'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%+6.0o' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:^-.0x}'.format(2.5) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:<-,.0e}'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%-+.3o' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{: =+F}'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%#E' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:0=#12_s}'.format(true) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:^-.0X}'.format('héllo') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:>+.0n}'.format(1) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:*> 8,n}'.format(-1234567) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%6.3x' % 0.5 }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:0>+#.10x}'.format(1e-7) }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '{:<+#8_.5x}'.format('ab') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '%+.0c' % 'ab' }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '{:#.2s}'.format(1e-7) }}")) // Jinja: ValueError
    }

    func testStringMethodsAndFiltersMatchPythonOnGeneratedCases() {
        assertRenders([
            RenderCase("{{ ''.swapcase() }}",
                       ""),
            RenderCase("{{ 'x'.find(',') }}",
                       "-1"),
            RenderCase("{{ 'x' | unique | list }}",
                       "['x']"),
            RenderCase("{{ '1234'.capitalize() }}",
                       "1234"),
            RenderCase("{{ '1234' | select('upper') | list }}",
                       "[]"),
            RenderCase("{{ '1234'.isdigit() }}",
                       "True"),
            RenderCase("{{ '1234' | striptags }}",
                       "1234"),
            RenderCase("{{ 'a-b_c d'.ljust(6, '.') }}",
                       "a-b_c d"),
            RenderCase("{{ 'a-b_c d' | replace('a', 'b') }}",
                       "b-b_c d"),
            RenderCase("{{ ''.replace('-', 'Z', 1) }}",
                       ""),
            RenderCase("{{ '' | pprint }}",
                       "''"),
            RenderCase("{{ '  Hello World  '.lower() }}",
                       "  hello world  "),
            RenderCase("{{ '  Hello World  ' | list }}",
                       "[' ', ' ', 'H', 'e', 'l', 'l', 'o', ' ', 'W', 'o', 'r', 'l', 'd', ' ', ' ']"),
            RenderCase("{{ ''.expandtabs(2) }}",
                       ""),
            RenderCase("{{ '' | format }}",
                       ""),
            RenderCase("{{ '<b>x</b> & y'.swapcase() }}",
                       "<B>X</B> & Y"),
            RenderCase("{{ 'aaa'.swapcase() }}",
                       "AAA"),
            RenderCase("{{ 'aaa' | batch(3) | list }}",
                       "[['a', 'a', 'a']]"),
            RenderCase("{{ 'The Quick'.capitalize() }}",
                       "The quick"),
            RenderCase("{{ 'The Quick' | length }}",
                       "9"),
            RenderCase("{{ ''.swapcase() }}",
                       ""),
            RenderCase("{{ '' | trim }}",
                       ""),
            RenderCase("{{ 'a,b,,c'.istitle() }}",
                       "False"),
            RenderCase("{{ 'a,b,,c' | float }}",
                       "0.0"),
            RenderCase("{{ 'x'.center(9) }}",
                       "    x    "),
            RenderCase("{{ 'x' | center(12) }}",
                       "     x      "),
            RenderCase("{{ 'ab\\tcd'.islower() }}",
                       "True"),
            RenderCase("{{ 'ab\\tcd' | tojson }}",
                       "\"ab\\tcd\""),
            RenderCase("{{ 'line1\nline2\\r\nline3'.upper() }}",
                       "LINE1\nLINE2\r\nLINE3"),
            RenderCase("{{ 'line1\nline2\\r\nline3' | striptags }}",
                       "line1 line2 line3"),
            RenderCase("{{ '<b>x</b> & y'.lstrip() }}",
                       "<b>x</b> & y"),
            RenderCase("{{ '<b>x</b> & y' | truncate(5, true, '') }}",
                       "<b>x<"),
            RenderCase("{{ '  Hello World  '.lower() }}",
                       "  hello world  "),
            RenderCase("{{ '  Hello World  ' | min }}",
                       " "),
            RenderCase("{{ 'a,b,,c'.strip(' ') }}",
                       "a,b,,c"),
            RenderCase("{{ 'a,b,,c' | first }}",
                       "a"),
            RenderCase("{{ 'aaa'.upper() }}",
                       "AAA"),
            RenderCase("{{ 'aaa' | first }}",
                       "a"),
            RenderCase("{{ 'ÄbC ß'.endswith('aa', 0, 3) }}",
                       "False"),
            RenderCase("{{ 'ÄbC ß' | lower }}",
                       "äbc ß"),
            RenderCase("{{ 'a-b_c d'.center(10, '*') }}",
                       "*a-b_c d**"),
            RenderCase("{{ 'a-b_c d' | urlencode }}",
                       "a-b_c%20d"),
            RenderCase("{{ 'a-b_c d'.isalpha() }}",
                       "False"),
            RenderCase("{{ 'a,b,,c'.isdigit() }}",
                       "False"),
            RenderCase("{{ 'a,b,,c' | length }}",
                       "6"),
            RenderCase("{{ 'ÄbC ß'.isdigit() }}",
                       "False"),
            RenderCase("{{ 'ÄbC ß' | slice(2) | list }}",
                       "[['Ä', 'b', 'C'], [' ', 'ß']]"),
            RenderCase("{{ ''.isupper() }}",
                       "False"),
            RenderCase("{{ '' | upper }}",
                       ""),
            RenderCase("{{ 'a,b,,c'.lstrip() }}",
                       "a,b,,c"),
            RenderCase("{{ 'a,b,,c' | wordcount }}",
                       "3"),
            RenderCase("{{ '1234'.removeprefix('b') }}",
                       "1234"),
            RenderCase("{{ '1234' | wordcount }}",
                       "1"),
            RenderCase("{{ '  Hello World  ' | center(12) }}",
                       "  Hello World  "),
            RenderCase("{{ '  a  b  '.center(9) }}",
                       "   a  b  "),
            RenderCase("{{ '  a  b  ' | sort | join('|') }}",
                       " | | | | | |a|b"),
            RenderCase("{{ '  a  b  '.strip() }}",
                       "a  b"),
            RenderCase("{{ '  a  b  ' | slice(2) | list }}",
                       "[[' ', ' ', 'a', ' '], [' ', 'b', ' ', ' ']]"),
            RenderCase("{{ ''.isupper() }}",
                       "False"),
            RenderCase("{{ '' | center(12) }}",
                       "            "),
            RenderCase("{{ 'a,b,,c'.strip('-') }}",
                       "a,b,,c"),
            RenderCase("{{ 'a,b,,c' | truncate(5, true, '') }}",
                       "a,b,,c"),
            RenderCase("{{ '1234'.ljust(6, '.') }}",
                       "1234.."),
            RenderCase("{{ '1234' | wordwrap(6) }}",
                       "1234"),
            RenderCase("{{ 'x'.upper() }}",
                       "X"),
            RenderCase("{{ '  Hello World  '.isalnum() }}",
                       "False"),
            RenderCase("{{ '  Hello World  ' | string }}",
                       "  Hello World  "),
            RenderCase("{{ '  Hello World  '.isupper() }}",
                       "False"),
            RenderCase("{{ '  Hello World  ' | float }}",
                       "0.0"),
            RenderCase("{{ 'a-b_c d'.expandtabs(2) }}",
                       "a-b_c d"),
            RenderCase("{{ 'a-b_c d' | select('upper') | list }}",
                       "[]"),
            RenderCase("{{ ''.title() }}",
                       ""),
            RenderCase("{{ '' | join('.') }}",
                       ""),
            RenderCase("{{ '  Hello World  '.title() }}",
                       "  Hello World  "),
            RenderCase("{{ '  Hello World  ' | unique | list }}",
                       "[' ', 'H', 'e', 'l', 'o', 'W', 'r', 'd']"),
            RenderCase("{{ 'The Quick'.startswith((',', 'x')) }}",
                       "False"),
            RenderCase("{{ 'The Quick' | length }}",
                       "9"),
            RenderCase("{{ 'aaa'.istitle() }}",
                       "False"),
            RenderCase("{{ 'aaa' | string }}",
                       "aaa"),
            RenderCase("{{ ''.split('a') }}",
                       "['']"),
            RenderCase("{{ '' | title }}",
                       ""),
            RenderCase("{{ 'The Quick'.rpartition('aa') }}",
                       "('', '', 'The Quick')"),
            RenderCase("{{ 'The Quick' | string }}",
                       "The Quick"),
            RenderCase("{{ ''.lstrip() }}",
                       ""),
            RenderCase("{{ '' | float }}",
                       "0.0"),
            RenderCase("{{ '<b>x</b> & y'.expandtabs(2) }}",
                       "<b>x</b> & y"),
            RenderCase("{{ '<b>x</b> & y' | trim }}",
                       "<b>x</b> & y"),
            RenderCase("{{ 'a,b,,c'.count('-', 1, 5) }}",
                       "0"),
            RenderCase("{{ 'a,b,,c' | urlencode }}",
                       "a%2Cb%2C%2Cc"),
            RenderCase("{{ 'a,b,,c'.isdigit() }}",
                       "False"),
            RenderCase("{{ 'a,b,,c' | last }}",
                       "c"),
            RenderCase("{{ '<b>x</b> & y'.splitlines() }}",
                       "['<b>x</b> & y']"),
            RenderCase("{{ '<b>x</b> & y' | reject('lower') | list }}",
                       "['<', '>', '<', '/', '>', ' ', '&', ' ']"),
            RenderCase("{{ '  a  b  '.isalpha() }}",
                       "False"),
            RenderCase("{{ '  a  b  ' | string }}",
                       "  a  b  "),
            RenderCase("{{ ''.removeprefix(' ') }}",
                       ""),
            RenderCase("{{ '' | lower }}",
                       ""),
            RenderCase("{{ '  Hello World  '.isdigit() }}",
                       "False"),
            RenderCase("{{ '  Hello World  ' | slice(2) | list }}",
                       "[[' ', ' ', 'H', 'e', 'l', 'l', 'o', ' '], ['W', 'o', 'r', 'l', 'd', ' ', ' ']]"),
            RenderCase("{{ '  Hello World  '.center(1) }}",
                       "  Hello World  "),
            RenderCase("{{ '  Hello World  ' | max }}",
                       "W"),
            RenderCase("{{ 'line1\nline2\\r\nline3'.count('b') }}",
                       "0"),
            RenderCase("{{ 'line1\nline2\\r\nline3' | length }}",
                       "18"),
            RenderCase("{{ 'x' | float }}",
                       "0.0"),
            RenderCase("{{ 'a-b_c d'.casefold() }}",
                       "a-b_c d"),
            RenderCase("{{ 'a-b_c d' | title }}",
                       "A-B_c D"),
            RenderCase("{{ 'ab\\tcd'.swapcase() }}",
                       "AB\tCD"),
            RenderCase("{{ 'ab\\tcd' | join('.') }}",
                       "a.b.\t.c.d"),
            RenderCase("{{ 'hello world-wide web'.expandtabs() }}",
                       "hello world-wide web"),
            RenderCase("{{ 'hello world-wide web' | sort | join('|') }}",
                       " | |-|b|d|d|e|e|e|h|i|l|l|l|o|o|r|w|w|w"),
            RenderCase("{{ '<b>x</b> & y'.capitalize() }}",
                       "<b>x</b> & y"),
            RenderCase("{{ '<b>x</b> & y' | list }}",
                       "['<', 'b', '>', 'x', '<', '/', 'b', '>', ' ', '&', ' ', 'y']"),
            RenderCase("{{ '<b>x</b> & y'.split() }}",
                       "['<b>x</b>', '&', 'y']"),
            RenderCase("{{ '<b>x</b> & y' | reject('lower') | list }}",
                       "['<', '>', '<', '/', '>', ' ', '&', ' ']"),
            RenderCase("{{ '  a  b  '.swapcase() }}",
                       "  A  B  "),
            RenderCase("{{ '  a  b  ' | unique | list }}",
                       "[' ', 'a', 'b']"),
            RenderCase("{{ 'x'.rpartition('b') }}",
                       "('', '', 'x')"),
            RenderCase("{{ 'x' | urlencode }}",
                       "x"),
            RenderCase("{{ 'line1\nline2\\r\nline3'.find('a', 1) }}",
                       "-1"),
            RenderCase("{{ 'line1\nline2\\r\nline3' | first }}",
                       "l"),
            RenderCase("{{ 'ÄbC ß'.center(1) }}",
                       "ÄbC ß"),
            RenderCase("{{ 'ÄbC ß' | trim }}",
                       "ÄbC ß"),
            RenderCase("{{ '  Hello World  '.isalnum() }}",
                       "False"),
            RenderCase("{{ '  Hello World  ' | pprint }}",
                       "'  Hello World  '"),
            RenderCase("{{ 'ÄbC ß'.zfill(5) }}",
                       "ÄbC ß"),
            RenderCase("{{ 'ÄbC ß' | capitalize }}",
                       "Äbc ß"),
            RenderCase("{{ '1234'.find(' ', -3) }}",
                       "-1"),
            RenderCase("{{ '1234' | length }}",
                       "4"),
            RenderCase("{{ 'x'.removeprefix(' ') }}",
                       "x"),
            RenderCase("{{ 'x' | list }}",
                       "['x']"),
            RenderCase("{{ 'ab\\tcd'.expandtabs() }}",
                       "ab      cd"),
            RenderCase("{{ 'ab\\tcd' | unique | list }}",
                       "['a', 'b', '\\t', 'c', 'd']"),
            RenderCase("{{ 'The Quick' | last }}",
                       "k"),
            RenderCase("{{ 'ÄbC ß'.rjust(7) }}",
                       "  ÄbC ß"),
            RenderCase("{{ 'ÄbC ß' | unique | list }}",
                       "['Ä', 'b', 'C', ' ', 'ß']"),
            RenderCase("{{ '1234'.isalnum() }}",
                       "True"),
            RenderCase("{{ '1234' | slice(2) | list }}",
                       "[['1', '2'], ['3', '4']]"),
            RenderCase("{{ 'line1\nline2\\r\nline3'.split('a', 1) }}",
                       "['line1\\nline2\\r\\nline3']"),
            RenderCase("{{ 'line1\nline2\\r\nline3' | reject('lower') | list }}",
                       "['1', '\\n', '2', '\\r', '\\n', '3']"),
            RenderCase("{{ '  a  b  '.isdigit() }}",
                       "False"),
            RenderCase("{{ '  a  b  ' | capitalize }}",
                       "  a  b  "),
            RenderCase("{{ 'x' | tojson }}",
                       "\"x\""),
            RenderCase("{{ 'The Quick'.swapcase() }}",
                       "tHE qUICK"),
            RenderCase("{{ 'The Quick' | max }}",
                       "u"),
            RenderCase("{{ ''.expandtabs() }}",
                       ""),
            RenderCase("{{ '' | truncate(5, true, '') }}",
                       ""),
            RenderCase("{{ '  Hello World  '.swapcase() }}",
                       "  hELLO wORLD  "),
            RenderCase("{{ '  Hello World  ' | length }}",
                       "15"),
            RenderCase("{{ 'line1\nline2\\r\nline3'.casefold() }}",
                       "line1\nline2\r\nline3"),
            RenderCase("{{ 'line1\nline2\\r\nline3' | select('upper') | list }}",
                       "[]"),
            RenderCase("{{ ''.replace('', 'Z') }}",
                       "Z"),
            RenderCase("{{ '' | wordcount }}",
                       "0"),
            RenderCase("{{ 'ÄbC ß'.find('-') }}",
                       "-1"),
            RenderCase("{{ 'ÄbC ß' | upper }}",
                       "ÄBC SS"),
            RenderCase("{{ 'ab\\tcd'.capitalize() }}",
                       "Ab\tcd"),
            RenderCase("{{ 'ab\\tcd' | sort | join('|') }}",
                       "\t|a|b|c|d"),
            RenderCase("{{ 'x'.find(',', -3) }}",
                       "-1"),
            RenderCase("{{ 'x' | format }}",
                       "x"),
            RenderCase("{{ 'x'.removesuffix('a') }}",
                       "x"),
            RenderCase("{{ 'x' | indent(2) }}",
                       "x"),
            RenderCase("{{ '<b>x</b> & y'.swapcase() }}",
                       "<B>X</B> & Y"),
            RenderCase("{{ '<b>x</b> & y' | string }}",
                       "<b>x</b> & y"),
            RenderCase("{{ 'x'.replace('aa', 'Z', 1) }}",
                       "x"),
            RenderCase("{{ 'x' | reject('lower') | list }}",
                       "[]"),
            RenderCase("{{ 'ab\\tcd'.swapcase() }}",
                       "AB\tCD"),
            RenderCase("{{ 'ab\\tcd' | length }}",
                       "5"),
            RenderCase("{{ 'line1\nline2\\r\nline3'.lstrip(',') }}",
                       "line1\nline2\r\nline3"),
            RenderCase("{{ 'line1\nline2\\r\nline3' | replace('a', 'b') }}",
                       "line1\nline2\r\nline3"),
            RenderCase("{{ 'ab\\tcd'.rsplit('a', 1) }}",
                       "['', 'b\\tcd']"),
            RenderCase("{{ 'ab\\tcd' | trim }}",
                       "ab\tcd"),
            RenderCase("{{ 'x'.count('') }}",
                       "2"),
            RenderCase("{{ 'x' | truncate(9) }}",
                       "x"),
            RenderCase("{{ '1234'.split('a', 0) }}",
                       "['1234']"),
            RenderCase("{{ '1234' | slice(2) | list }}",
                       "[['1', '2'], ['3', '4']]"),
            RenderCase("{{ 'aaa'.isalpha() }}",
                       "True"),
            RenderCase("{{ 'aaa' | select('upper') | list }}",
                       "[]"),
            RenderCase("{{ 'The Quick'.center(9) }}",
                       "The Quick"),
            RenderCase("{{ 'The Quick' | tojson }}",
                       "\"The Quick\""),
            RenderCase("{{ 'a-b_c d'.isspace() }}",
                       "False"),
            RenderCase("{{ 'a-b_c d' | wordwrap(6) }}",
                       "a-b_c\nd"),
            RenderCase("{{ 'The Quick'.swapcase() }}",
                       "tHE qUICK"),
            RenderCase("{{ 'The Quick' | trim }}",
                       "The Quick"),
            RenderCase("{{ ''.upper() }}",
                       ""),
            RenderCase("{{ '' | int }}",
                       "0"),
            RenderCase("{{ '1234'.expandtabs(2) }}",
                       "1234"),
            RenderCase("{{ '1234' | list }}",
                       "['1', '2', '3', '4']"),
            RenderCase("{{ 'aaa'.strip('') }}",
                       "aaa"),
            RenderCase("{{ 'aaa' | wordcount }}",
                       "1"),
            RenderCase("{{ ''.rstrip('a') }}",
                       ""),
            RenderCase("{{ '  Hello World  '.removesuffix(' ') }}",
                       "  Hello World "),
            RenderCase("{{ '  Hello World  ' | truncate(9) }}",
                       " ..."),
        ])
        XCTAssertNotNil(renderError("{{ '' | max }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ '<b>x</b> & y' | filesizeformat }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ 'a-b_c d' | filesizeformat }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ '  Hello World  '.index('aa') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ 'x' | filesizeformat }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ 'x'.endswith((none,)) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ 'The Quick'.partition('') }}")) // Jinja: ValueError
        XCTAssertNotNil(renderError("{{ 'x'.removesuffix(none) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ '' | last }}")) // Jinja: UndefinedError
    }

    func testSequenceFiltersMatchJinja316OnGeneratedCases() {
        assertRenders([
            RenderCase("{{ [1.5, 1, true, 0] | last }}",
                       "0"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | batch(3, 'F') | list }}",
                       "[['b', 'A', 'a'], ['C', 'F', 'F']]"),
            RenderCase("{{ ['x'] | batch(2) | list }}",
                       "[['x']]"),
            RenderCase("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | reject('none') | list }}",
                       "[{'n': {'m': 2}}, {'n': {'m': 1}}]"),
            RenderCase("{{ [] | sort(attribute='n.m') }}",
                       "[]"),
            RenderCase("{{ ['x'] | sort(true) }}",
                       "['x']"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | map('string') | list }}",
                       "['[2, 1]', '[1, 5]', '[2]']"),
            RenderCase("{{ ['10', '9', '100'] | map('first') | list }}",
                       "['1', '9', '1']"),
            RenderCase("{{ [] | length }}",
                       "0"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | select | list }}",
                       "['b', 'A', 'a', 'C']"),
            RenderCase("{{ [3, 1, 2, 1] | sort(true) }}",
                       "[3, 2, 1, 1]"),
            RenderCase("{{ [3, 1, 2, 1] | tojson }}",
                       "[3, 1, 2, 1]"),
            RenderCase("{{ [] | map('string') | list }}",
                       "[]"),
            RenderCase("{{ [3, 1, 2, 1] | slice(3, 0) | list }}",
                       "[[3, 1], [2, 0], [1, 0]]"),
            RenderCase("{{ [] | map('first') | list }}",
                       "[]"),
            RenderCase("{{ ['x'] | batch(3, 'F') | list }}",
                       "[['x', 'F', 'F']]"),
            RenderCase("{{ ['x'] | groupby(0) }}",
                       "[('x', ['x'])]"),
            RenderCase("{{ [none, 0, '', 'a', 1] | tojson }}",
                       "[null, 0, \"\", \"a\", 1]"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | max }}",
                       "C"),
            RenderCase("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | select('number') | list }}",
                       "[]"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | unique | list }}",
                       "[(2, 'b'), (1, 'a'), (2, 'A')]"),
            RenderCase("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | select('number') | list }}",
                       "[]"),
            RenderCase("{{ [none, 0, '', 'a', 1] | map('string') | list }}",
                       "['None', '0', '', 'a', '1']"),
            RenderCase("{{ [none, 0, '', 'a', 1] | pprint }}",
                       "[None, 0, '', 'a', 1]"),
            RenderCase("{{ [] | groupby('k', case_sensitive=true) }}",
                       "[]"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | length }}",
                       "3"),
            RenderCase("{{ ['x'] | slice(2) | list }}",
                       "[['x'], []]"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | length }}",
                       "3"),
            RenderCase("{{ [3, 1, 2, 1] | batch(2) | list }}",
                       "[[3, 1], [2, 1]]"),
            RenderCase("{{ [] | select('in', [1, 'a']) | list }}",
                       "[]"),
            RenderCase("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | first }}",
                       "{'k': 'b', 'v': 2}"),
            RenderCase("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | select('in', [1, 'a']) | list }}",
                       "[]"),
            RenderCase("{{ ['x'] | pprint }}",
                       "['x']"),
            RenderCase("{{ [1.5, 1, true, 0] | slice(3, 0) | list }}",
                       "[[1.5, 1], [True, 0], [0, 0]]"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | select('string') | list }}",
                       "[]"),
            RenderCase("{{ ['x'] | select('number') | list }}",
                       "[]"),
            RenderCase("{{ [3, 1, 2, 1] | batch(2) | list }}",
                       "[[3, 1], [2, 1]]"),
            RenderCase("{{ ['10', '9', '100'] | length }}",
                       "3"),
            RenderCase("{{ [1.5, 1, true, 0] | slice(2) | list }}",
                       "[[1.5, 1], [True, 0]]"),
            RenderCase("{{ [] | sort }}",
                       "[]"),
            RenderCase("{{ [] | reverse | list }}",
                       "[]"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | slice(2) | list }}",
                       "[[[2, 1], [1, 5]], [[2]]]"),
            RenderCase("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | last }}",
                       "{'k': 'a', 'v': 3}"),
            RenderCase("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | map(attribute='k', default='?') | list }}",
                       "['b', 'A', 'a']"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | pprint }}",
                       "[(2, 'b'), (1, 'a'), (2, 'A')]"),
            RenderCase("{{ [none, 0, '', 'a', 1] | join('-') }}",
                       "None-0--a-1"),
            RenderCase("{{ [3, 1, 2, 1] | reject('none') | list }}",
                       "[3, 1, 2, 1]"),
            RenderCase("{{ [none, 0, '', 'a', 1] | unique(true) | list }}",
                       "[None, 0, '', 'a', 1]"),
            RenderCase("{{ [none, 0, '', 'a', 1] | first }}",
                       "None"),
            RenderCase("{{ [] | map('string') | list }}",
                       "[]"),
            RenderCase("{{ [3, 1, 2, 1] | batch(2) | list }}",
                       "[[3, 1], [2, 1]]"),
            RenderCase("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | last }}",
                       "{'k': 'a', 'v': 3}"),
            RenderCase("{{ [3, 1, 2, 1] | reverse | list }}",
                       "[1, 2, 1, 3]"),
            RenderCase("{{ ['10', '9', '100'] | reject | list }}",
                       "[]"),
            RenderCase("{{ ['x'] | join('-') }}",
                       "x"),
            RenderCase("{{ [3, 1, 2, 1] | sum }}",
                       "7"),
            RenderCase("{{ [none, 0, '', 'a', 1] | length }}",
                       "5"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | sort(attribute='0') }}",
                       "['A', 'a', 'b', 'C']"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | unique | list }}",
                       "[(2, 'b'), (1, 'a'), (2, 'A')]"),
            RenderCase("{{ ['10', '9', '100'] | max }}",
                       "9"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | min }}",
                       "A"),
            RenderCase("{{ [1.5, 1, true, 0] | sum(start=10) }}",
                       "13.5"),
            RenderCase("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | map('length') | list }}",
                       "[1, 1]"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | map(attribute='k', default='?') | list }}",
                       "['?', '?', '?']"),
            RenderCase("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | batch(3, 'F') | list }}",
                       "[[{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}]]"),
            RenderCase("{{ ['x'] | unique | list }}",
                       "['x']"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | reject | list }}",
                       "[]"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | min(case_sensitive=true) }}",
                       "[1, 5]"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | select('number') | list }}",
                       "[]"),
            RenderCase("{{ ['10', '9', '100'] | map('string') | list }}",
                       "['10', '9', '100']"),
            RenderCase("{{ [3, 1, 2, 1] | sum }}",
                       "7"),
            RenderCase("{{ [1.5, 1, true, 0] | sort(case_sensitive=true) }}",
                       "[0, 1, True, 1.5]"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | reverse | list }}",
                       "[[2], [1, 5], [2, 1]]"),
            RenderCase("{{ [] | list }}",
                       "[]"),
            RenderCase("{{ [] | slice(3, 0) | list }}",
                       "[[0], [0], [0]]"),
            RenderCase("{{ ['10', '9', '100'] | select | list }}",
                       "['10', '9', '100']"),
            RenderCase("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | list }}",
                       "[{'n': {'m': 2}}, {'n': {'m': 1}}]"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | unique(true) | list }}",
                       "[(2, 'b'), (1, 'a'), (2, 'A')]"),
            RenderCase("{{ [] | sort(attribute='k') }}",
                       "[]"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | select('in', [1, 'a']) | list }}",
                       "[]"),
            RenderCase("{{ [1.5, 1, true, 0] | sort }}",
                       "[0, 1, True, 1.5]"),
            RenderCase("{{ ['10', '9', '100'] | map(attribute='k', default='?') | list }}",
                       "['?', '?', '?']"),
            RenderCase("{{ ['10', '9', '100'] | slice(2) | list }}",
                       "[['10', '9'], ['100']]"),
            RenderCase("{{ [3, 1, 2, 1] | reject('none') | list }}",
                       "[3, 1, 2, 1]"),
            RenderCase("{{ [] | select('odd') | list }}",
                       "[]"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | length }}",
                       "3"),
            RenderCase("{{ [] | batch(3, 'F') | list }}",
                       "[]"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | pprint }}",
                       "['b', 'A', 'a', 'C']"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | groupby(0) }}",
                       "[(1, [[1, 5]]), (2, [[2, 1], [2]])]"),
            RenderCase("{{ [none, 0, '', 'a', 1] | batch(3, 'F') | list }}",
                       "[[None, 0, ''], ['a', 1, 'F']]"),
            RenderCase("{{ [3, 1, 2, 1] | select | list }}",
                       "[3, 1, 2, 1]"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | sort(true) }}",
                       "[(2, 'b'), (2, 'A'), (1, 'a')]"),
            RenderCase("{{ [1.5, 1, true, 0] | min(case_sensitive=true) }}",
                       "0"),
            RenderCase("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | last }}",
                       "{'k': 'a', 'v': 3}"),
            RenderCase("{{ [1.5, 1, true, 0] | reject | list }}",
                       "[0]"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | reject('none') | list }}",
                       "['b', 'A', 'a', 'C']"),
            RenderCase("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | reverse | list }}",
                       "[{'n': {'m': 1}}, {'n': {'m': 2}}]"),
            RenderCase("{{ ['x'] | reverse | list }}",
                       "['x']"),
            RenderCase("{{ [] | sort(attribute='v,k') }}",
                       "[]"),
            RenderCase("{{ [1.5, 1, true, 0] | min }}",
                       "0"),
            RenderCase("{{ [1.5, 1, true, 0] | reverse | list }}",
                       "[0, True, 1, 1.5]"),
            RenderCase("{{ [] | groupby('k') }}",
                       "[]"),
            RenderCase("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | join('-') }}",
                       "{'k': 'b', 'v': 2}-{'k': 'A', 'v': 1}-{'k': 'a', 'v': 3}"),
            RenderCase("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | reject | list }}",
                       "[]"),
            RenderCase("{{ ['10', '9', '100'] | map('length') | list }}",
                       "[2, 1, 3]"),
            RenderCase("{{ ['x'] | unique(true) | list }}",
                       "['x']"),
            RenderCase("{{ ['10', '9', '100'] | first }}",
                       "10"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | select | list }}",
                       "['b', 'A', 'a', 'C']"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | reject('none') | list }}",
                       "['b', 'A', 'a', 'C']"),
            RenderCase("{{ [1.5, 1, true, 0] | unique(true) | list }}",
                       "[1.5, 1, 0]"),
            RenderCase("{{ ['10', '9', '100'] | length }}",
                       "3"),
            RenderCase("{{ ['10', '9', '100'] | first }}",
                       "10"),
            RenderCase("{{ ['10', '9', '100'] | reverse | list }}",
                       "['100', '9', '10']"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | map(attribute='k', default='?') | list }}",
                       "['?', '?', '?', '?']"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | sort(case_sensitive=true) }}",
                       "['A', 'C', 'a', 'b']"),
            RenderCase("{{ [] | sum(attribute='v') }}",
                       "0"),
            RenderCase("{{ [1.5, 1, true, 0] | unique | list }}",
                       "[1.5, 1, 0]"),
            RenderCase("{{ ['x'] | min }}",
                       "x"),
            RenderCase("{{ [1.5, 1, true, 0] | select('in', [1, 'a']) | list }}",
                       "[1, True]"),
            RenderCase("{{ ['b', 'A', 'a', 'C'] | map('string') | list }}",
                       "['b', 'A', 'a', 'C']"),
            RenderCase("{{ [[2, 1], [1, 5], [2]] | reverse | list }}",
                       "[[2], [1, 5], [2, 1]]"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | first }}",
                       "(2, 'b')"),
            RenderCase("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | map('length') | list }}",
                       "[2, 2, 2]"),
            RenderCase("{{ ['x'] | select | list }}",
                       "['x']"),
            RenderCase("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | select | list }}",
                       "[{'n': {'m': 2}}, {'n': {'m': 1}}]"),
            RenderCase("{{ [3, 1, 2, 1] | sort(true) }}",
                       "[3, 2, 1, 1]"),
        ])
        XCTAssertNotNil(renderError("{{ ['b', 'A', 'a', 'C'] | sum(start=10) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | sort }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [[2, 1], [1, 5], [2]] | dictsort }}")) // Jinja: AttributeError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | sum }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | sum }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | sum }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | rejectattr('k', 'lower') | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [[2, 1], [1, 5], [2]] | rejectattr('k', 'lower') | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | max }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | sort(attribute='0') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | sort(attribute='n.m') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | groupby('k', case_sensitive=true) }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ ['10', '9', '100'] | selectattr('v', 'gt', 1) | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | min }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | sum }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | min(case_sensitive=true) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | rejectattr('k', 'lower') | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ ['x'] | select('odd') | list }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [[2, 1], [1, 5], [2]] | select('odd') | list }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | join(',', attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | max }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [1.5, 1, true, 0] | sort(attribute='0') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | sum(start=10) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | dictsort }}")) // Jinja: AttributeError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | map('first') | list }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | sum(attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | groupby(0) }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | min }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | groupby('k') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | groupby('k', case_sensitive=true) }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | sort(attribute='n.m') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | max(attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | selectattr('v', 'gt', 1) | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | dictsort }}")) // Jinja: AttributeError
        XCTAssertNotNil(renderError("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | sort(true) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [[2, 1], [1, 5], [2]] | dictsort }}")) // Jinja: AttributeError
        XCTAssertNotNil(renderError("{{ [[2, 1], [1, 5], [2]] | sort(attribute='k') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | sort(attribute='v,k') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ ['b', 'A', 'a', 'C'] | groupby('k', case_sensitive=true) }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [1.5, 1, true, 0] | rejectattr('k', 'lower') | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ ['10', '9', '100'] | sum(start=10) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | sort(case_sensitive=true) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ ['10', '9', '100'] | max(attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [1.5, 1, true, 0] | map('length') | list }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ ['b', 'A', 'a', 'C'] | max(attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ ['10', '9', '100'] | dictsort }}")) // Jinja: AttributeError
        XCTAssertNotNil(renderError("{{ ['10', '9', '100'] | selectattr('v', 'gt', 1) | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [[2, 1], [1, 5], [2]] | max(attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | dictsort }}")) // Jinja: AttributeError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | select('odd') | list }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | sort(attribute='0') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [none, 0, '', 'a', 1] | sum(start=10) }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | unique | list }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | sum(attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | rejectattr('k', 'lower') | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | unique | list }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ [[2, 1], [1, 5], [2]] | sort(attribute='v,k') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [] | last }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ ['b', 'A', 'a', 'C'] | groupby('k') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [{'k': 'b', 'v': 2}, {'k': 'A', 'v': 1}, {'k': 'a', 'v': 3}] | groupby(0) }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [(2, 'b'), (1, 'a'), (2, 'A')] | sort(attribute='n.m') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | groupby(0) }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | join(',', attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | sort }}")) // Jinja: TypeError
        XCTAssertNotNil(renderError("{{ ['b', 'A', 'a', 'C'] | rejectattr('k', 'lower') | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ ['10', '9', '100'] | rejectattr('k', 'lower') | list }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [{'n': {'m': 2}}, {'n': {'m': 1}}] | sum(attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ ['b', 'A', 'a', 'C'] | max(attribute='v') }}")) // Jinja: UndefinedError
        XCTAssertNotNil(renderError("{{ [3, 1, 2, 1] | groupby(0) }}")) // Jinja: UndefinedError
    }

    func testUrlizeMatchesJinja316() {
        assertRenders([
            RenderCase("{{ \"foo example.org bar\"|urlize }}",
                       "foo <a href=\"https://example.org\" rel=\"noopener\">example.org</a> bar"),
            RenderCase("{{ \"foo http://www.example.com/ bar\"|urlize }}",
                       "foo <a href=\"http://www.example.com/\" rel=\"noopener\">http://www.example.com/</a> bar"),
            RenderCase("{{ \"foo mailto:email@example.com bar\"|urlize }}",
                       "foo <a href=\"mailto:email@example.com\">email@example.com</a> bar"),
            RenderCase("{{ \"foo email@example.com bar\"|urlize }}",
                       "foo <a href=\"mailto:email@example.com\">email@example.com</a> bar"),
            RenderCase("{{ \"foo http://www.example.com/ bar\"|urlize(target=\"_blank\") }}",
                       "foo <a href=\"http://www.example.com/\" rel=\"noopener\" target=\"_blank\">http://www.example.com/</a> bar"),
            RenderCase("{{ \"foo tel:+1-514-555-1234 ftp://localhost bar\"|urlize(extra_schemes=[\"tel:\", \"ftp:\"]) }}",
                       "foo <a href=\"tel:+1-514-555-1234\" rel=\"noopener\">tel:+1-514-555-1234</a> <a href=\"ftp://localhost\" rel=\"noopener\">ftp://localhost</a> bar"),
            RenderCase("{{ 'see https://example.com' | urlize }}",
                       "see <a href=\"https://example.com\" rel=\"noopener\">https://example.com</a>"),
            RenderCase("{{ 'Hello' | urlize }}",
                       "Hello"),
            RenderCase("{{ '(www.example.com), <http://a.io/x?y=1&z=2>. a.com x.co.uk foo.example.net/path#frag http://127.0.0.1:8080/ http://[::1]/ http://localhost' | urlize }}",
                       "(<a href=\"https://www.example.com\" rel=\"noopener\">www.example.com</a>), &lt;<a href=\"http://a.io/x?y=1&amp;z=2\" rel=\"noopener\">http://a.io/x?y=1&amp;z=2</a>&gt;. a.com x.co.uk <a href=\"https://foo.example.net/path#frag\" rel=\"noopener\">foo.example.net/path#frag</a> <a href=\"http://127.0.0.1:8080/\" rel=\"noopener\">http://127.0.0.1:8080/</a> <a href=\"http://[::1]/\" rel=\"noopener\">http://[::1]/</a> <a href=\"http://localhost\" rel=\"noopener\">http://localhost</a>"),
            RenderCase("{{ 'visit https://en.wikipedia.org/wiki/Foo_(bar)) now' | urlize }}",
                       "visit <a href=\"https://en.wikipedia.org/wiki/Foo_(bar)\" rel=\"noopener\">https://en.wikipedia.org/wiki/Foo_(bar)</a>) now"),
            RenderCase("{{ 'http://example.com/very/long/path/here' | urlize(10) }} {{ 'http://x.com' | urlize(nofollow=true, rel='external') }}",
                       "<a href=\"http://example.com/very/long/path/here\" rel=\"noopener\">http://exa...</a> <a href=\"http://x.com\" rel=\"external nofollow noopener\">http://x.com</a>"),
            RenderCase("{{ 'user@host a@b.c @x.com www.x@y.com x@y:z.com http://www.example.com:99999/' | urlize }}",
                       "user@host <a href=\"mailto:a@b.c\">a@b.c</a> @x.com www.x@y.com x@y:z.com <a href=\"http://www.example.com:99999/\" rel=\"noopener\">http://www.example.com:99999/</a>"),
            RenderCase("{{ 'WWW.EXAMPLE.COM HTTP://EXAMPLE.COM https://xn--80ak6aa92e.com ex_ample.org' | urlize }}",
                       "<a href=\"https://WWW.EXAMPLE.COM\" rel=\"noopener\">WWW.EXAMPLE.COM</a> <a href=\"https://HTTP://EXAMPLE.COM\" rel=\"noopener\">HTTP://EXAMPLE.COM</a> <a href=\"https://xn--80ak6aa92e.com\" rel=\"noopener\">https://xn--80ak6aa92e.com</a> <a href=\"https://ex_ample.org\" rel=\"noopener\">ex_ample.org</a>"),
        ])
        XCTAssertNotNil(renderError("{{ 'x' | urlize(extra_schemes=['bad']) }}")) // Jinja: FilterArgumentError
    }

    func testTestsInExpressionsAndSelectMatchJinja316() {
        assertRenders([
            RenderCase("{{ 'a' is not in 'bc' }} {{ 9 is divisibleby(3) }} {{ 9 is not divisibleby 2 }} {{ none is none }} {{ 3 is gt(2) }} {{ 'x' is string and 1 is number }} {{ not 1 is odd }} {{ 1 is odd or false }}",
                       "True True True True True True False True"),
            RenderCase("{% if 'b' is in ['a', 'b'] and 2 is even %}yes{% endif %} {{ [1, 2, 3] | select('ge', 2) | list }} {{ [1, 2, 3] | select('lessthan', 3) | list }} {{ ['a', 'B'] | select('upper') | list }} {{ [{'x': 1}, {}] | selectattr('x', 'defined') | list }} {{ [{'x': 1}, {}] | rejectattr('x', 'undefined') | list }}",
                       "yes [2, 3] [1, 2] ['B'] [{'x': 1}] [{'x': 1}]"),
            RenderCase("{% set params = {'b': 2, 'a': 1} %}{{ params | dictsort | map('last') | join(',') }} {{ params.keys() | list | length }} {{ params.items() | map('first') | join }}",
                       "1,2 2 ba"),
        ])
    }

    func testRoundAndTruncateAtExtremeArgumentsMatchJinja316() {
        assertRenders([
            RenderCase("{{ 1234.5 | round(-400) }} {{ -1234.5 | round(-400) }} {{ 5 | round(-400) }} {{ 'abcdef' | truncate(9223372036854775807, leeway=9223372036854775807) }}",
                       "0.0 -0.0 0 abcdef"),
            RenderCase("{{ 1.5 | round(-9223372036854775807 - 1) }}",
                       "0.0"),
        ])
        XCTAssertNotNil(renderError("{{ 1.5 | round(-400, 'ceil') }}")) // Jinja: ZeroDivisionError
        XCTAssertNotNil(renderError("{{ 1.5 | round(400, 'floor') }}")) // Jinja: OverflowError
    }

}
