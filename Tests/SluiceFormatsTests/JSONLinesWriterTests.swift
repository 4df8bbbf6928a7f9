import Foundation
import XCTest
@testable import SluiceFormats

final class JSONLinesWriterTests: XCTestCase {
    private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-jsonl-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func kindName(_ type: ColumnType) -> String {
        if case .array(let element) = type { return "array:" + kindName(element) }
        return "\(type)"
    }

    /// The source rows as PostgreSQL renders them to JSON (through jsonb so `json` values stay on one line).
    private func sourceJSON(_ pg: TestPostgres, _ query: String) throws -> [UInt8] {
        [UInt8](try pg.psql(["SELECT row_to_json(src_row)::jsonb::text FROM (\(query)) src_row"], tuplesOnly: true))
    }

    func testEveryValueOfEveryTypeMatchesTheSource() throws {
        let pg = try Fixtures.postgres()
        let query = Fixtures.allTypesQuery
        let schema = try pg.schema(query).columns
        let batches = try Decode.batches(try pg.copyBinary(query), schema: schema, chunking: .random(seed: 9, max: 500))
        let ours = try Decode.jsonLines(batches, schema: schema)
        XCTAssertEqual(ours.filter { $0 == 10 }.count, 406, "one line per row")
        let types = "{" + schema.map { "\"\($0.name)\": \"\(kindName($0.type))\"" }.joined(separator: ", ") + "}"
        let out = try TestProcess.run("/usr/bin/env", [
            "python3", "-c", PythonScripts.compareAllTypes,
            try temporaryFile("ours.jsonl", ours), try temporaryFile("src.jsonl", try sourceJSON(pg, query)),
            try temporaryFile("types.json", Array(types.utf8)),
        ])
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "OK 406 \(406 * schema.count)\n")
    }

    func testPyArrowAndDuckDBReadTheSameValuesAsTheSource() throws {
        let pg = try Fixtures.postgres()
        let query = """
            SELECT CASE WHEN g % 17 = 0 THEN NULL ELSE hashtextextended(g::text, 0) END AS hash_id,
                   timestamptz '2026-01-01 00:00:00+00' + g * interval '1.000123 seconds' AS "timestamp",
                   CASE WHEN g % 13 = 0 THEN NULL ELSE 'name "' || (g % 30) || E'"\\n,é' END AS name,
                   jsonb_build_object('host', 'h' || (g % 200), 'region', 'eu-west-1') AS tags,
                   jsonb_build_object('cpu', round(((g * 7919) % 10000)::numeric / 10000, 4), 'mem', (g * 31) % 65536,
                                      'count', (g::int8 * 104729) % 100000) AS fields,
                   (g * 12.3457)::numeric(12,4) AS n, g * 1e7 / 7.0::float8 AS f,
                   g % 2 = 0 AS b, date '2026-01-01' + g AS d, md5(g::text)::uuid AS u
            FROM generate_series(1, 3000) AS g ORDER BY g
            """
        let schema = try pg.schema(query).columns
        let batches = try Decode.batches(try pg.copyBinary(query), schema: schema, batchSize: 1000)
        let ours = try Decode.jsonLines(batches, schema: schema)
        let out = try TestProcess.run("/usr/bin/env", [
            "python3", "-c", PythonScripts.compareWithReaders,
            try temporaryFile("ours.jsonl", ours), try temporaryFile("src.jsonl", try sourceJSON(pg, query)),
        ])
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "OK 3000\n")
    }

    func testValueShapes() throws {
        let pg = try Fixtures.postgres()
        let query = """
            SELECT 'NaN'::float8 AS f, 'NaN'::numeric AS n, -1.50::numeric AS m, '2026-01-01 00:00:00.5+00'::timestamptz AS tz,
                   '2026-01-01 00:00:00.5'::timestamp AS ts, '2026-01-01'::date AS d, '\\x0a0b'::bytea AS b,
                   E'a\\u0001"\\\\\\n'::text AS t, '{"a" : [1, 2]}'::json AS j, ARRAY[[1,2],[3,NULL]] AS a, NULL::text AS z
            """
        let schema = try pg.schema(query).columns
        let ours = try Decode.jsonLines(try Decode.batches(try pg.copyBinary(query), schema: schema), schema: schema)
        XCTAssertEqual(String(decoding: ours, as: UTF8.self), #"""
            {"f":null,"n":null,"m":-1.50,"tz":"2026-01-01T00:00:00.500000Z","ts":"2026-01-01T00:00:00.500000","d":"2026-01-01","b":"Cgs=","t":"a\u0001\"\\\n","j":{"a":[1,2]},"a":[[1,2],[3,null]],"z":null}

            """#)
    }
}
