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
    }

    func testSchemaCarriesLogicalAndLegacyConvertedTypes() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        _ = try writeAllTypes(to: file, options: ParquetWriterOptions())
        let report = try file.read()
        let expected: [(path: String, physical: String, logical: String, converted: String)] = [
            ("b", "BOOLEAN", "None", "NONE"),
            ("i16", "INT32", "Int(bitWidth=16, isSigned=true)", "INT_16"),
            ("i32", "INT32", "None", "NONE"),
            ("i64", "INT64", "None", "NONE"),
            ("f", "FLOAT", "None", "NONE"),
            ("d", "DOUBLE", "None", "NONE"),
            ("s", "BYTE_ARRAY", "String", "UTF8"),
            ("j", "BYTE_ARRAY", "JSON", "JSON"),
            ("bin", "BYTE_ARRAY", "None", "NONE"),
            ("dt", "INT32", "Date", "DATE"),
            ("tsu", "INT64", "Timestamp(isAdjustedToUTC=true, timeUnit=microseconds, is_from_converted_type=false, force_set_converted_type=false)", "TIMESTAMP_MICROS"),
            ("tsl", "INT64", "Timestamp(isAdjustedToUTC=false, timeUnit=microseconds, is_from_converted_type=false, force_set_converted_type=false)", "NONE"),
            ("dec9", "INT32", "Decimal(precision=9, scale=2)", "DECIMAL"),
            ("dec18", "INT64", "Decimal(precision=18, scale=4)", "DECIMAL"),
            ("dec38", "FIXED_LEN_BYTE_ARRAY", "Decimal(precision=38, scale=10)", "DECIMAL"),
            ("u", "FIXED_LEN_BYTE_ARRAY", "UUID", "NONE"),
            ("li.list.element", "INT64", "None", "NONE"),
            ("ls.list.element", "BYTE_ARRAY", "String", "UTF8"),
            ("req", "INT64", "None", "NONE"),
        ]
        for column in expected {
            guard let info = report.parquetColumn(column.path) else {
                XCTFail("missing column \(column.path)")
                continue
            }
            XCTAssertEqual(info.physicalType, column.physical, column.path)
            XCTAssertEqual(info.logicalType, column.logical, column.path)
            XCTAssertEqual(info.convertedType, column.converted, column.path)
        }
        XCTAssertEqual(report.parquetColumn("li.list.element")?.maxDefinitionLevel, 3)
        XCTAssertEqual(report.parquetColumn("li.list.element")?.maxRepetitionLevel, 1)
        XCTAssertEqual(report.parquetColumn("ls.list.element")?.maxDefinitionLevel, 2)
        XCTAssertEqual(report.parquetColumn("req")?.maxDefinitionLevel, 0)
        XCTAssertEqual(report.arrowField("li")?.type, "list<element: int64>")
        XCTAssertEqual(report.arrowField("ls")?.nullable, false)
        XCTAssertEqual(report.arrowField("req")?.nullable, false)
        XCTAssertEqual(report.arrowField("dec38")?.type, "decimal128(38, 10)")
        XCTAssertEqual(report.duckdbTypes["u"], "UUID")
        XCTAssertEqual(report.duckdbTypes["j"], "JSON")
        XCTAssertEqual(report.duckdbTypes["i16"], "SMALLINT")
        XCTAssertEqual(report.duckdbTypes["dec18"], "DECIMAL(18,4)")
    }

    func testTimestampsWithAndWithoutUTCAdjustmentReadBackAsTheRightInstants() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let schema = try ParquetSchema([
            .init(name: "instant", type: .timestamp(isAdjustedToUTC: true)),
            .init(name: "wall", type: .timestamp(isAdjustedToUTC: false)),
        ])
        // 2024-03-10 12:34:56.789012 UTC, and 1969-07-20 20:17:40 (before the epoch).
        let micros: [Int64] = [1_710_074_096_789_012, -14_182_940_000_000]
        try file.write(schema: schema) { writer, batch in
            for value in micros {
                batch[0].appendTimestamp(microsecondsSinceEpoch: value)
                batch[1].appendTimestamp(microsecondsSinceEpoch: value)
            }
            try writer.write(batch)
        }
        let report = try file.read()
        XCTAssertEqual(report.arrowField("instant")?.type, "timestamp[us, tz=UTC]")
        XCTAssertEqual(report.arrowField("wall")?.type, "timestamp[us]")
        XCTAssertEqual(report.duckdbTypes["instant"], "TIMESTAMP WITH TIME ZONE")
        XCTAssertEqual(report.duckdbTypes["wall"], "TIMESTAMP")
        let utc = micros.map { "utc:\($0)" }
        let local = micros.map { "local:\($0)" }
        XCTAssertEqual(report.arrowValues["instant"], utc)
        XCTAssertEqual(report.duckdbValues["instant"], utc)
        XCTAssertEqual(report.arrowValues["wall"], local)
        XCTAssertEqual(report.duckdbValues["wall"], local)
    }

    func testChunkStatisticsFollowEachTypesSortOrderAndCountNulls() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        _ = try writeAllTypes(to: file, options: ParquetWriterOptions())
        let report = try file.read()
        let expected: [(path: String, min: String, max: String, nulls: Int)] = [
            ("b", "false", "true", 1),
            ("i16", "-32768", "32767", 1),
            ("i32", "-2147483648", "2147483647", 1),
            ("i64", "-9223372036854775808", "9223372036854775807", 1),
            ("f", "-0.25", "3.0", 1),
            ("d", "-1e+300", "2.5", 1),
            ("s", "", "héllo wörld ✓ 日本", 1),
            ("bin", "hex:", "hex:80", 1),
            ("dt", "1969-12-31", "2024-01-01", 1),
            ("tsu", "utc:-1000000", "utc:1700000000123456", 1),
            ("tsl", "local:-1000000", "local:1700000000123456", 1),
            ("dec9", "-9999999.99", "123.45", 1),
            ("dec18", "-0.0001", "12345678901234.5678", 1),
            ("dec38", "-1234567890123456789012345678.9012345678", "1234567890123456789012345678.9012345678", 1),
            ("u", "hex:00000000000000000000000000000000", "hex:ffffffffffffffffffffffffffffffff", 1),
            ("li.list.element", "1", "5", 3),
            ("ls.list.element", "", "ü", 2),
            ("req", "1", "4", 0),
        ]
        for column in expected {
            let statistics = report.chunk(0, column.path)?.statistics
            XCTAssertEqual(statistics?.hasMinMax, true, column.path)
            XCTAssertEqual(statistics?.min, column.min, column.path)
            XCTAssertEqual(statistics?.max, column.max, column.path)
            XCTAssertEqual(statistics?.nullCount, column.nulls, column.path)
        }
    }

    func testZeroRowFileIsValidAndKeepsTheSchema() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let cases = Self.allTypeCases()
        let summary = try file.write(schema: try ParquetSchema(cases.map(\.column))) { _, _ in }
        let report = try file.read()
        XCTAssertEqual(summary.rowCount, 0)
        XCTAssertEqual(summary.rowGroupCount, 0)
        XCTAssertEqual(report.numRows, 0)
        XCTAssertEqual(report.numRowGroups, 0)
        XCTAssertEqual(report.arrowSchema.map(\.name), cases.map(\.column.name))
        XCTAssertEqual(report.duckdbTypes.count, cases.count)
        XCTAssertEqual(report.arrowValues["s"], [])
        XCTAssertEqual(report.duckdbValues["s"], [])
    }

    func testColumnsHoldingOnlyNullsAreReadable() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let schema = try ParquetSchema([
            .init(name: "s", type: .string),
            .init(name: "n", type: .int64),
            .init(name: "l", type: .list(.double)),
        ])
        try file.write(schema: schema) { writer, batch in
            for _ in 0..<3 {
                batch[0].appendNull()
                batch[1].appendNull()
                batch[2].appendNullList()
            }
            try writer.write(batch)
        }
        let report = try file.read()
        for name in ["s", "n", "l"] {
            XCTAssertEqual(report.arrowValues[name], [nil, nil, nil], name)
            XCTAssertEqual(report.duckdbValues[name], [nil, nil, nil], name)
        }
        XCTAssertEqual(report.chunk(0, "s")?.statistics?.nullCount, 3)
        XCTAssertEqual(report.chunk(0, "s")?.statistics?.hasMinMax, false)
    }

    func testDictionaryOverLimitFallsBackToPlainForTheRestOfTheChunk() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let schema = try ParquetSchema([
            .init(name: "many", type: .string),
            .init(name: "few", type: .string),
        ])
        var options = ParquetWriterOptions()
        options.dictionaryPageSizeLimit = 4096
        let rows = 5000
        try file.write(schema: schema, options: options) { writer, batch in
            for i in 0..<rows {
                batch[0].appendString("distinct value number \(i)")
                batch[1].appendString(["red", "green", "blue"][i % 3])
            }
            try writer.write(batch)
        }
        let report = try file.read()
        let many = try XCTUnwrap(report.chunk(0, "many"))
        XCTAssertTrue(many.encodings.contains("PLAIN"), "\(many.encodings)")
        XCTAssertTrue(many.encodings.contains("RLE_DICTIONARY"), "\(many.encodings)")
        XCTAssertNotNil(many.dictionaryPageOffset)
        let few = try XCTUnwrap(report.chunk(0, "few"))
        XCTAssertTrue(few.encodings.contains("RLE_DICTIONARY"), "\(few.encodings)")
        let expected = (0..<rows).map { Optional("distinct value number \($0)") }
        XCTAssertEqual(report.arrowValues["many"], expected)
        XCTAssertEqual(report.duckdbValues["many"], expected)
        XCTAssertEqual(report.chunk(0, "many")?.statistics?.min, "distinct value number 0")
        XCTAssertEqual(report.chunk(0, "many")?.statistics?.max, "distinct value number 999")
        XCTAssertEqual(report.duckdbValues["few"]?.last, ["red", "green", "blue"][(rows - 1) % 3])
    }

    func testSmallRowGroupsEachCarryTheirOwnStatistics() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let schema = try ParquetSchema([
            .init(name: "id", type: .int64, nullable: false),
            .init(name: "name", type: .string),
        ])
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 100
        let summary = try file.write(schema: schema, options: options) { writer, batch in
            // Three batches of 90 rows: row groups end in the middle of batches.
            for part in 0..<3 {
                batch.removeAll()
                for i in (part * 90)..<((part + 1) * 90) {
                    batch[0].appendInt64(Int64(i))
                    if i % 10 == 0 { batch[1].appendNull() } else { batch[1].appendString(String(format: "n%03d", i)) }
                }
                try writer.write(batch)
            }
        }
        XCTAssertEqual(summary.rowGroupCount, 3)
        XCTAssertEqual(summary.rowCount, 270)
        XCTAssertEqual(summary.columns[0].minValue, .integer(0))
        XCTAssertEqual(summary.columns[0].maxValue, .integer(269))
        XCTAssertEqual(summary.columns[1].nullCount, 27)
        let report = try file.read()
        XCTAssertEqual(report.numRowGroups, 3)
        XCTAssertEqual(report.rowGroups.map(\.numRows), [100, 100, 70])
        XCTAssertEqual(report.rowGroups.map { $0.columns[0].statistics?.min }, ["0", "100", "200"])
        XCTAssertEqual(report.rowGroups.map { $0.columns[0].statistics?.max }, ["99", "199", "269"])
        XCTAssertEqual(report.rowGroups.map { $0.columns[1].statistics?.min }, ["n001", "n101", "n201"])
        XCTAssertEqual(report.rowGroups.map { $0.columns[1].statistics?.max }, ["n099", "n199", "n269"])
        XCTAssertEqual(report.rowGroups.map { $0.columns[1].statistics?.nullCount }, [10, 10, 7])
        XCTAssertEqual(report.duckdbValues["id"], (0..<270).map { Optional(String($0)) })
    }

    func testRowGroupByteLimitStartsNewRowGroups() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let schema = try ParquetSchema([.init(name: "text", type: .string, nullable: false)])
        var options = ParquetWriterOptions()
        options.rowGroupMaxBytes = 64 * 1024
        let text = String(repeating: "x", count: 1000)
        try file.write(schema: schema, options: options) { writer, batch in
            for _ in 0..<300 { batch[0].appendString(text) }
            try writer.write(batch)
        }
        let report = try file.read()
        XCTAssertGreaterThanOrEqual(report.numRowGroups, 4)
        XCTAssertEqual(report.rowGroups.reduce(0) { $0 + $1.numRows }, 300)
        XCTAssertEqual(report.duckdbValues["text"]?.count, 300)
    }

    func testEveryCodecIsRecordedAndReadable() throws {
        let codecs: [(ParquetCompression, String)] = [(.none, "UNCOMPRESSED"), (.snappy, "SNAPPY"), (.zstd(level: 3), "ZSTD"), (.zstd(level: 19), "ZSTD")]
        for (codec, name) in codecs {
            let file = try ParquetTestFile()
            defer { file.remove() }
            var options = ParquetWriterOptions()
            options.compression = codec
            options.dataPageSize = 256
            let cases = try writeAllTypes(to: file, options: options)
            let report = try file.read()
            XCTAssertEqual(Set(report.rowGroups[0].columns.map(\.compression)), [name], "\(codec)")
            assertValues(report, cases)
        }
    }

    func testDataPageV2WithTinyPagesIsReadable() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        var options = ParquetWriterOptions()
        options.dataPageVersion = .v2
        options.dataPageSize = 1
        let cases = try writeAllTypes(to: file, options: options)
        let report = try file.read()
        assertValues(report, cases)
        // A DATA_PAGE_V2 header starts with field 1 (i32, delta 1) = zigzag(3) = 6.
        let bytes = try file.bytes()
        for chunk in report.rowGroups[0].columns {
            XCTAssertEqual(Array(bytes[chunk.dataPageOffset..<(chunk.dataPageOffset + 2)]), [0x15, 0x06], chunk.path)
        }
    }

    func testManyRowsAcrossPagesAndRowGroupsKeepNullsAndListsAligned() throws {
        for version in [ParquetDataPageVersion.v1, .v2] {
            let file = try ParquetTestFile()
            defer { file.remove() }
            let schema = try ParquetSchema([
                .init(name: "id", type: .int32, nullable: false),
                .init(name: "maybe", type: .double),
                .init(name: "tags", type: .list(.string)),
                .init(name: "flag", type: .boolean),
            ])
            var options = ParquetWriterOptions()
            options.dataPageVersion = version
            options.dataPageSize = 512
            options.rowGroupMaxRows = 3000
            options.dictionaryPageSizeLimit = 256
            let rows = 7000
            var expectedTags: [String?] = []
            try file.write(schema: schema, options: options) { writer, batch in
                for i in 0..<rows {
                    batch[0].appendInt32(Int32(i))
                    if i % 3 == 0 { batch[1].appendNull() } else { batch[1].appendDouble(Double(i) / 4) }
                    if i % 7 == 0 {
                        batch[2].appendNullList()
                        expectedTags.append(nil)
                    } else {
                        var tags: [String?] = []
                        for k in 0..<(i % 4) {
                            if k == 1 && i % 2 == 0 { batch[2].appendNull(); tags.append(nil) } else {
                                batch[2].appendString("t\(i % 50)-\(k)")
                                tags.append("t\(i % 50)-\(k)")
                            }
                        }
                        batch[2].endList()
                        expectedTags.append(Self.jsonList(tags))
                    }
                    batch[3].appendBool(i % 5 == 0)
                    if batch.count == 1000 {
                        try writer.write(batch)
                        batch.removeAll()
                    }
                }
            }
            let report = try file.read()
            XCTAssertEqual(report.numRowGroups, 3, "\(version)")
            let doubles = (0..<rows).map { $0 % 3 == 0 ? nil : Optional(String(describing: Double($0) / 4)) }
            XCTAssertEqual(report.arrowValues["maybe"], doubles, "\(version)")
            XCTAssertEqual(report.duckdbValues["maybe"], doubles, "\(version)")
            XCTAssertEqual(report.arrowValues["tags"], expectedTags, "\(version)")
            XCTAssertEqual(report.duckdbValues["tags"], expectedTags, "\(version)")
            let flags = (0..<rows).map { Optional($0 % 5 == 0 ? "true" : "false") }
            XCTAssertEqual(report.duckdbValues["flag"], flags, "\(version)")
            XCTAssertEqual(report.arrowValues["id"], (0..<rows).map { Optional(String($0)) }, "\(version)")
        }
    }

    func testDecimalsOfEveryWidthIncludingNegativesAndExtremes() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let schema = try ParquetSchema([
            .init(name: "d4", type: .decimal(precision: 4, scale: 0)),
            .init(name: "d18", type: .decimal(precision: 18, scale: 2)),
            .init(name: "d20", type: .decimal(precision: 20, scale: 0)),
            .init(name: "d38", type: .decimal(precision: 38, scale: 38)),
        ])
        try file.write(schema: schema) { writer, batch in
            batch[0].appendDecimal(unscaled: -9999)
            batch[0].appendDecimal(unscaled: 9999)
            try batch[0].appendDecimal(text: "-1.0e1")
            batch[1].appendDecimal(unscaled: -999_999_999_999_999_999)
            try batch[1].appendDecimal(text: "9999999999999999.99")
            try batch[1].appendDecimal(text: "-0.5")
            batch[2].appendDecimal(unscaled: .min)
            try batch[2].appendDecimal(unscaledDigits: "99999999999999999999")
            try ([0xFF, 0x85] as [UInt8]).withUnsafeBytes { try batch[2].appendDecimal(bigEndianTwosComplement: $0) }
            try batch[3].appendDecimal(text: "0.99999999999999999999999999999999999999")
            try batch[3].appendDecimal(text: "-0.00000000000000000000000000000000000001")
            try batch[3].appendDecimal(unscaledDigits: "-1")
            try writer.write(batch)
        }
        let report = try file.read()
        let expected: [String: [String?]] = [
            "d4": ["-9999", "9999", "-10"],
            "d18": ["-9999999999999999.99", "9999999999999999.99", "-0.50"],
            "d20": ["-9223372036854775808", "99999999999999999999", "-123"],
            "d38": ["0.99999999999999999999999999999999999999", "-1E-38", "-1E-38"],
        ]
        for (name, values) in expected {
            XCTAssertEqual(report.arrowValues[name], values, name)
            XCTAssertEqual(report.duckdbValues[name], values, name)
        }
        XCTAssertEqual(report.parquetColumn("d20")?.physicalType, "FIXED_LEN_BYTE_ARRAY")
        XCTAssertEqual(report.chunk(0, "d20")?.statistics?.min, "-9223372036854775808")
        XCTAssertEqual(report.chunk(0, "d20")?.statistics?.max, "99999999999999999999")
        XCTAssertEqual(report.chunk(0, "d38")?.statistics?.min, "-1E-38")
    }

    func testFloatStatisticsIgnoreNaN() throws {
        let file = try ParquetTestFile()
        defer { file.remove() }
        let schema = try ParquetSchema([.init(name: "x", type: .double)])
        try file.write(schema: schema) { writer, batch in
            for value in [Double.nan, 2, -3, .nan] { batch[0].appendDouble(value) }
            try writer.write(batch)
        }
        let report = try file.read()
        XCTAssertEqual(report.chunk(0, "x")?.statistics?.min, "-3.0")
        XCTAssertEqual(report.chunk(0, "x")?.statistics?.max, "2.0")
        XCTAssertEqual(report.duckdbValues["x"], ["nan", "2.0", "-3.0", "nan"])
    }

    func testBytesWrittenLetsTheCallerSplitIntoSeveralValidFiles() throws {
        let folder = try ParquetTestFile()
        defer { folder.remove() }
        let schema = try ParquetSchema([.init(name: "id", type: .int64, nullable: false), .init(name: "doc", type: .json)])
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 500
        options.compression = .none
        let limit: Int64 = 40_000
        var files: [ParquetTestFile] = []
        var writer: ParquetWriter?
        var sink: FileSink?
        var nextID: Int64 = 0
        for _ in 0..<20 {
            if writer == nil {
                let file = try ParquetTestFile(name: "part-\(files.count).parquet")
                files.append(file)
                sink = try FileSink(path: file.path)
                writer = try ParquetWriter(schema: schema, sink: sink!, options: options)
            }
            guard let current = writer else { break }
            let batch = current.makeBatch()
            for _ in 0..<250 {
                batch[0].appendInt64(nextID)
                batch[1].appendString(#"{"id":\#(nextID),"payload":"\#(String(repeating: "p", count: Int(nextID % 40)))"}"#)
                nextID += 1
            }
            try current.write(batch)
            if current.bytesWritten + Int64(current.bufferedBytes) >= limit {
                try current.close()
                try sink?.close()
                writer = nil
            }
        }
        try writer?.close()
        try sink?.close()
        defer { files.forEach { $0.remove() } }
        XCTAssertGreaterThan(files.count, 1)
        var seen: [String?] = []
        for file in files {
            let report = try file.read()
            seen += report.duckdbValues["id"] ?? []
        }
        XCTAssertEqual(seen, (0..<nextID).map { Optional(String($0)) })
    }

    static func jsonList(_ values: [String?]) -> String {
        "[" + values.map { $0.map { "\"\($0)\"" } ?? "null" }.joined(separator: ",") + "]"
    }
}
