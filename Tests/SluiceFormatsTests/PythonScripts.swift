/// Python checkers run as subprocesses by the JSON lines tests (python3 with pyarrow and duckdb).
enum PythonScripts {
    /// argv: ours.jsonl source.jsonl types.json. Compares every value of every row, exactly, using the
    /// json module (numbers as Decimal). Prints `OK <rows>` or the first mismatches and exits 1.
    static let compareAllTypes = #"""
    import json, sys, base64, re
    from decimal import Decimal

    ours_path, src_path, types_path = sys.argv[1:4]
    types = json.load(open(types_path))
    ours = [json.loads(l, parse_float=Decimal) for l in open(ours_path, encoding="utf-8")]
    src = [json.loads(l, parse_float=Decimal) for l in open(src_path, encoding="utf-8") if l.strip()]

    DATE = re.compile(r"^(-?\d+)-(\d\d)-(\d\d)$")
    TS = re.compile(r"^(-?\d+)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?$")

    def norm_date(x):
        if x in ("infinity", "-infinity"):
            return x
        bc = x.endswith(" BC")
        m = DATE.match(x[:-3] if bc else x)
        y = int(m.group(1))
        return (1 - y if bc else y, int(m.group(2)), int(m.group(3)))

    def norm_ts(x):
        if x in ("infinity", "-infinity"):
            return x
        bc = x.endswith(" BC")
        m = TS.match(x[:-3] if bc else x)
        y = int(m.group(1))
        frac = (m.group(7) or ".")[1:].ljust(6, "0")
        return (1 - y if bc else y,) + tuple(int(m.group(i)) for i in range(2, 7)) + (int(frac), m.group(8) is not None)

    def same(kind, s, o):
        if kind.startswith("array:"):
            if s is None or o is None:
                return s is None and o is None
            if not isinstance(o, list) or len(s) != len(o):
                return False
            return all(same(kind if isinstance(a, list) else kind[6:], a, b) for a, b in zip(s, o))
        if kind in ("float32", "float64", "numeric") and isinstance(s, str):
            return o is None  # NaN and Infinity have no JSON number: null
        if s is None or o is None:
            return s is None and o is None
        if kind in ("int16", "int32", "int64", "oid"):
            return type(o) is int and int(s) == o
        if kind in ("float32", "float64"):
            if isinstance(s, str):
                return o is None
            return isinstance(o, (int, Decimal)) and Decimal(s) == Decimal(o)
        if kind == "numeric":
            if isinstance(s, str):
                return o is None
            return Decimal(s) == Decimal(o) and Decimal(s).as_tuple().exponent == Decimal(o).as_tuple().exponent
        if kind == "bool":
            return s is o
        if kind in ("text", "interval", "uuid", "json", "jsonb"):
            return s == o
        if kind == "date":
            return norm_date(s) == norm_date(o)
        if kind in ("timestamp", "timestampTZ"):
            if s in ("infinity", "-infinity"):
                return s == o
            return norm_ts(s) == norm_ts(o) and o.endswith("Z") == (kind == "timestampTZ")
        if kind == "bytea":
            return bytes.fromhex(s[2:]) == base64.b64decode(o)
        raise Exception("unknown kind " + kind)

    errors = []
    if len(ours) != len(src):
        errors.append(f"row count {len(ours)} != {len(src)}")
    checked = 0
    for i, (s_row, o_row) in enumerate(zip(src, ours)):
        if list(o_row.keys()) != list(types.keys()):
            errors.append(f"row {i}: keys {list(o_row.keys())}")
        for col, kind in types.items():
            checked += 1
            if not same(kind, s_row.get(col), o_row.get(col)):
                errors.append(f"row {i} col {col} ({kind}): source {s_row.get(col)!r} ours {o_row.get(col)!r}")
    if errors:
        print("\n".join(errors[:20]))
        sys.exit(1)
    print(f"OK {len(ours)} {checked}")
    """#

    /// argv: ours.jsonl source.jsonl. Reads ours with pyarrow.json and DuckDB's read_json, compares every
    /// value with the source rows. Prints `OK <rows>` or mismatches and exits 1.
    static let compareWithReaders = #"""
    import json, sys, datetime, uuid
    from decimal import Decimal
    import pyarrow.json as pj
    import duckdb

    ours_path, src_path = sys.argv[1:3]
    src = [json.loads(l, parse_float=Decimal) for l in open(src_path, encoding="utf-8") if l.strip()]
    arrow_rows = pj.read_json(ours_path).to_pylist()
    con = duckdb.connect()
    cur = con.execute(f"SELECT * FROM read_json('{ours_path}', format = 'newline_delimited')")
    names = [d[0] for d in cur.description]
    duck_rows = [dict(zip(names, r)) for r in cur.fetchall()]

    EPOCH = datetime.datetime(1970, 1, 1)

    def micros(v):
        if isinstance(v, str):
            v = datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return (v - EPOCH) // datetime.timedelta(microseconds=1)

    def norm(v):
        if isinstance(v, Decimal):
            return float(v)
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, list):
            return [norm(x) for x in v]
        if isinstance(v, (datetime.date, uuid.UUID)) and not isinstance(v, datetime.datetime):
            return str(v)
        return v

    def same(col, s, o):
        if s is None or o is None:
            return s is None and o is None
        if col == "timestamp":
            return micros(s) == micros(o)
        if col == "d":
            return s == str(o)[:10]
        if col in ("tags", "fields"):
            # Readers fill keys missing in one row with None (struct columns).
            o = {k: x for k, x in norm(o).items() if x is not None}
            return norm(s) == o
        return norm(s) == norm(o)

    errors = []
    for reader, rows in (("pyarrow", arrow_rows), ("duckdb", duck_rows)):
        if len(rows) != len(src):
            errors.append(f"{reader}: {len(rows)} rows, source has {len(src)}")
            continue
        for i, (s, o) in enumerate(zip(src, rows)):
            for col, value in s.items():
                if not same(col, value, o.get(col)):
                    errors.append(f"{reader} row {i} {col}: source {value!r} read {o.get(col)!r}")
    if errors:
        print("\n".join(errors[:20]))
        sys.exit(1)
    print(f"OK {len(src)}")
    """#
}
