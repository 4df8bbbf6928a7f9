import XCTest
@testable import SluiceFormats

final class CSVWriterTests: XCTestCase {
    func testCSVIsByteIdenticalToPostgresCopyCSVForEveryType() throws {
        let pg = try Fixtures.postgres()
        let query = Fixtures.allTypesQuery
        let schema = try pg.schema(query).columns
        let binary = try pg.copyBinary(query)
        let expected = try pg.copyCSV(query)
        let batches = try Decode.batches(binary, schema: schema, batchSize: 50)
        XCTAssertEqual(batches.reduce(0) { $0 + $1.rowCount }, 406)
        let ours = try Decode.csv(batches, schema: schema)
        XCTAssertTrue(ours == expected, firstDifference(ours, expected))
    }

    func testCSVMatchesPostgresWithOtherDelimiters() throws {
        let pg = try Fixtures.postgres()
        let query = Fixtures.allTypesQuery
        let schema = try pg.schema(query).columns
        let binary = try pg.copyBinary(query)
        let batches = try Decode.batches(binary, schema: schema)
        for delimiter in [";", "|", " ", "-", "\t"] {
            let expected = try pg.copyCSV(query, delimiterLiteral: delimiter == "\t" ? "E'\\t'" : "'\(delimiter)'")
            let ours = try Decode.csv(batches, schema: schema, delimiter: Array(delimiter.utf8)[0])
            XCTAssertTrue(ours == expected, "delimiter '\(delimiter)': " + firstDifference(ours, expected))
        }
    }

    func testSingleColumnBackslashDotIsQuotedLikePostgres() throws {
        let pg = try Fixtures.postgres()
        let query = "SELECT t FROM \(Fixtures.allTypesTable) WHERE id IN (1, 2, 5) ORDER BY id"
        let schema = try pg.schema(query).columns
        let ours = try Decode.csv(try Decode.batches(try pg.copyBinary(query), schema: schema), schema: schema)
        let expected = try pg.copyCSV(query)
        XCTAssertEqual(String(decoding: ours, as: UTF8.self), String(decoding: expected, as: UTF8.self))
        XCTAssertTrue(String(decoding: ours, as: UTF8.self).contains("\"\\.\""))
    }

    func testEmptyResultStillWritesTheHeader() throws {
        let pg = try Fixtures.postgres()
        let query = "SELECT id, t AS \"odd, name\" FROM \(Fixtures.allTypesTable) WHERE false"
        let schema = try pg.schema(query).columns
        let ours = try Decode.csv(try Decode.batches(try pg.copyBinary(query), schema: schema), schema: schema)
        XCTAssertEqual(ours, try pg.copyCSV(query))
    }

    func testNullIsEmptyAndEmptyStringIsQuoted() throws {
        let schema = [ColumnSchema(name: "a", typeOID: 25), ColumnSchema(name: "b", typeOID: 25)]
        // Header, one row: NULL, ''.
        var stream: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0, 0, 0, 0, 0]
        stream += [0, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF]
        let csv = try Decode.csv(try Decode.batches(stream, schema: schema), schema: schema)
        XCTAssertEqual(String(decoding: csv, as: UTF8.self), "a,b\n,\"\"\n")
    }

    func testRowsAndBytesAreCounted() throws {
        let pg = try Fixtures.postgres()
        let query = Fixtures.allTypesQuery
        let schema = try pg.schema(query).columns
        let batches = try Decode.batches(try pg.copyBinary(query), schema: schema)
        let sink = MemoryByteSink()
        let writer = CSVWriter(schema: schema, sink: sink)
        for b in batches { try writer.write(b) }
        try writer.finish()
        XCTAssertEqual(writer.rowsWritten, 406)
        XCTAssertEqual(writer.bytesWritten, sink.bytes.count)
        XCTAssertTrue(sink.isFinished)
    }
}
