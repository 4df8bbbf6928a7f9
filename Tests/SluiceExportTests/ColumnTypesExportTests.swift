import Foundation
import XCTest

/// Every column type Sluice decodes, with NULLs, unicode, quotes, newlines and big numerics, exported in
/// each format and compared with the source.
final class ColumnTypesExportTests: XCTestCase {
    static let columns = "id int4, i2 int2, i8 int8, f4 float4, f8 float8, n_big numeric, n_dec numeric(38,10), n_small numeric(12,2), b bool, t text, vc varchar(20), ch char(5), d date, ts timestamp, tstz timestamptz, iv interval, u uuid, j json, jb jsonb, by bytea, ai int4[], at text[], af float8[]"

    static let rows = [
        #"(1, -32768, 9223372036854775807, 3.14, -2.5e-300, 123456789012345678901234567890.123456789012, 1234567890123456789012345678.1234567890, -9999999999.99, true, E'caf\u00e9 "quoted", comma\nnew line ✓', 'varchar ü', 'ab', '2026-02-28', '2026-01-01 12:34:56.789012', '2026-06-30 23:59:59.5+02', '1 year 2 mons 3 days 04:05:06.7', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2.5, "x\"y"], "b": null}', '{"nested": {"deep": true}, "k": "ü"}', E'\\x00ff10', '{1,NULL,3}', '{"a b","c,d",NULL,""}', '{1.5,-0.25}')"#,
        "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        #"(3, 0, -1, 'NaN', 'Infinity', 'NaN', 0, 0.5, false, '', '', '', '1999-12-31', '1970-01-01 00:00:00', '1900-01-01 00:00:00+00', '-1 days', '00000000-0000-0000-0000-000000000000', '[]', '{}', E'\\x', '{}', '{}', '{}')"#,
    ]

    var pg: TestPostgres!
    var harness: ExportHarness!
    var table = ""

    override func setUp() async throws {
        pg = try TestPostgres.get()
        harness = try ExportHarness(pg: pg)
        table = "types_" + UUID().uuidString.prefix(8).lowercased()
        try pg.psql("CREATE TABLE \(table) (\(Self.columns))", "INSERT INTO \(table) VALUES \(Self.rows.joined(separator: ", "))")
    }

    override func tearDown() async throws {
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
    }

    private func export(_ format: String, _ compression: String) async throws -> String {
        let dag = try harness.dag("types_\(format)", """
            query: "SELECT * FROM \(table) ORDER BY id"
            mode: full
            format: \(format)
            compression: \(compression)
            destination: lake
            path: "types/\(format)"
            audits: [row_count_matches_source, {not_null: [id]}, {unique: [id]}]
            """)
        let outcome = await harness.run(dag, day: "2026-01-01")
        XCTAssertEqual(try outcome.result.get().rowsAffected, 3, outcome.log)
        let part = harness.files(under: "types/\(format)").first { $0.hasPrefix("part-") } ?? ""
        return harness.lake.path + "/types/\(format)/" + part
    }

    func testEveryTypeRoundTripsThroughCSVByteForByteWithPostgres() async throws {
        let path = try await export("csv", "none")
        let reference = try pg.copyCSV("SELECT * FROM \(table) ORDER BY id")
        XCTAssertEqual(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self), String(decoding: reference, as: UTF8.self))
    }

    func testEveryTypeRoundTripsThroughParquetAsPyarrowAndDuckDBReadIt() async throws {
        let path = try await export("parquet", "zstd")
        let report = try Readers.json(Self.parquetCheck, [path, pg.uri, table]) as? [String: Any]
        XCTAssertEqual(report?["rows"] as? Int, 3)
        XCTAssertEqual(report?["problems"] as? [String], [])
        let types = report?["types"] as? [String: String] ?? [:]
        XCTAssertEqual(types["n_dec"], "decimal128(38, 10)")
        XCTAssertEqual(types["n_small"], "decimal128(12, 2)")
        XCTAssertEqual(types["n_big"], "string")
        XCTAssertEqual(types["tstz"], "timestamp[us, tz=UTC]")
        XCTAssertEqual(types["ts"], "timestamp[us]")
        XCTAssertEqual(types["i2"], "int16")
        XCTAssertEqual(types["ai"], "list<element: int32>")
        XCTAssertEqual(report?["duckdb"] as? String, "3|1234567890123456789012345678.1234567890|café \"quoted\", comma\nnew line ✓")
    }

    func testEveryTypeRoundTripsThroughJSONLines() async throws {
        let path = try await export("jsonl", "gzip")
        let report = try Readers.json(Self.jsonCheck, [path, pg.uri, table]) as? [String: Any]
        XCTAssertEqual(report?["rows"] as? Int, 3)
        XCTAssertEqual(report?["problems"] as? [String], [])
    }

    static let parquetCheck = #"""
import sys, json, struct, math, uuid, psycopg, pyarrow.parquet as pq, duckdb
path, dsn, table = sys.argv[1:4]
t = pq.read_table(path)
got = sorted(t.to_pylist(), key=lambda r: r["id"])
with psycopg.connect(dsn) as c:
    cur = c.execute(f"SELECT *, iv::text AS iv_text, n_big::text AS n_big_text FROM {table} ORDER BY id")
    names = [d.name for d in cur.description]
    src = [dict(zip(names, r)) for r in cur.fetchall()]
def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b
problems = []
for s, p in zip(src, got):
    for col in t.schema.names:
        a, b = s[col], p[col]
        if col == "iv": a = s["iv_text"]
        if col == "n_big": a = s["n_big_text"]
        if col in ("j", "jb") and b is not None: b = json.loads(b)
        if col == "u" and b is not None and not isinstance(b, uuid.UUID): b = uuid.UUID(bytes=bytes(b))
        if col == "by" and a is not None: a = bytes(a)
        if col == "f4" and a is not None: a = struct.unpack("f", struct.pack("f", a))[0]
        if col == "af" and a is not None: a = [x for x in a]
        if isinstance(a, list) and isinstance(b, list):
            ok = len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        else:
            ok = same(a, b)
        if not ok: problems.append(f"row {s['id']} {col}: source {a!r} parquet {b!r}")
d = duckdb.sql(f"SELECT count(*)::varchar || '|' || max(n_dec)::varchar || '|' || max(t) FROM read_parquet('{path}')").fetchone()[0]
print(json.dumps({"rows": len(got), "problems": problems, "types": {f.name: str(f.type) for f in t.schema}, "duckdb": d}))
"""#

    static let jsonCheck = #"""
import sys, json, gzip, decimal, psycopg
path, dsn, table = sys.argv[1:4]
got = [json.loads(l, parse_float=decimal.Decimal) for l in gzip.open(path, "rt", encoding="utf-8")]
with psycopg.connect(dsn) as c:
    cur = c.execute(f"SELECT id, i8, n_big::text, n_dec::text, t, vc, ch, j::text, jb::text, ai, at, u::text, b FROM {table} ORDER BY id")
    src = cur.fetchall()
problems = []
for s, g in zip(src, got):
    want = {"id": s[0], "i8": s[1], "t": s[4], "vc": s[5], "ch": s[6], "ai": s[9], "at": s[10], "u": s[11], "b": s[12]}
    for k, v in want.items():
        if g[k] != v: problems.append(f"row {s[0]} {k}: {g[k]!r} != {v!r}")
    for k, text in (("n_big", s[2]), ("n_dec", s[3])):
        if text is None or text == "NaN":
            if g[k] is not None: problems.append(f"row {s[0]} {k}: {g[k]!r} should be null")
        elif decimal.Decimal(text) != g[k]: problems.append(f"row {s[0]} {k}: {g[k]!r} != {text}")
    for k, text in (("j", s[7]), ("jb", s[8])):
        want = None if text is None else json.loads(text, parse_float=decimal.Decimal)
        if g[k] != want: problems.append(f"row {s[0]} {k}: {g[k]!r} != {want!r}")
print(json.dumps({"rows": len(got), "problems": problems}))
"""#
}
