import Foundation
@testable import SluiceExport
import SluiceTemplates
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
}
