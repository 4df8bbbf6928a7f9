@testable import SluiceParquet
import XCTest

/// Appending values: decimal conversions, UUID parsing, and misuse reported at write time.
final class ParquetColumnBufferTests: XCTestCase {
    func buffer(_ type: ParquetColumnType, nullable: Bool = true) -> ParquetColumnBuffer {
        ParquetColumnBuffer(column: ParquetColumn(name: "c", type: type, nullable: nullable))
    }

    func testWideDecimalsAreBigEndianTwosComplementOfTheColumnWidth() throws {
        let column = buffer(.decimal(precision: 20, scale: 0))
        XCTAssertEqual(column.fixedWidth, 9)
        column.appendDecimal(unscaled: -2)
        try column.appendDecimal(unscaledDigits: "18446744073709551616")  // 2^64
        let bytes = Array(UnsafeRawBufferPointer(start: column.values.data.base, count: column.values.data.count))
        XCTAssertEqual(Array(bytes[0..<9]), [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE])
        XCTAssertEqual(Array(bytes[9..<18]), [0x01, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    func testDecimalTextIsRescaledToTheColumnScale() throws {
        let column = buffer(.decimal(precision: 9, scale: 3))
        try column.appendDecimal(text: "12.5")
        try column.appendDecimal(text: "-0.001")
        try column.appendDecimal(text: "2e2")
        try column.appendDecimal(text: "1.2300")
        XCTAssertEqual(Array(column.values.int32s.buffer), [12_500, -1, 200_000, 1_230])
    }

    func testDecimalsThatDoNotFitAreRejected() {
        let column = buffer(.decimal(precision: 4, scale: 2))
        XCTAssertThrowsError(try column.appendDecimal(text: "1.234"))
        XCTAssertThrowsError(try column.appendDecimal(text: "100.00"))
        XCTAssertThrowsError(try column.appendDecimal(text: "NaN"))
        XCTAssertThrowsError(try column.appendDecimal(unscaledDigits: "12a"))
        column.appendDecimal(unscaled: 10_000)
        XCTAssertEqual(column.problem, .invalidDecimal(column: "c"))
    }

    func testUUIDTextIsParsedWithOrWithoutDashes() throws {
        let column = buffer(.uuid)
        try column.appendUUID(text: "550e8400-e29b-41d4-a716-446655440000")
        try column.appendUUID(text: "550E8400E29B41D4A716446655440000")
        XCTAssertEqual(column.count, 2)
        let data = column.values.data
        XCTAssertEqual(data.count, 32)
        XCTAssertEqual(data[0], 0x55)
        XCTAssertEqual(data[16], 0x55)
        XCTAssertEqual(data[31], 0x00)
        XCTAssertThrowsError(try column.appendUUID(text: "550e8400"))
        XCTAssertThrowsError(try column.appendUUID(text: "zz0e8400-e29b-41d4-a716-446655440000"))
    }

    func testWrongKindAndNullInRequiredColumnAreReportedByWrite() throws {
        let schema = try ParquetSchema([
            .init(name: "id", type: .int64, nullable: false),
            .init(name: "name", type: .string),
        ])
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink)
        let batch = writer.makeBatch()
        batch[0].appendNull()
        batch[1].appendString("x")
        XCTAssertThrowsError(try writer.write(batch)) { error in
            XCTAssertEqual(error as? ParquetError, .nullInRequiredColumn(column: "id"))
        }
        batch.removeAll()
        batch[0].appendInt64(1)
        batch[1].appendDouble(2)
        XCTAssertThrowsError(try writer.write(batch)) { error in
            guard case .wrongValueKind(let column, _)? = error as? ParquetError else { return XCTFail("\(error)") }
            XCTAssertEqual(column, "name")
        }
        batch.removeAll()
        batch[0].appendInt64(1)
        XCTAssertThrowsError(try writer.write(batch)) { error in
            guard case .batchMismatch? = error as? ParquetError else { return XCTFail("\(error)") }
        }
        // A rejected batch leaves the writer usable.
        batch[1].appendString("ok")
        XCTAssertNoThrow(try writer.write(batch))
        XCTAssertEqual(try writer.close().rowCount, 1)
    }

    func testOutOfRangeIntegersAndUnfinishedListsAreRejected() throws {
        let schema = try ParquetSchema([.init(name: "small", type: .int16), .init(name: "tags", type: .list(.string))])
        let writer = try ParquetWriter(schema: schema, sink: MemorySink())
        let batch = writer.makeBatch()
        batch[0].appendInt32(40_000)
        batch[1].endList()
        XCTAssertThrowsError(try writer.write(batch)) { error in
            guard case .wrongValueKind(let column, _)? = error as? ParquetError else { return XCTFail("\(error)") }
            XCTAssertEqual(column, "small")
        }
        batch.removeAll()
        batch[0].appendInt64(-5)
        batch[1].endList()
        batch[1].appendString("dangling")
        XCTAssertThrowsError(try writer.write(batch)) { error in
            guard case .batchMismatch? = error as? ParquetError else { return XCTFail("\(error)") }
        }
    }

    func testInvalidSchemaListsEveryProblem() {
        XCTAssertThrowsError(try ParquetSchema([
            .init(name: "a", type: .int64),
            .init(name: "a", type: .decimal(precision: 0, scale: 0)),
            .init(name: "", type: .list(.list(.list(.list(.list(.list(.list(.int32)))))))),
        ])) { error in
            let text = (error as? ParquetError)?.description ?? ""
            XCTAssertTrue(text.contains("appears twice"), text)
            XCTAssertTrue(text.contains("precision 0"), text)
            XCTAssertTrue(text.contains("nests 7 lists, at most 6"), text)
            XCTAssertTrue(text.contains("empty"), text)
        }
    }

    func testFileStartsAndEndsWithMagicAndFooterLength() throws {
        let schema = try ParquetSchema([.init(name: "x", type: .int32)])
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink)
        XCTAssertEqual(writer.bytesWritten, 4)
        let batch = writer.makeBatch()
        batch[0].appendInt32(5)
        try writer.write(batch)
        let summary = try writer.close()
        let bytes = sink.bytes
        XCTAssertEqual(Int64(bytes.count), summary.byteCount)
        XCTAssertEqual(Array(bytes.prefix(4)), Array("PAR1".utf8))
        XCTAssertEqual(Array(bytes.suffix(4)), Array("PAR1".utf8))
        let footerLength = bytes[(bytes.count - 8)..<(bytes.count - 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertLessThan(footerLength, bytes.count - 12)
        XCTAssertGreaterThan(footerLength, 20)
        XCTAssertThrowsError(try writer.write(batch)) { XCTAssertEqual($0 as? ParquetError, .writerClosed) }
    }
}

/// A sink that keeps the bytes in memory.
final class MemorySink: ParquetSink {
    private(set) var bytes: [UInt8] = []

    func write(_ buffer: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: buffer) }
}
