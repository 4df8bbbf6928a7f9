import Foundation
import SluiceTestSupport

/// Independent readers (pyarrow and DuckDB, via python3) and the source (psycopg), reduced to comparable digests.
enum Readers {
    /// argv: FORMAT GLOB DSN QUERY -> {"source": {rows, sha}, "pyarrow": {...}, "duckdb": {...}} over metrics-shaped rows.
    static let metricsDigest = #"""
import sys, json, glob, hashlib, datetime, os
fmt, pattern, dsn, query = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
files = sorted(glob.glob(pattern, recursive=True))

def canon(v):
    if isinstance(v, (bytes, bytearray)): v = v.decode()
    if isinstance(v, str): v = json.loads(v)
    return json.dumps(v, sort_keys=True, separators=(",", ":"))

def ts(v):
    if isinstance(v, str): v = datetime.datetime.fromisoformat(v)
    if isinstance(v, (int,)): return v
    return int(v.timestamp() * 1_000_000) if v.tzinfo else int(v.replace(tzinfo=datetime.timezone.utc).timestamp() * 1_000_000)

def digest(rows):
    rows = sorted((int(r[0]), ts(r[1]), r[2], canon(r[3]), canon(r[4])) for r in rows)
    return {"rows": len(rows), "sha": hashlib.sha256(json.dumps(rows).encode()).hexdigest()}

out = {}
import psycopg
with psycopg.connect(dsn) as c:
    out["source"] = digest(c.execute(f'SELECT hash_id, "timestamp", name, tags::text, fields::text FROM ({query}) q').fetchall())
import pyarrow as pa, pyarrow.csv as pcsv, pyarrow.json as pjson, pyarrow.parquet as pq
tables = []
for f in files:
    if fmt == "csv":
        t = pcsv.read_csv(f, parse_options=pcsv.ParseOptions(newlines_in_values=True), convert_options=pcsv.ConvertOptions(column_types={"tags": pa.string(), "fields": pa.string(), "timestamp": pa.string(), "name": pa.string()}, strings_can_be_null=False))
    elif fmt == "jsonl":
        t = pjson.read_json(f)
    else:
        t = pq.read_table(f)
    tables.append(t)
rows = []
for t in tables:
    cols = [t.column(n).to_pylist() for n in ["hash_id", "timestamp", "name", "tags", "fields"]]
    rows += list(zip(*cols))
out["pyarrow"] = digest(rows)
import duckdb
con = duckdb.connect()
if fmt == "csv":
    rel = f"read_csv({files!r}, header=true, allow_quoted_nulls=false, types={{'timestamp': 'VARCHAR', 'tags': 'VARCHAR', 'fields': 'VARCHAR', 'name': 'VARCHAR'}})"
    sel = 'hash_id, "timestamp", name, tags, fields'
elif fmt == "jsonl":
    rel = f"read_json({files!r}, format='newline_delimited', columns={{'hash_id': 'BIGINT', 'timestamp': 'VARCHAR', 'name': 'VARCHAR', 'tags': 'JSON', 'fields': 'JSON'}})"
    sel = 'hash_id, "timestamp", name, tags::VARCHAR, fields::VARCHAR'
else:
    rel = f"read_parquet({files!r})"
    sel = 'hash_id, epoch_us("timestamp"), name, tags::VARCHAR, fields::VARCHAR'
out["duckdb"] = digest(con.execute(f"SELECT {sel} FROM {rel}").fetchall())
print(json.dumps(out))
"""#

    struct Digest: Equatable, CustomStringConvertible {
        var rows: Int
        var sha: String
        var description: String { "\(rows) rows, \(sha.prefix(12))" }
    }

    /// Digests of the source query and of the files matching `glob` as read by pyarrow and DuckDB.
    static func metrics(format: String, glob: String, dsn: String, query: String) throws -> (source: Digest, pyarrow: Digest, duckdb: Digest) {
        let out = try TestProcess.python(metricsDigest, [format, glob, dsn, query])
        guard let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: [String: Any]] else {
            throw TestProcessError(message: "reader printed \(out)")
        }
        func digest(_ key: String) -> Digest {
            Digest(rows: object[key]?["rows"] as? Int ?? -1, sha: object[key]?["sha"] as? String ?? "")
        }
        return (digest("source"), digest("pyarrow"), digest("duckdb"))
    }

    /// Runs a python snippet that prints JSON, and decodes it.
    static func json(_ script: String, _ arguments: [String] = []) throws -> Any {
        let out = try TestProcess.python(script, arguments)
        return try JSONSerialization.jsonObject(with: Data(out.utf8), options: .fragmentsAllowed)
    }
}
