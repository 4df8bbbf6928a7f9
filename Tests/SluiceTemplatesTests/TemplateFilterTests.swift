import XCTest
@testable import SluiceTemplates

final class TemplateFilterTests: XCTestCase {
    let variables: [String: TemplateValue] = [
        "s": "  Hello World  ",
        "items": ["a", "b", "c"],
        "nums": [3, 1, 2],
        "params": ["table": "doc.sensor_readings", "quote": "it's", "ident": "a\"b", "n": 5],
        "nothing": .none,
        "dt": .datetime(TemplateDateTime(Date(timeIntervalSince1970: 1_610_668_800))),
    ]

    func testStringFilters() {
        assertRenders([
            RenderCase("{{ 'abc' | upper }}", "ABC"),
            RenderCase("{{ 'ABC' | lower }}", "abc"),
            RenderCase("[{{ s | trim }}]", "[Hello World]"),
            RenderCase("{{ 'xxaxx' | trim('x') }}", "a"),
            RenderCase("{{ 'a-b-c' | replace('-', '_') }}", "a_b_c"),
            RenderCase("{{ 'a-b-c' | replace('-', '_', 1) }}", "a_b-c"),
            RenderCase("{{ 'hello world' | capitalize }}", "Hello world"),
            RenderCase("{{ 'hello world' | title }}", "Hello World"),
            RenderCase("{{ 42 | string ~ '!' }}", "42!"),
            RenderCase("{{ params.table | upper | replace('.', '__') }}", "DOC__SENSOR_READINGS"),
        ], variables)
    }

    func testSequenceFilters() {
        assertRenders([
            RenderCase("{{ items | join(', ') }}", "a, b, c"),
            RenderCase("{{ items | join }}", "abc"),
            RenderCase("{{ nums | join('+') }}", "3+1+2"),
            RenderCase("{{ items | length }}", "3"),
            RenderCase("{{ items | count }}", "3"),
            RenderCase("{{ 'héllo' | length }}", "5"),
            RenderCase("{{ params | length }}", "4"),
            RenderCase("{{ items | first }}{{ items | last }}", "ac"),
            RenderCase("{{ 'xyz' | first }}", "x"),
            RenderCase("{{ 'ab' | list }}", "['a', 'b']"),
        ], variables)
    }

    func testNumberFilters() {
        assertRenders([
            RenderCase("{{ '42' | int + 1 }}", "43"),
            RenderCase("{{ '4.7' | int }}", "4"),
            RenderCase("{{ 'x' | int }}", "0"),
            RenderCase("{{ 'x' | int(7) }}", "7"),
            RenderCase("{{ 3.9 | int }}", "3"),
            RenderCase("{{ '2.5' | float }}", "2.5"),
            RenderCase("{{ -3 | abs }}", "3"),
            RenderCase("{{ 2.567 | round(2) }}", "2.57"),
            RenderCase("{{ 2.1 | round(method='ceil') }}", "3.0"),
        ], variables)
    }

    func testDefaultReplacesOnlyUndefinedUnlessBoolean() {
        assertRenders([
            RenderCase("{{ params.missing | default('x') }}", "x"),
            RenderCase("{{ undefined_name | d('y') }}", "y"),
            RenderCase("{{ params.table | default('x') }}", "doc.sensor_readings"),
            RenderCase("{{ nothing | default('x') }}", "None"),
            RenderCase("{{ '' | default('x', true) }}", "x"),
            RenderCase("{{ params.missing | default }}", ""),
            RenderCase("{{ params.missing | default(params.n) }}", "5"),
        ], variables)
    }

    func testAirflowDateFilters() {
        assertRenders([
            RenderCase("{{ dt | ds }}", "2021-01-15"),
            RenderCase("{{ dt | ds_nodash }}", "20210115"),
            RenderCase("{{ dt | ts }}", "2021-01-15T00:00:00+00:00"),
            RenderCase("{{ dt | ts_nodash }}", "20210115T000000"),
            RenderCase("{{ dt | ts_nodash_with_tz }}", "20210115T000000+0000"),
            RenderCase("{{ dt.in_timezone('Europe/Berlin') | ts }}", "2021-01-15T01:00:00+01:00"),
            RenderCase("{{ nothing | ds }}", "None"),
        ], variables)
    }

    func testSQLLiteralQuotesStringsAndDoublesQuotes() {
        assertRenders([
            RenderCase("{{ params.quote | sql_literal }}", "'it''s'"),
            RenderCase("{{ \"''\" | sql_literal }}", "''''''"),
            RenderCase("{{ 'plain' | sql_literal }}", "'plain'"),
            RenderCase("{{ 42 | sql_literal }}", "42"),
            RenderCase("{{ 1.5 | sql_literal }}", "1.5"),
            RenderCase("{{ nothing | sql_literal }}", "NULL"),
            RenderCase("{{ true | sql_literal }}", "TRUE"),
            RenderCase("{{ ['a', 1, none] | sql_literal }}", "'a', 1, NULL"),
            RenderCase("{{ dt | sql_literal }}", "'2021-01-15 00:00:00+00:00'"),
        ], variables)
    }

    func testSQLLiteralDoublesAQuoteEvenWhenACombiningMarkFollowsIt() throws {
        let output = try render("{{ v | sql_literal }}", ["v": .string("a'\u{301}b")])
        XCTAssertEqual(Array(output.unicodeScalars), Array("'a''\u{301}b'".unicodeScalars))
    }

    func testSQLIdentifierQuotesEachDottedPart() {
        assertRenders([
            RenderCase("{{ params.ident | sql_identifier }}", "\"a\"\"b\""),
            RenderCase("{{ params.table | sql_identifier }}", "\"doc\".\"sensor_readings\""),
            RenderCase("{{ 'Mixed Case' | sql_identifier }}", "\"Mixed Case\""),
        ], variables)
    }

    func testSQLIdentifierRejectsEmptyParts() {
        let error = renderError("{{ 'a..b' | sql_identifier }}")
        XCTAssertEqual(error?.message.contains("empty name part"), true, "\(String(describing: error))")
    }
}
