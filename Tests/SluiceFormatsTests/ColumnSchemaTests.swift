import XCTest
@testable import SluiceFormats

final class ColumnSchemaTests: XCTestCase {
    func testSourceTypeNamesMatchPostgresFormatType() throws {
        let pg = try Fixtures.postgres()
        let (columns, formats) = try pg.schema(Fixtures.allTypesQuery)
        XCTAssertEqual(columns.count, 38)
        XCTAssertEqual(columns.map(\.sourceTypeName), formats)
        XCTAssertTrue(columns.allSatisfy(\.isKnownType))
    }

    func testLakeTypeNames() throws {
        let pg = try Fixtures.postgres()
        let columns = try pg.schema(Fixtures.allTypesQuery).columns
        let lake = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.lakeTypeName) })
        XCTAssertEqual(lake["i8"], "bigint")
        XCTAssertEqual(lake["i4"], "integer")
        XCTAssertEqual(lake["i2"], "smallint")
        XCTAssertEqual(lake["f8"], "double")
        XCTAssertEqual(lake["f4"], "float")
        XCTAssertEqual(lake["n"], "decimal")
        XCTAssertEqual(lake["n122"], "decimal(12,2)")
        XCTAssertEqual(lake["vc"], "string")
        XCTAssertEqual(lake["tstz"], "timestamptz")
        XCTAssertEqual(lake["ts"], "timestamp")
        XCTAssertEqual(lake["jb"], "json")
        XCTAssertEqual(lake["by"], "binary")
        XCTAssertEqual(lake["o"], "bigint")
        XCTAssertEqual(lake["a_i4"], "array<integer>")
        XCTAssertEqual(lake["a_jb"], "array<json>")
    }

    func testUnknownOIDFallsBackToText() {
        let column = ColumnSchema(name: "geom", typeOID: 600)
        XCTAssertEqual(column.type, .text)
        XCTAssertFalse(column.isKnownType)
        XCTAssertEqual(column.lakeTypeName, "string")
    }

    func testNumericTypmodGivesPrecisionAndScale() {
        let column = ColumnSchema(name: "n", typeOID: 1700, typeModifier: Int32((12 << 16) | 2) + 4)
        XCTAssertEqual(column.numericPrecisionScale?.precision, 12)
        XCTAssertEqual(column.numericPrecisionScale?.scale, 2)
        XCTAssertEqual(column.sourceTypeName, "numeric(12,2)")
        XCTAssertNil(ColumnSchema(name: "n", typeOID: 1700).numericPrecisionScale)
    }

    func testDecimalPartsSplitsSignDigitsAndScale() {
        let parts = DecimalParts(text: Array("-12345678901234567890.000123".utf8))
        XCTAssertEqual(parts?.isNegative, true)
        XCTAssertEqual(parts.map { String(decoding: $0.unscaledDigits, as: UTF8.self) }, "12345678901234567890000123")
        XCTAssertEqual(parts?.scale, 6)
        XCTAssertNil(parts?.unscaledInt64)
        XCTAssertEqual(DecimalParts(text: Array("0.00".utf8))?.unscaledInt64, 0)
        XCTAssertNil(DecimalParts(text: Array("NaN".utf8)))
    }
}
