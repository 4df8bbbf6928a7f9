import Foundation
import SluiceExport
import XCTest

/// Every PostgreSQL type Sluice supports, exported through the real export path in CSV, JSON lines and
/// Parquet, compared value by value with PostgreSQL's own text output of the same rows (psycopg reading
/// every column as text): microseconds, before 1970 and after 2038, BC, infinities, date extremes,
/// inet/cidr v4 and v6, arrays with NULLs, numeric extremes and NaN, NULL in every column. Parquet is read
/// back by pyarrow and by DuckDB. The mappings checked here are the ones docs/type-mapping.md states.
final class TypeRoundTripExportTests: XCTestCase {
    static let columns = """
        id int4, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, n_dec numeric(38,10), n_small numeric(9,2),
        n_wide numeric(50,5), n_neg numeric(5,-2), b bool, t text, vc varchar(10), ch char(5), nm name, d date,
        ts timestamp, tstz timestamptz, tstz3 timestamptz(3), iv interval, u uuid, j json, jb jsonb, by bytea, o oid,
        ip inet, net cidr, a_i2 int2[], a_i8 int8[], a_f4 float4[], a_f8 float8[], a_n numeric[], a_b bool[],
        a_t text[], a_d date[], a_ts timestamp[], a_tstz timestamptz[], a_iv interval[], a_u uuid[], a_j json[],
        a_jb jsonb[], a_by bytea[], a_ip inet[], a_net cidr[]
        """

    static let rows = [
        "(1" + String(repeating: ", NULL", count: 44) + ")",
        #"""
        (2, 1, 2, 3, 1.5, 0.1, 12.5, 1234567890123456789012345678.1234567890, 1234567.89,
         123456789012345678901234567890123456789012345.67891, 12300, true, E'héllo "q", c\n', 'v', 'ab', 'nm',
         '2026-01-01', '2026-01-01 12:34:56.123456', '2026-06-30 23:59:59.000001+02', '2026-01-01 00:00:00.123+00',
         '1 year 2 mons 3 days 04:05:06.789', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2.50], "b" : null}',
         '{"k": "ü", "n": 1.50}', '\x00ff', 26, '::1', '::1/128',
         '{1,NULL,-3}', '{9223372036854775807,NULL}', '{1.5,NaN,-Infinity}', '{0.1,NULL,1e300}', '{1.50,NaN,NULL,-0.001}',
         '{t,NULL,f}', ARRAY['a b', NULL, '', 'NULL', 'x"y', 'back\slash', '{br}', 'é✓😀'],
         '{2026-01-01,infinity,0044-03-15 BC,NULL}', '{"2026-01-01 00:00:00.5",-infinity}',
         '{"2026-01-01 00:00:00.000001+00",NULL}', '{"1 day",NULL,"-00:00:01"}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}',
         ARRAY['{"x" : 1}'::json, NULL], ARRAY['{"y": [true]}'::jsonb, NULL, 'null'], '{"\\x01ff",NULL}',
         '{::1,10.0.0.1/8,NULL,::ffff:1.2.3.4}', '{10.0.0.0/8,::/0}')
        """#,
        #"""
        (3, -32768, -2147483648, -9223372036854775808, 'NaN', '-Infinity', 'NaN',
         -9999999999999999999999999999.9999999999, -9999999.99, 'NaN', -99900, false, '', '', '', '',
         '1969-12-31', '1969-07-20 20:17:40.000001', '1901-12-13 20:45:51.999999+00', '1969-12-31 23:59:59.999+00',
         '-178000000 years', '00000000-0000-0000-0000-000000000000', 'null', '[]', '\x', 0, '0.0.0.0/0', '0.0.0.0/0',
         '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}')
        """#,
        #"""
        (4, 32767, 2147483647, 9223372036854775807, 'Infinity', 'Infinity', 'Infinity',
         9999999999999999999999999999.9999999999, 0.01, -0.00001, 0, NULL, ' lead and trail ', 'semi;colon', ' pad',
         'n,m', '5874897-12-31', '100000-01-01 00:00:00', '2038-01-19 03:14:08.000001+00', '2262-04-11 23:47:16.854+00',
         '178000000 years 11 mons 1 day -00:00:00.000001', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
         '{"deep": {"deeper": [null, true, 1e400]}}', '{"ctl": "a\u0001b", "e": "😀"}', '\xdeadbeef', 4294967295,
         'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8::/32',
         NULL, NULL, NULL, NULL, NULL, NULL, ARRAY[NULL, NULL]::text[], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
        """#,
        #"""
        (5, 0, 0, 0, -0, -0, '-Infinity', 0, 0, 0, 0, true, 'x', 'x', 'x', 'x', 'infinity', '-infinity', 'infinity',
         '-infinity', '-1 days +00:00:01', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', '"s"', '123', '\x0a', 1,
         '192.168.1.1/24', '192.168.1.0/24', '{0}', '{0}', '{-0}', '{5e-324}', '{0.000000000000000001}', '{t}', '{" "}',
         '{-infinity}', '{infinity}', '{"0044-03-15 12:00:00.25+00 BC"}', '{"0"}', '{}', '{}', '{}', '{}', '{fe80::1/64}', '{}')
        """#,
        #"""
        (6, 1, 1, 1, 1e-5, 1e-300, 1e-30, 1, 1, 1, 100, false, 'plain', 'p', 'p', 'p', '4714-11-24 BC',
         '4713-01-01 00:00:00 BC', '0044-03-15 12:00:00.25+00 BC', '0001-01-01 00:00:00+00', '0',
         'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', '{}', '{}', '\x7f', 2, '127.0.0.1/32', '127.0.0.1/32',
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
        """#,
        #"""
        (7, 1, 1, 1, 3.4028235e38, 1.7976931348623157e308, 123456789012345678901234567890.123456789012345678901234567890,
         0.0000000001, 0.1, 0.00001, 1000, true, 'p', 'p', 'p', 'p', '-infinity', 'infinity', '-infinity', 'infinity',
         '1 mon -1 days', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a14', '1.5', '-0.0', '\x00', 3, '::ffff:10.0.0.1',
         '::ffff:0.0.0.0/96', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
        """#,
    ]

    /// Multi-dimensional arrays (and non-default lower bounds), each column with one number of dimensions.
    static let arrayColumns = "id int4, m int4[], m3 text[], mt timestamptz[], mn numeric[], lb int4[]"
    static let arrayRows = [
        #"(1, '{{1,2,3},{4,NULL,6}}', '{{{a,b},{c,d}},{{"e f",NULL},{"",g}}}', '{{"2026-01-01 00:00:00.5+00"},{infinity}}', '{{1.5,NaN},{NULL,-2}}', '[0:1][1:1]={{5},{6}}')"#,
        "(2, '{{7}}', '{{{x}}}', NULL, '{}', '[-2:-1][3:4]={{1,2},{3,4}}')",
        "(3, '{{1,2}}', '{}', '{}', NULL, NULL)",
    ]

    var pg: TestPostgres!
    var harness: ExportHarness!
    var table = ""

    override func setUp() async throws {
        pg = try TestPostgres.get()
        harness = try ExportHarness(pg: pg)
        table = "roundtrip_" + UUID().uuidString.prefix(8).lowercased()
    }

    override func tearDown() async throws {
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
    }

    private func create(_ columns: String, _ rows: [String]) throws {
        try pg.psql("CREATE TABLE \(table) (\(columns))", "INSERT INTO \(table) VALUES \(rows.joined(separator: ", "))")
    }

    /// Runs one export of the table; returns the part file's path, or the failure.
    private func export(_ format: String, compression: String = "none", readMethod: ExportReadMethod = .automatic) async -> Result<String, any Error> {
        do {
            let dag = try harness.dag("rt_\(format)", """
                query: "SELECT * FROM \(table) ORDER BY id"
                mode: full
                format: \(format)
                compression: \(compression)
                destination: lake
                path: "rt/\(format)"
                """)
            let outcome = await harness.run(dag, day: "2026-01-01", readMethod: readMethod)
            _ = try outcome.result.get()
            let part = harness.files(under: "rt/\(format)").first { $0.hasPrefix("part-") } ?? ""
            return .success(harness.lake.path + "/rt/\(format)/" + part)
        } catch {
            return .failure(error)
        }
    }

    private func problems(_ format: String, _ path: String) throws -> [String] {
        let report = try Readers.json(Self.checker, [format, path, pg.uri, "SELECT * FROM \(table) ORDER BY id"]) as? [String: Any]
        XCTAssertEqual(report?["rows"] as? Int, report?["source_rows"] as? Int, format)
        return report?["problems"] as? [String] ?? ["no report"]
    }

    /// CSV is byte for byte PostgreSQL's `COPY ... (FORMAT csv, HEADER)`, and each field its text output.
    private func checkCSV(readMethod: ExportReadMethod = .automatic) async throws {
        let csv = try await export("csv", readMethod: readMethod).get()
        let reference = try pg.copyCSV("SELECT * FROM \(table) ORDER BY id")
        XCTAssertEqual(String(decoding: try Data(contentsOf: URL(fileURLWithPath: csv)), as: UTF8.self), String(decoding: reference, as: UTF8.self))
        XCTAssertEqual(try problems("csv", csv), [])
    }

    func testEveryTypeRoundTripsThroughCSVJSONLinesAndParquetAsPostgresPrintsIt() async throws {
        try create(Self.columns, Self.rows)
        try await checkCSV()
        let jsonl = try await export("jsonl", compression: "gzip").get()
        XCTAssertEqual(try problems("jsonl", jsonl), [])
        let parquet = try await export("parquet", compression: "snappy").get()
        XCTAssertEqual(try problems("parquet", parquet), [])
    }

    func testCursorFallbackWritesTheSameCSVAsCopy() async throws {
        try create(Self.columns, Self.rows)
        try await checkCSV(readMethod: .cursor)
    }

    func testMultiDimensionalArraysRoundTripThroughEveryFormatAndAreNeverFlattened() async throws {
        try create(Self.arrayColumns, Self.arrayRows)
        try await checkCSV()
        let jsonl = try await export("jsonl").get()
        XCTAssertEqual(try problems("jsonl", jsonl), [])
        // Parquet nests one LIST per dimension: pyarrow and DuckDB read lists of lists.
        let parquet = try await export("parquet", compression: "zstd").get()
        XCTAssertEqual(try problems("parquet", parquet), [])
        // A row whose array has another number of dimensions fails the export; it is never flattened.
        try pg.psql("INSERT INTO \(table) VALUES (4, '{1,2}', NULL, NULL, NULL, NULL)")
        switch await export("parquet") {
        case .success(let path):
            XCTFail("a 1-D array was written into a 2-D Parquet column: \(path)")
        case .failure(let error):
            let message = "\(error)"
            XCTAssertTrue(message.contains("column 'm' holds a 1-dimensional array"), message)
            XCTAssertTrue(message.contains("never flattens"), message)
        }
    }

    func testValuesParquetCannotHoldFailTheExportNamingTheColumn() async throws {
        try create("id int4, late timestamp, price numeric(12,2)", ["(1, '2026-01-01', 1.50)", "(2, '294270-01-01 00:00:00', 2)"])
        guard case .failure(let late) = await export("parquet") else { return XCTFail("a timestamp after year 294247 was exported") }
        XCTAssertTrue("\(late)".contains("column 'late' holds a timestamp after 294247-01-10"), "\(late)")
        try pg.psql("DELETE FROM \(table) WHERE id = 2", "INSERT INTO \(table) VALUES (3, '2026-01-02', 'NaN')")
        guard case .failure(let nan) = await export("parquet") else { return XCTFail("numeric NaN was exported into a DECIMAL") }
        XCTAssertTrue("\(nan)".contains("column 'price' holds NaN, which a Parquet DECIMAL cannot represent"), "\(nan)")
    }

    /// argv: FORMAT PATH DSN QUERY. Reads the source rows with every value as PostgreSQL's text output,
    /// derives the value each format must hold (docs/type-mapping.md), and lists every difference.
    static let checker = #"""
import sys, json, csv, io, re, base64, decimal, struct, uuid, gzip
import psycopg
from psycopg.adapt import Loader
fmt, path, dsn, query = sys.argv[1:5]
D = decimal.Decimal

class Text(Loader):
    def load(self, data):
        return bytes(data).decode()

with psycopg.connect(dsn) as c:
    c.execute("SET TimeZone = 'UTC'; SET DateStyle = ISO; SET IntervalStyle = postgres; SET extra_float_digits = 1")
    for (oid,) in c.execute("SELECT oid FROM pg_type").fetchall():
        c.adapters.register_loader(oid, Text)
    cur = c.execute(query)
    cols = [(d.name, d.type_code) for d in cur.description]
    src = cur.fetchall()
    names = {int(o): n for o, n in c.execute("SELECT oid, typname FROM pg_type").fetchall()}
    elem = {int(o): int(e) for o, e in c.execute("SELECT oid, typelem FROM pg_type").fetchall()}

def tname(oid):
    return names[int(oid)]

def parse_array(text):
    """PostgreSQL array text -> nested lists of element texts (None for NULL); lower bounds dropped."""
    if text.startswith("["):
        text = text[text.index("=") + 1:]
    pos = 0
    def value():
        nonlocal pos
        if text[pos] == "{":
            pos += 1
            out = []
            if text[pos] == "}":
                pos += 1
                return out
            while True:
                out.append(value())
                ch = text[pos]; pos += 1
                if ch == "}":
                    return out
        if text[pos] == '"':
            pos += 1
            s = []
            while text[pos] != '"':
                if text[pos] == "\\":
                    pos += 1
                s.append(text[pos]); pos += 1
            pos += 1
            return s and "".join(s) or ""
        start = pos
        while text[pos] not in ",}":
            pos += 1
        raw = text[start:pos]
        return None if raw == "NULL" else raw
    return value()

def civil_days(y, m, d):
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468

TS = re.compile(r"^(\d+)-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d+))?)?(?:([+-]\d\d)(?::(\d\d))?)?( BC)?$")

def parts(text):
    m = TS.match(text)
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    if m[10]: y = 1 - y
    micros = 0
    if m[4]:
        micros = ((int(m[4]) * 60 + int(m[5])) * 60 + int(m[6])) * 1_000_000 + int((m[7] or "0").ljust(6, "0"))
        if m[8]: micros -= (int(m[8]) * 3600 + (1 if m[8][0] == "+" else -1) * int(m[9] or 0) * 60) * 1_000_000
    return y, mo, d, micros

def iso(text, kind):
    if text in ("infinity", "-infinity"): return text
    y, mo, d, micros = parts(text)
    day = ("-%04d" % -y if y < 0 else "%04d" % y) + "-%02d-%02d" % (mo, d)
    if kind == "date": return day
    s, f = divmod(micros, 1_000_000)
    out = day + "T%02d:%02d:%02d.%06d" % (s // 3600, s // 60 % 60, s % 60, f)
    return out + ("Z" if kind == "timestamptz" else "")

def epoch(text, kind):
    if text == "infinity": return 2**31 - 1 if kind == "date" else 2**63 - 1
    if text == "-infinity": return -(2**31 - 1) if kind == "date" else -(2**63 - 1)
    y, mo, d, micros = parts(text)
    days = civil_days(y, mo, d)
    return days if kind == "date" else days * 86_400_000_000 + micros

def num_or_none(text):
    return None if text in ("NaN", "Infinity", "-Infinity") else D(text)

def f4(text):
    return struct.unpack("f", struct.pack("f", float(text)))[0]

def want_json(kind, text):
    if text is None: return None
    if kind in ("int2", "int4", "int8", "oid"): return int(text)
    if kind in ("float4", "float8", "numeric"): return num_or_none(text)
    if kind == "bool": return text == "t"
    if kind in ("date", "timestamp", "timestamptz"): return iso(text, kind)
    if kind in ("json", "jsonb"): return json.loads(text, parse_float=D)
    if kind == "bytea": return base64.b64encode(bytes.fromhex(text[2:])).decode()
    return text  # text, varchar, bpchar, name, interval, uuid, inet, cidr

def want_parquet(kind, text, decimal_column):
    if text is None: return None
    if kind in ("int2", "int4", "int8", "oid"): return int(text)
    if kind == "float4": return f4(text)
    if kind == "float8": return float(text)
    if kind == "numeric": return D(text) if decimal_column else text
    if kind == "bool": return text == "t"
    if kind in ("date", "timestamp", "timestamptz"): return epoch(text, kind)
    if kind in ("json", "jsonb"): return json.loads(text, parse_float=D)
    if kind == "bytea": return bytes.fromhex(text[2:])
    if kind == "uuid": return str(uuid.UUID(text))
    return text

def same(a, b):
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if isinstance(a, float) and isinstance(b, float) and a == 0 and b == 0:
        return str(a) == str(b)
    return type(a) == type(b) and a == b if not (isinstance(a, (int, D)) and isinstance(b, (int, D))) else a == b

def walk(value, f):
    return [walk(x, f) for x in value] if isinstance(value, list) else f(value)

problems = []
def check(label, want, got):
    if not same(want, got):
        problems.append(f"{label}: want {want!r} got {got!r}")

kinds = []
for name, oid in cols:
    t = tname(oid)
    if t.startswith("_"): kinds.append(("array", tname(elem[int(oid)])))
    else: kinds.append(("scalar", t))

if fmt == "csv":
    with open(path, newline="", encoding="utf-8") as f:
        raw = f.read()
    # CSV holds PostgreSQL's text exactly (NULL unquoted empty, '' quoted).
    rows = list(csv.reader(io.StringIO(raw)))
    got = rows[1:]
    for s, g in zip(src, got):
        for k, (name, _) in enumerate(cols):
            check(f"row {s[0]} {name}", s[k] if s[k] is not None else "", g[k])
elif fmt == "jsonl":
    lines = gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")
    got = [json.loads(l, parse_float=D) for l in lines]
    for s, g in zip(src, got):
        for k, (name, _) in enumerate(cols):
            shape, kind = kinds[k]
            text = s[k]
            if shape == "array":
                want = None if text is None else walk(parse_array(text), lambda e: want_json(kind, e))
            else:
                want = want_json(kind, text)
            check(f"row {s[0]} {name}", want, g[name])
else:
    import pyarrow as pa, pyarrow.parquet as pq, duckdb
    def rawify(t):
        if pa.types.is_timestamp(t): return pa.int64()
        if pa.types.is_date32(t): return pa.int32()
        if pa.types.is_list(t): return pa.list_(rawify(t.value_type))
        return t
    def values(table, name):
        col = table.column(name)
        return col.cast(rawify(col.type)).to_pylist()
    def norm(kind, v):
        if v is None: return None
        if kind in ("json", "jsonb"): return json.loads(v, parse_float=D)
        if kind == "uuid": return str(uuid.UUID(bytes=bytes(v))) if isinstance(v, (bytes, bytearray)) else str(v)
        if kind == "bytea": return bytes(v)
        if isinstance(v, D): return v
        return v
    readers = {"pyarrow": pq.read_table(path), "duckdb": duckdb.sql(f"SELECT * FROM read_parquet('{path}') ORDER BY id").arrow()}
    if hasattr(readers["duckdb"], "read_all"): readers["duckdb"] = readers["duckdb"].read_all()
    for reader, table in readers.items():
        got = {name: values(table, name) for name, _ in cols}
        for i, s in enumerate(src):
            for k, (name, _) in enumerate(cols):
                shape, kind = kinds[k]
                decimal_column = pa.types.is_decimal(table.schema.field(name).type)
                text = s[k]
                if shape == "array":
                    want = None if text is None else walk(parse_array(text), lambda e: want_parquet(kind, e, False))
                    g = None if got[name][i] is None else walk(got[name][i], lambda e: norm(kind, e))
                else:
                    want = want_parquet(kind, text, decimal_column)
                    g = norm(kind, got[name][i])
                check(f"{reader} row {s[0]} {name}", want, g)
    # DuckDB's own reading of the infinities.
    duck = duckdb.sql(f"SELECT d::VARCHAR, ts::VARCHAR FROM read_parquet('{path}') WHERE id IN (5, 7) ORDER BY id").fetchall() if "d" in dict(cols) else []
    for (d, ts), want in zip(duck, [("infinity", "-infinity"), ("-infinity", "infinity")]):
        check("duckdb infinity", list(want), [d, ts])
    got = list(range(readers["pyarrow"].num_rows))
print(json.dumps({"rows": len(got), "source_rows": len(src), "problems": problems[:40]}))
"""#
}
