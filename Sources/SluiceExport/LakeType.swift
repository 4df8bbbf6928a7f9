import SluiceFormats
import SluiceParquet

/// How each source column is typed in Parquet, and the names `_schema.json` gives it.
///
/// int2/int4/int8 -> INT32(16)/INT32/INT64, float4/float8 -> FLOAT/DOUBLE, bool -> BOOLEAN, text, varchar,
/// char, name -> STRING, json/jsonb -> JSON, bytea -> BINARY, date -> DATE, timestamp -> TIMESTAMP(micros,
/// not UTC), timestamptz -> TIMESTAMP(micros, UTC), numeric(p,s) with 1 <= p <= 38 and 0 <= s <= p ->
/// DECIMAL(p,s), uuid -> UUID, and as STRING (PostgreSQL's text): unconstrained numeric (its values can
/// exceed any DECIMAL), interval (Parquet's INTERVAL cannot hold microseconds) and unknown types.
/// Arrays become a LIST of the element's type, nested once per dimension (`ColumnSchema.arrayDimensions`:
/// a 2-D array is a LIST of LISTs); a value with another number of dimensions fails the export, never
/// flattened. Elements that would be DECIMAL or INTERVAL become STRING; inet and cidr are STRING.
public enum LakeType {
    /// The Parquet type of a column.
    public static func parquetType(_ column: ColumnSchema) -> ParquetColumnType {
        if case let .array(element) = column.type {
            var type = ParquetColumnType.list(elementType(element))
            for _ in 1..<column.arrayDimensions { type = .list(type) }
            return type
        }
        if column.type == .numeric, let ps = column.numericPrecisionScale, (1...38).contains(ps.precision), ps.scale >= 0, ps.scale <= ps.precision {
            return .decimal(precision: ps.precision, scale: ps.scale)
        }
        return elementType(column.type)
    }

    static func elementType(_ type: ColumnType) -> ParquetColumnType {
        switch type {
        case .int16: return .int16
        case .int32: return .int32
        case .int64, .oid: return .int64
        case .float32: return .float
        case .float64: return .double
        case .bool: return .boolean
        case .text, .numeric, .interval, .inet: return .string
        case .json, .jsonb: return .json
        case .bytea: return .binary
        case .date: return .date
        case .timestamp: return .timestamp(isAdjustedToUTC: false)
        case .timestampTZ: return .timestamp(isAdjustedToUTC: true)
        case .uuid: return .uuid
        case .array(let inner): return elementType(inner)
        }
    }

    /// The Parquet type as `_schema.json` names it: `INT64`, `STRING`, `DECIMAL(12,2)`, `TIMESTAMP(MICROS,UTC)`,
    /// `LIST<INT32>`...
    public static func parquetTypeName(_ type: ParquetColumnType) -> String {
        switch type {
        case .boolean: return "BOOLEAN"
        case .int16: return "INT16"
        case .int32: return "INT32"
        case .int64: return "INT64"
        case .float: return "FLOAT"
        case .double: return "DOUBLE"
        case .string: return "STRING"
        case .json: return "JSON"
        case .binary: return "BINARY"
        case .date: return "DATE"
        case .timestamp(let utc): return utc ? "TIMESTAMP(MICROS,UTC)" : "TIMESTAMP(MICROS)"
        case .decimal(let p, let s): return "DECIMAL(\(p),\(s))"
        case .uuid: return "UUID"
        case .list(let element): return "LIST<\(parquetTypeName(element))>"
        }
    }
}
