import XCTest
@testable import SluiceFormats

/// PostgreSQL's text forms in both directions: the cursor fallback's text rows encoded to binary COPY
/// (numeric, timestamps) and single values printed as PostgreSQL does (intervals).
final class PostgresTextTests: XCTestCase {
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
    func testCursorTextRowsDecodeToTheSameValuesAndUnparsedTypesTravelAsText() throws {
        let schema = [ColumnSchema(name: "n", typeOID: 1700), ColumnSchema(name: "ip", typeOID: 869), ColumnSchema(name: "o", typeOID: 26)]
        let encoder = TextRowEncoder(schema: schema)
        XCTAssertEqual(encoder.schema.map(\.typeOID), [1700, 25, 26])
        let rows = try encoder.encode([["-1.50", "::1", "7"], [nil, nil, nil]])
        let batches = try Decode.batches(TextRowEncoder.header + rows + TextRowEncoder.trailer, schema: encoder.schema)
        XCTAssertEqual(batches.first?.columns.prefix(2).map { $0.string(at: 0) ?? "null" }, ["-1.50", "::1"])
        XCTAssertEqual(batches.first?.columns[2].int64Values.first, 7)
        let timestamps = TextRowEncoder(schema: [ColumnSchema(name: "ts", typeOID: 1114)])
        XCTAssertThrowsError(try timestamps.encode([["9999999-01-01 00:00:00"]]), "a year whose microseconds overflow is an error, not a trap")
        let numbers = TextRowEncoder(schema: [ColumnSchema(name: "n", typeOID: 1700)])
        XCTAssertThrowsError(try numbers.encode([["0." + String(repeating: "1", count: 40_000)]]), "a scale beyond 16 bits is an error, not a trap")
        XCTAssertThrowsError(try encoder.encode([["x", nil, nil]])) { error in
            XCTAssertEqual("\(error)", "column n (numeric) has an invalid value in row 1: its text cannot be read")
        }
    }
}
