/// The Python program the tests run to read a file back with two independent readers,
/// pyarrow and DuckDB. It prints one JSON document; every value is normalised to a string
/// (`null` for nulls) so Swift compares plain strings:
/// integers and decimals as written by Python, floats with `repr`, dates in ISO form,
/// timestamps as `utc:<µs>` or `local:<µs>` (the prefix says whether the reader saw an
/// instant or a wall-clock time), bytes as `hex:<hex>`, UUIDs in their text form, lists as a
/// compact JSON array of normalised elements.
enum ReaderScript {
    static let source = #"""
import datetime, decimal, json, sys, uuid
import pyarrow.parquet as pq
import duckdb

EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
EPOCH = datetime.datetime(1970, 1, 1)
US = datetime.timedelta(microseconds=1)

def norm(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            return "utc:%d" % ((v - EPOCH_UTC) // US)
        return "local:%d" % ((v - EPOCH) // US)
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "hex:" + bytes(v).hex()
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)):
        return json.dumps(tree(v), separators=(",", ":"), ensure_ascii=False)
    return "unknown:" + repr(v)

def tree(v):
    # Nested lists stay nested: each leaf normalised, the structure kept.
    if isinstance(v, (list, tuple)):
        return [tree(x) for x in v]
    return norm(v)

path = sys.argv[1]
pf = pq.ParquetFile(path)
md = pf.metadata
report = {
    "numRows": md.num_rows,
    "numRowGroups": md.num_row_groups,
    "createdBy": md.created_by,
    "metadata": {k.decode(): v.decode() for k, v in (md.metadata or {}).items()},
    "arrowSchema": [{"name": f.name, "type": str(f.type), "nullable": f.nullable} for f in pf.schema_arrow],
    "parquetColumns": [],
    "rowGroups": [],
}
for i in range(len(pf.schema)):
    c = pf.schema.column(i)
    report["parquetColumns"].append({
        "path": c.path, "physicalType": c.physical_type, "logicalType": str(c.logical_type),
        "convertedType": str(c.converted_type),
        "maxDefinitionLevel": c.max_definition_level, "maxRepetitionLevel": c.max_repetition_level,
    })
for g in range(md.num_row_groups):
    rg = md.row_group(g)
    columns = []
    for j in range(rg.num_columns):
        col = rg.column(j)
        st = col.statistics
        stats = None
        if st is not None:
            stats = {
                "hasMinMax": st.has_min_max,
                "min": norm(st.min) if st.has_min_max else None,
                "max": norm(st.max) if st.has_min_max else None,
                "nullCount": st.null_count if st.has_null_count else None,
            }
        columns.append({
            "path": col.path_in_schema, "compression": col.compression, "encodings": list(col.encodings),
            "dataPageOffset": col.data_page_offset,
            "dictionaryPageOffset": col.dictionary_page_offset if col.has_dictionary_page else None,
            "statistics": stats,
        })
    report["rowGroups"].append({"numRows": rg.num_rows, "columns": columns})

table = pf.read()
report["arrowValues"] = {name: [norm(v) for v in table.column(name).to_pylist()] for name in table.column_names}

con = duckdb.connect()
con.execute("SET TimeZone='UTC'")
described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
select = []
kinds = []
for name, typ, *_ in described:
    quoted = '"' + name.replace('"', '""') + '"'
    if typ == "TIMESTAMP WITH TIME ZONE":
        select.append("epoch_us(%s)" % quoted); kinds.append("utc")
    elif typ == "TIMESTAMP":
        select.append("epoch_us(%s)" % quoted); kinds.append("local")
    else:
        select.append(quoted); kinds.append(None)
rows = con.execute("SELECT %s FROM read_parquet(?)" % ", ".join(select), [path]).fetchall()
duck = {}
for k, (name, typ, *_) in enumerate(described):
    values = []
    for row in rows:
        v = row[k]
        if kinds[k] is not None and v is not None:
            values.append("%s:%d" % (kinds[k], v))
        else:
            values.append(norm(v))
    duck[name] = values
report["duckdbTypes"] = {name: typ for name, typ, *_ in described}
report["duckdbValues"] = duck
print(json.dumps(report))
"""#
}
