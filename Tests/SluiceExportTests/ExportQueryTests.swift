import Foundation
@testable import SluiceExport
import XCTest

/// The SQL an export builds: quoting, delta filters, query wrapping, audit queries.
final class ExportQueryTests: XCTestCase {
    let day = (start: Date(timeIntervalSince1970: 1_767_225_600), end: Date(timeIntervalSince1970: 1_767_312_000))

    func testIdentifiersAreQuotedWithEmbeddedQuotesDoubled() throws {
        XCTAssertEqual(try SQLIdentifier.quote("metrics"), "\"metrics\"")
        XCTAssertEqual(try SQLIdentifier.quote("metrics\"; DROP TABLE x; --"), "\"metrics\"\"; DROP TABLE x; --\"")
        XCTAssertEqual(try SQLIdentifier.quoteQualified("doc.metrics"), "\"doc\".\"metrics\"")
        XCTAssertEqual(try SQLIdentifier.quoteQualified("\"my.schema\".Metrics"), "\"my.schema\".\"Metrics\"")
        XCTAssertThrowsError(try SQLIdentifier.quote(""))
        XCTAssertThrowsError(try SQLIdentifier.quoteQualified("a.b.c.d"))
        XCTAssertThrowsError(try SQLIdentifier.quoteQualified("\"unterminated"))
    }

    func testADeltaExportOfATableFiltersTheDataIntervalWithTimestampLiterals() throws {
        let q = try ExportQuery(source: .table("doc.metrics"), timestampColumn: "timestamp", mode: .delta, interval: day)
        XCTAssertEqual(q.select, "SELECT * FROM \"doc\".\"metrics\" WHERE \"timestamp\" >= '2026-01-01T00:00:00+00:00'::timestamptz AND \"timestamp\" < '2026-01-02T00:00:00+00:00'::timestamptz")
        XCTAssertEqual(q.copySQL, "COPY (\(q.select)) TO STDOUT (FORMAT binary)")
        XCTAssertEqual(q.countSQL, "SELECT count(*) FROM (\(q.select)) AS sluice_export")
    }

    func testAFullExportIgnoresTheTimestampColumnAndADeltaExportNeedsOne() throws {
        XCTAssertEqual(try ExportQuery(source: .table("m"), timestampColumn: "ts", mode: .full, interval: day).select, "SELECT * FROM \"m\"")
        XCTAssertThrowsError(try ExportQuery(source: .table("m"), timestampColumn: nil, mode: .delta, interval: day))
        XCTAssertThrowsError(try ExportQuery(source: .table("m"), timestampColumn: "  ", mode: .delta, interval: day))
    }

    func testAQueryIsWrappedSoTrailingSemicolonsAndCommentsCannotBreakTheFilter() throws {
        let q = try ExportQuery(source: .query("SELECT * FROM m -- all rows\n;"), timestampColumn: "ts", mode: .delta, interval: day)
        XCTAssertEqual(q.select, "SELECT * FROM (\nSELECT * FROM m -- all rows\n) AS q WHERE \"ts\" >= '2026-01-01T00:00:00+00:00'::timestamptz AND \"ts\" < '2026-01-02T00:00:00+00:00'::timestamptz")
        XCTAssertThrowsError(try ExportQuery(source: .query(" ; "), timestampColumn: nil, mode: .full, interval: day))
    }

    func testTheUniqueAuditCountsRowsBeyondTheFirstOfEachKey() throws {
        let q = try ExportQuery(source: .table("m"), timestampColumn: nil, mode: .full, interval: day)
        XCTAssertEqual(try q.duplicateCountSQL(columns: ["a", "b\"c"]),
                       "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM (SELECT * FROM \"m\") AS sluice_export GROUP BY \"a\", \"b\"\"c\" HAVING count(*) > 1) AS sluice_duplicates")
        XCTAssertThrowsError(try q.duplicateCountSQL(columns: []))
    }

    func testTextRowsEncodeToTheBinaryFormOfNumericsAndTimestamps() throws {
        var out: [UInt8] = []
        try TextRowEncoder.appendNumeric("-12345.678", to: &out)
        // ndigits 3, weight 1, sign negative, dscale 3, digits 1 2345 6780
        XCTAssertEqual(out, [0, 3, 0, 1, 0x40, 0, 0, 3, 0, 1, 0x09, 0x29, 0x1A, 0x7C])
        XCTAssertEqual(out.withUnsafeBytes { PostgresText.numeric($0) }, "-12345.678")
        out = []
        try TextRowEncoder.appendNumeric("0.00012", to: &out)
        XCTAssertEqual(out.withUnsafeBytes { PostgresText.numeric($0) }, "0.00012")
        let t = try XCTUnwrap(TimestampText("2000-01-02 01:00:00.5+01:30"))
        XCTAssertEqual(t.days, 1)
        XCTAssertEqual(t.timeMicros, 3_600_500_000)
        XCTAssertEqual(t.offsetSeconds, 5400)
        XCTAssertNil(TimestampText("2000-13-01"))
    }

    func testIntervalsPrintAsPostgresDoes() {
        XCTAssertEqual(PostgresText.interval(.init(microseconds: 14_706_700_000, days: 3, months: 14)), "1 year 2 mons 3 days 04:05:06.7")
        XCTAssertEqual(PostgresText.interval(.init(microseconds: 0, days: 0, months: 0)), "00:00:00")
        XCTAssertEqual(PostgresText.interval(.init(microseconds: -1_000_000, days: 0, months: 0)), "-00:00:01")
        XCTAssertEqual(PostgresText.interval(.init(microseconds: 0, days: -1, months: 0)), "-1 days")
    }
}
