import Foundation
import XCTest
import SluiceFormats

/// Test tables, created once per test process in the test PostgreSQL.
enum Fixtures {
    /// Every supported type, NULLs in every column, edge values, and 400 generated rows.
    static let allTypesTable = "sluice_fmt_all"

    static let allTypesSQL = """
    DROP TABLE IF EXISTS sluice_fmt_all;
    CREATE TABLE sluice_fmt_all (
        id int4, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, n122 numeric(12,2), b bool,
        t text, vc varchar(20), bp char(5), nm name, d date, ts timestamp, tstz timestamptz, tstz3 timestamptz(3),
        iv interval, u uuid, j json, jb jsonb, by bytea, o oid,
        a_i2 int2[], a_i4 int4[], a_i8 int8[], a_f4 float4[], a_f8 float8[], a_n numeric[], a_b bool[],
        a_t text[], a_vc varchar[], a_d date[], a_ts timestamp[], a_tstz timestamptz[], a_u uuid[],
        a_jb jsonb[], a_j json[]
    );
    INSERT INTO sluice_fmt_all (id) VALUES (1);
    INSERT INTO sluice_fmt_all VALUES (2, 1, 2, 3, 0.1, 0.1, 0, 0.00, true, '', '', '', '', '2026-01-01',
        '2026-01-01 00:00:00.5', '2026-01-01 00:00:00.5+00', '2026-01-01 00:00:00.123+00',
        '1 year 2 mons 3 days 04:05:06.7', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
        E'{"a": [1, 2],\\n  "b" : "x y"}', '{"b": "c", "n": 1.50, "e": [], "s": "q\\"uote\\\\"}', '\\x0a0b', 26,
        '{1,NULL,-3}', '{1,2}', '{9223372036854775807}', '{1.5,NaN,-Infinity}', '{0.1,1e20,1e-5,NULL}',
        '{1.10,-0.0001,NaN}', '{t,f,NULL}',
        ARRAY['a b', 'c', '', 'NULL', 'null', 'x"y', 'back\\slash', '{br}', 'com,ma', NULL, E'tab\\there', 'é✓😀'],
        '{"v 1",v2}', '{2026-01-01,0044-03-15 BC,infinity}', '{"2026-01-01 00:00:00.5"}',
        '{"2026-01-01 00:00:00.5+00",NULL}', '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}',
        ARRAY['{"k": "v, w"}'::jsonb, '[1, "two"]', 'null', '"s"'], ARRAY['{"k" : 1}'::json, NULL]);
    INSERT INTO sluice_fmt_all VALUES (3, -32768, -2147483648, -9223372036854775808, 'NaN', 'Infinity', 'NaN',
        -1234567890.12, false, E'quote " comma , newline \\n cr \\r tab \\t unicode é ✓ 😀 \\x01', 'a,b', 'x"y',
        'name', '0044-03-15 BC', '1969-12-31 23:59:59.999999', '1900-01-01 00:00:00.000001+00',
        '0001-01-01 00:00:00 BC', '-1 year -2 mons +3 days -04:05:06.7', '00000000-0000-0000-0000-000000000000',
        '[]', '"just a string"', '\\x', 4294967295,
        '{{1,2},{3,4}}', '[0:1]={5,6}', '{}', '{}', '{{1.5},{NULL}}', '{}', '{}', '{}', '{}', '{}', '{}', '{}',
        '{}', '{}', '{}');
    INSERT INTO sluice_fmt_all VALUES (4, 32767, 2147483647, 9223372036854775807, '-Infinity', '-Infinity',
        '-Infinity', 9999999999.99, NULL, ' leading and trailing ', 'semi;colon', ' pad', 'n,m',
        'infinity', '-infinity', 'infinity', '20000-06-30 12:34:56.789+00', '0', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
        '123', '{"nested": {"deep": [true, false, null]}, "unicode": "é✓😀", "ctl": "a\\u0001b"}',
        '\\xdeadbeef00ff', 0,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, ARRAY[NULL, NULL]::text[], NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    INSERT INTO sluice_fmt_all VALUES (5, 0, 0, 0, 1e20, 1e20, -12345678901234567890.000123, -0.01, true, '\\.',
        'x', 'y', 'z', '1970-01-01', '1999-12-31 23:59:59.000001', '2000-01-01 00:00:00+00',
        '2000-02-29 00:00:00+00', '1 day -00:00:01', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'null', 'null',
        '\\x00', 1, '{0}', '{0}', '{0}', '{-0}', '{-0,5e-324,1.7976931348623157e308}', '{0.000000000000000001}',
        '{t}', '{" "}', '{""}', '{1999-12-31}', '{"1999-12-31 23:59:59"}', '{"0044-03-15 12:00:00.25+00 BC"}',
        '{}', '{null}', '{}');
    INSERT INTO sluice_fmt_all VALUES (6, 1, 1, 1, 1e-5, 1e-5, 1e-30, 1, true, 'plain', 'v', 'w', 'x',
        '2000-01-01', '2000-01-01 00:00:00', '2000-01-01 00:00:00.1+00', '2000-01-01 00:00:00.12+00',
        '-1 days +00:00:01', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', '{}', '{}', '\\x7f', 2,
        '{}', '{}', '{}', '{3.4028235e38,1e-45}', '{123456789012345680000}', '{123456789.123456789}', '{}',
        '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}');
    INSERT INTO sluice_fmt_all
    SELECT 100 + g,
        (random() * 65535 - 32768)::int2, (random() * 4e9 - 2e9)::int4, (random() * 1.8e19 - 9e18)::int8,
        ((random() - 0.5) * power(10, floor(random() * 60 - 30)))::float4,
        ((random() - 0.5) * power(10, floor(random() * 600 - 300)))::float8,
        round(((random() - 0.5) * power(10, floor(random() * 40 - 10)))::numeric, floor(random() * 25)::int),
        round((random() * 1e8)::numeric, 2), random() < 0.5,
        repeat(chr(32 + (random() * 90)::int), (random() * 5)::int) || chr(100 + (random() * 900)::int) || ',"x',
        'v' || g, 'c' || (g % 10), 'n' || g,
        date '2000-01-01' + (random() * 200000 - 100000)::int,
        timestamp '2000-01-01' + (random() * 6e10 - 3e10) * interval '1 second' + (random() * 1e6)::int * interval '1 microsecond',
        timestamptz '2000-01-01 00:00:00+00' + (random() * 6e10 - 3e10) * interval '1 second',
        timestamptz '1700-01-01 00:00:00+00' + (random() * 1e10) * interval '1 second',
        make_interval((random() * 20 - 10)::int, (random() * 30 - 15)::int, 0, (random() * 60 - 30)::int,
            (random() * 100 - 50)::int, (random() * 120 - 60)::int, ((random() - 0.5) * 200)::numeric(10,6)::float8),
        md5(g::text)::uuid,
        json_build_object('g', g, 'r', random()),
        jsonb_build_object('cpu', round(random()::numeric, 4), 'tags', jsonb_build_array('a', g, null)),
        decode(md5(g::text), 'hex'), (random() * 4e9)::int8::oid,
        ARRAY[(random() * 100)::int2, NULL], ARRAY[g, -g], ARRAY[g::int8 * 1000000000000],
        ARRAY[random()::float4], ARRAY[random(), random() * 1e300],
        ARRAY[round(random()::numeric, 6), NULL], ARRAY[g % 2 = 0],
        ARRAY['x' || g, 'y z', NULL], ARRAY['w' || g], ARRAY[date '2000-01-01' + g],
        ARRAY[timestamp '2000-01-01' + g * interval '1.5 seconds'], ARRAY[timestamptz '2000-01-01 00:00:00+00' - g * interval '1 day 0.25 seconds'],
        ARRAY[md5((g+1)::text)::uuid], ARRAY[jsonb_build_object('g', g)], ARRAY[json_build_array(g, 'a')]
    FROM generate_series(1, 400) AS g;
    """

    static let ready: Result<TestPostgres, TestProcessError> = {
        do {
            let pg = try TestPostgres.get()
            _ = try pg.psql([allTypesSQL])
            return .success(pg)
        } catch let error as TestProcessError {
            return .failure(error)
        } catch {
            return .failure(TestProcessError(message: "\(error)"))
        }
    }()

    static func postgres() throws -> TestPostgres { try ready.get() }

    static var allTypesQuery: String { "SELECT * FROM \(allTypesTable) ORDER BY id" }
}

/// How a byte stream is cut before it reaches the decoder.
enum Chunking {
    case whole
    case fixed(Int)
    /// Random sizes from 1 to `max`, reproducible from `seed`.
    case random(seed: UInt64, max: Int)
}

/// A small deterministic generator so chunk sizes are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Decode {
    /// Feeds `bytes` to a decoder in the given chunking and returns every emitted batch.
    static func batches(_ bytes: [UInt8], schema: [ColumnSchema], batchSize: Int = 64,
                        chunking: Chunking = .whole) throws -> [ColumnBatch] {
        var decoder = BinaryCopyDecoder(schema: schema, batchSize: batchSize)
        var out: [ColumnBatch] = []
        var rng = SplitMix64(state: 0)
        var maxRandom = 1
        if case .random(let seed, let max) = chunking { rng = SplitMix64(state: seed); maxRandom = max }
        try bytes.withUnsafeBytes { raw in
            var pos = 0
            while pos < raw.count {
                let size: Int
                switch chunking {
                case .whole: size = raw.count
                case .fixed(let n): size = n
                case .random: size = Int.random(in: 1...maxRandom, using: &rng)
                }
                let end = min(raw.count, pos + size)
                try decoder.consume(UnsafeRawBufferPointer(rebasing: raw[pos..<end])) { out.append($0) }
                pos = end
            }
        }
        try decoder.finish { out.append($0) }
        return out
    }

    static func csv(_ batches: [ColumnBatch], schema: [ColumnSchema], delimiter: UInt8 = UInt8(ascii: ",")) throws -> [UInt8] {
        let sink = MemoryByteSink()
        let writer = CSVWriter(schema: schema, sink: sink, delimiter: delimiter)
        for b in batches { try writer.write(b) }
        try writer.finish()
        return sink.bytes
    }

    static func jsonLines(_ batches: [ColumnBatch], schema: [ColumnSchema]) throws -> [UInt8] {
        let sink = MemoryByteSink()
        let writer = JSONLinesWriter(schema: schema, sink: sink)
        for b in batches { try writer.write(b) }
        try writer.finish()
        return sink.bytes
    }
}

/// Where two byte strings first differ, shown as text lines for a readable failure.
func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
    let n = min(a.count, b.count)
    var i = 0
    while i < n && a[i] == b[i] { i += 1 }
    if i == n && a.count == b.count { return "identical" }
    let lineStart = a[..<i].lastIndex(of: 10).map { $0 + 1 } ?? 0
    let ours = String(decoding: a[lineStart..<min(a.count, i + 80)], as: UTF8.self)
    let theirs = String(decoding: b[lineStart..<min(b.count, i + 80)], as: UTF8.self)
    return "first difference at byte \(i) (sizes \(a.count) vs \(b.count)):\n ours:   \(ours)\n theirs: \(theirs)"
}
