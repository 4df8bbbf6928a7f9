import Foundation
import SluiceParquet
import XCTest

/// Files written by `ParquetWriter` and read back by two independent readers (pyarrow and
/// DuckDB, through `ReaderScript`): values, schema annotations, statistics, encodings.
final class ParquetWriterReaderTests: XCTestCase {
    /// One column of the all-types table: how to append each row and what readers must return.
    struct Case {
        let column: ParquetColumn
        let append: (ParquetColumnBuffer, Int) throws -> Void
        let expected: [String?]
    }

    static let uuidA = "550e8400-e29b-41d4-a716-446655440000"

    static func allTypeCases() -> [Case] {
        func values<T>(_ list: [T?], _ append: @escaping (ParquetColumnBuffer, T) throws -> Void) -> (ParquetColumnBuffer, Int) throws -> Void {
            return { buffer, row in
                if let value = list[row] { try append(buffer, value) } else { buffer.appendNull() }
            }
        }
        return [
            Case(column: .init(name: "b", type: .boolean), append: values([true, nil, false, true]) { $0.appendBool($1) },
                 expected: ["true", nil, "false", "true"]),
            Case(column: .init(name: "i16", type: .int16), append: values([1, nil, -32768, 32767] as [Int32?]) { $0.appendInt32($1) },
                 expected: ["1", nil, "-32768", "32767"]),
            Case(column: .init(name: "i32", type: .int32), append: values([42, nil, .min, .max] as [Int32?]) { $0.appendInt32($1) },
                 expected: ["42", nil, "-2147483648", "2147483647"]),
            Case(column: .init(name: "i64", type: .int64), append: values([7, nil, .min, .max] as [Int64?]) { $0.appendInt64($1) },
                 expected: ["7", nil, "-9223372036854775808", "9223372036854775807"]),
            Case(column: .init(name: "f", type: .float), append: values([1.5, nil, -0.25, 3] as [Float?]) { $0.appendFloat($1) },
                 expected: ["1.5", nil, "-0.25", "3.0"]),
            Case(column: .init(name: "d", type: .double), append: values([2.5, nil, -1e300, 0.1] as [Double?]) { $0.appendDouble($1) },
                 expected: ["2.5", nil, "-1e+300", "0.1"]),
            Case(column: .init(name: "s", type: .string), append: values(["hello", nil, "", "héllo wörld ✓ 日本"]) { $0.appendString($1) },
                 expected: ["hello", nil, "", "héllo wörld ✓ 日本"]),
            Case(column: .init(name: "j", type: .json), append: values([#"{"a":1}"#, nil, "[]", #"{"k":"ü"}"#]) { $0.appendString($1) },
                 expected: [#"{"a":1}"#, nil, "[]", #"{"k":"ü"}"#]),
            Case(column: .init(name: "bin", type: .binary), append: values([[0, 1, 2, 255], nil, [], [0x80]] as [[UInt8]?]) { $0.appendBytes($1) },
                 expected: ["hex:000102ff", nil, "hex:", "hex:80"]),
            Case(column: .init(name: "dt", type: .date), append: values([0, nil, 19723, -1] as [Int32?]) { $0.appendDate(daysSinceEpoch: $1) },
                 expected: ["1970-01-01", nil, "2024-01-01", "1969-12-31"]),
            Case(column: .init(name: "tsu", type: .timestamp(isAdjustedToUTC: true)),
                 append: values([1_700_000_000_123_456, nil, 0, -1_000_000] as [Int64?]) { $0.appendTimestamp(microsecondsSinceEpoch: $1) },
                 expected: ["utc:1700000000123456", nil, "utc:0", "utc:-1000000"]),
            Case(column: .init(name: "tsl", type: .timestamp(isAdjustedToUTC: false)),
                 append: values([1_700_000_000_123_456, nil, 0, -1_000_000] as [Int64?]) { $0.appendTimestamp(microsecondsSinceEpoch: $1) },
                 expected: ["local:1700000000123456", nil, "local:0", "local:-1000000"]),
            Case(column: .init(name: "dec9", type: .decimal(precision: 9, scale: 2)),
                 append: values([12345, nil, -999_999_999, 0] as [Int64?]) { $0.appendDecimal(unscaled: $1) },
                 expected: ["123.45", nil, "-9999999.99", "0.00"]),
            Case(column: .init(name: "dec18", type: .decimal(precision: 18, scale: 4)),
                 append: values(["123456789012345678", nil, "-1", "42.5"]) { buffer, text in
                     if text.contains(".") { try buffer.appendDecimal(text: text) } else { try buffer.appendDecimal(unscaledDigits: text) }
                 },
                 expected: ["12345678901234.5678", nil, "-0.0001", "42.5000"]),
            Case(column: .init(name: "dec38", type: .decimal(precision: 38, scale: 10)),
                 append: values(["12345678901234567890123456789012345678", nil, "-12345678901234567890123456789012345678", "-0.5"]) { buffer, text in
                     if text.contains(".") { try buffer.appendDecimal(text: text) } else { try buffer.appendDecimal(unscaledDigits: text) }
                 },
                 expected: ["1234567890123456789012345678.9012345678", nil, "-1234567890123456789012345678.9012345678", "-0.5000000000"]),
            Case(column: .init(name: "u", type: .uuid),
                 append: values([uuidA, nil, "00000000-0000-0000-0000-000000000000", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"]) { try $0.appendUUID(text: $1) },
                 expected: [uuidA, nil, "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"]),
            Case(column: .init(name: "li", type: .list(.int64)),
                 append: { buffer, row in
                     switch row {
                     case 0: [1, 2, 3].forEach { buffer.appendInt64($0) }; buffer.endList()
                     case 1: buffer.appendNullList()
                     case 2: buffer.endList()
                     default: buffer.appendNull(); buffer.appendInt64(5); buffer.endList()
                     }
                 },
                 expected: [#"["1","2","3"]"#, nil, "[]", #"[null,"5"]"#]),
            Case(column: .init(name: "ls", type: .list(.string), nullable: false),
                 append: { buffer, row in
                     switch row {
                     case 0: buffer.appendString("a")
                     case 1: break
                     case 2: buffer.appendString(""); buffer.appendString("ü")
                     default: buffer.appendNull()
                     }
                     buffer.endList()
                 },
                 expected: [#"["a"]"#, "[]", #"["","ü"]"#, "[null]"]),
            Case(column: .init(name: "req", type: .int64, nullable: false), append: { $0.appendInt64(Int64($1 + 1)) },
                 expected: ["1", "2", "3", "4"]),
        ]
    }

    func writeAllTypes(to file: ParquetTestFile, options: ParquetWriterOptions) throws -> [Case] {
        let cases = Self.allTypeCases()
        let schema = try ParquetSchema(cases.map(\.column))
        try file.write(schema: schema, options: options) { writer, batch in
            for row in 0..<4 {
                for (index, testCase) in cases.enumerated() { try testCase.append(batch[index], row) }
            }
            try writer.write(batch)
        }
        return cases
    }

    func assertValues(_ report: ReaderReport, _ cases: [Case], file: StaticString = #filePath, line: UInt = #line) {
        for testCase in cases {
            let name = testCase.column.name
            XCTAssertEqual(report.arrowValues[name], testCase.expected, "pyarrow, column \(name)", file: file, line: line)
            XCTAssertEqual(report.duckdbValues[name], testCase.expected, "DuckDB, column \(name)", file: file, line: line)
        }
    }

    func testEveryTypeWithNullsReadsBackIdenticallyInPyarrowAndDuckDB() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        var options = ParquetWriterOptions()
        options.createdBy = "sluice version 0.1.0 (build test)"
        options.keyValueMetadata = [(key: "sluice.schema", value: #"{"columns":19}"#)]
        let cases = try writeAllTypes(to: file, options: options)
        let report = try file.read()
        XCTAssertEqual(report.numRows, 4)
        XCTAssertEqual(report.numRowGroups, 1)
        XCTAssertEqual(report.createdBy, "sluice version 0.1.0 (build test)")
        XCTAssertEqual(report.metadata["sluice.schema"], #"{"columns":19}"#)
        assertValues(report, cases)
        print(String(decoding: try JSONEncoderShim.dump(report), as: UTF8.self))
    }
}

enum JSONEncoderShim {
    static func dump(_ report: ReaderReport) throws -> Data {
        var lines: [String] = []
        for field in report.arrowSchema { lines.append("arrow \(field.name): \(field.type) nullable=\(field.nullable)") }
        for column in report.parquetColumns { lines.append("parquet \(column.path): \(column.physicalType) \(column.logicalType) \(column.convertedType) d=\(column.maxDefinitionLevel) r=\(column.maxRepetitionLevel)") }
        for (name, type) in report.duckdbTypes.sorted(by: { $0.key < $1.key }) { lines.append("duckdb \(name): \(type)") }
        for group in report.rowGroups { for c in group.columns { lines.append("chunk \(c.path) \(c.compression) \(c.encodings) \(String(describing: c.statistics))") } }
        return Data(lines.joined(separator: "\n").utf8)
    }
}
