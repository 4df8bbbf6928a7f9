import XCTest
@testable import SluiceFormats

final class BinaryCopyDecoderTests: XCTestCase {
    private func allTypes() throws -> (schema: [ColumnSchema], binary: [UInt8], pg: TestPostgres) {
        let pg = try Fixtures.postgres()
        let schema = try pg.schema(Fixtures.allTypesQuery).columns
        return (schema, try pg.copyBinary(Fixtures.allTypesQuery), pg)
    }

    func testAnyChunkingGivesTheSameOutputAsOneChunk() throws {
        let (schema, binary, _) = try allTypes()
        let reference = try Decode.csv(try Decode.batches(binary, schema: schema), schema: schema)
        let chunkings: [Chunking] = [.fixed(1), .fixed(2), .fixed(7), .fixed(19), .fixed(20), .fixed(4096),
                                     .random(seed: 1, max: 5), .random(seed: 2, max: 300), .random(seed: 3, max: 70_000)]
        for chunking in chunkings {
            let batches = try Decode.batches(binary, schema: schema, batchSize: 37, chunking: chunking)
            XCTAssertEqual(batches.reduce(0) { $0 + $1.rowCount }, 406, "\(chunking)")
            XCTAssertTrue(batches.dropLast().allSatisfy { $0.rowCount == 37 }, "full batches for \(chunking)")
            let csv = try Decode.csv(batches, schema: schema)
            XCTAssertTrue(csv == reference, "\(chunking): " + firstDifference(csv, reference))
        }
    }

    func testTypedStorageHoldsDecodedValues() throws {
        let pg = try Fixtures.postgres()
        let query = """
            SELECT 42::int8 AS a, '2026-01-01 00:00:00.5+00'::timestamptz AS b, 'x'::text AS c,
                   '{"k": 1}'::jsonb AS d, -12.50::numeric(6,2) AS e, NULL::int4 AS f, '2000-01-02'::date AS g,
                   '1 mon 2 days 00:00:03'::interval AS h, 1.5::float8 AS i, true AS j, ARRAY[1, NULL, 3] AS k
            """
        let schema = try pg.schema(query).columns
        let batches = try Decode.batches(try pg.copyBinary(query), schema: schema)
        XCTAssertEqual(batches.count, 1)
        let batch = try XCTUnwrap(batches.first)
        XCTAssertEqual(batch.rowCount, 1)
        XCTAssertEqual(batch.columns[0].int64Values, [42])
        XCTAssertEqual(batch.columns[1].int64Values, [9497 * 86_400_000_000 + 500_000])
        XCTAssertEqual(batch.columns[2].string(at: 0), "x")
        XCTAssertEqual(batch.columns[3].string(at: 0), "{\"k\": 1}")
        XCTAssertEqual(batch.columns[4].string(at: 0), "-12.50")
        let parts = try XCTUnwrap(batch.columns[4].decimal(at: 0))
        XCTAssertEqual(parts.unscaledInt64, -1250)
        XCTAssertEqual(parts.scale, 2)
        XCTAssertTrue(batch.columns[5].isNull(0))
        XCTAssertEqual(batch.columns[6].int32Values, [1])
        XCTAssertEqual(batch.columns[7].intervalValues, [IntervalValue(microseconds: 3_000_000, days: 2, months: 1)])
        XCTAssertEqual(batch.columns[8].doubleValues, [1.5])
        XCTAssertEqual(batch.columns[9].boolValues, [true])
        let array = try XCTUnwrap(batch.columns[10].array(at: 0))
        XCTAssertEqual(array.dimensions, [3])
        XCTAssertEqual(array.elementOID, 23)
        XCTAssertNil(array.elements[1])
        XCTAssertEqual(array.elements.compactMap { $0?.count }, [4, 4])
    }

    func testBadSignatureIsRejected() throws {
        var bytes = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x01] + [UInt8](repeating: 0, count: 8) + [0xFF, 0xFF]
        XCTAssertThrowsError(try Decode.batches(bytes, schema: [])) { error in
            XCTAssertEqual(error as? FormatsError, .badSignature)
            XCTAssertTrue("\(error)".contains("PGCOPY signature"))
        }
        bytes = Array("id,name\n1,x\n".utf8)
        XCTAssertThrowsError(try Decode.batches(bytes, schema: [])) { error in
            XCTAssertEqual(error as? FormatsError, .badSignature)
        }
    }

    func testTruncatedStreamIsRejectedWhereverItIsCut() throws {
        let (schema, binary, _) = try allTypes()
        for cut in [0, 5, 18, 19, 25, binary.count / 2, binary.count - 3, binary.count - 2, binary.count - 1] {
            let prefix = Array(binary[..<cut])
            XCTAssertThrowsError(try Decode.batches(prefix, schema: schema, chunking: .random(seed: UInt64(cut), max: 50)),
                                 "cut at \(cut)") { error in
                guard case .truncated = error as? FormatsError else {
                    return XCTFail("cut at \(cut): expected truncated, got \(error)")
                }
            }
        }
    }

    func testFieldCountMismatchNamesBothCounts() throws {
        let (schema, binary, _) = try allTypes()
        XCTAssertThrowsError(try Decode.batches(binary, schema: Array(schema.dropLast()))) { error in
            XCTAssertEqual(error as? FormatsError, .fieldCountMismatch(expected: schema.count - 1, found: schema.count, row: 1))
            XCTAssertFalse("\(error)".contains("\n"))
        }
    }

    func testWrongTypeWidthIsReportedWithTheColumn() throws {
        let pg = try Fixtures.postgres()
        let binary = try pg.copyBinary("SELECT 1::int4 AS n")
        // Declared as int8, but the data is a 4-byte int4.
        XCTAssertThrowsError(try Decode.batches(binary, schema: [ColumnSchema(name: "n", typeOID: 20)])) { error in
            XCTAssertEqual(error as? FormatsError, .badFieldLength(column: "n", type: "bigint", length: 4, row: 1))
        }
    }

    func testArrayOfAnotherElementTypeIsAnUnknownTypeError() throws {
        let pg = try Fixtures.postgres()
        let binary = try pg.copyBinary("SELECT ARRAY[1, 2]::int8[] AS a")
        XCTAssertThrowsError(try Decode.batches(binary, schema: [ColumnSchema(name: "a", typeOID: 1009)])) { error in
            XCTAssertEqual(error as? FormatsError, .unknownType(column: "a", oid: 20))
        }
    }

    func testBytesAfterTheTrailerAreRejected() throws {
        let pg = try Fixtures.postgres()
        let binary = try pg.copyBinary("SELECT 1::int4 AS n")
        let schema = [ColumnSchema(name: "n", typeOID: 23)]
        XCTAssertThrowsError(try Decode.batches(binary + [0, 1], schema: schema)) { error in
            XCTAssertEqual(error as? FormatsError, .dataAfterTrailer(2))
        }
        XCTAssertEqual(try Decode.batches(binary, schema: schema).first?.columns[0].int32Values, [1])
    }

    func testUnknownTypeFallsBackToTextWhenCastUpstream() throws {
        let pg = try Fixtures.postgres()
        let query = "SELECT '(1,2)'::point::text AS p"
        let binary = try pg.copyBinary(query)
        // The caller asked for the point as text; the OID it reports is text's, but an unknown OID works too.
        let schema = [ColumnSchema(name: "p", typeOID: 600)]
        XCTAssertFalse(schema[0].isKnownType)
        XCTAssertEqual(schema[0].type, .text)
        let csv = try Decode.csv(try Decode.batches(binary, schema: schema), schema: schema)
        XCTAssertEqual(String(decoding: csv, as: UTF8.self), "p\n\"(1,2)\"\n")
    }
}
