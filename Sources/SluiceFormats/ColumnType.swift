/// The value kinds Sluice can decode from PostgreSQL's binary COPY format, derived from type OIDs.
///
/// Several PostgreSQL types share one kind (`text`, `varchar`, `bpchar`, `name` are all `.text`); the
/// original OID stays in `ColumnSchema`. A type this enum does not know is decoded as `.text`: its binary
/// representation is only text-shaped when the query casts the column to `text` (`SELECT col::text`), so
/// callers must add that cast upstream for any type outside the supported list.
public indirect enum ColumnType: Sendable, Hashable {
    case int16, int32, int64, float32, float64, numeric, bool
    case text, date, timestamp, timestampTZ, interval, uuid, json, jsonb, bytea, oid
    /// inet and cidr (the binary form says which), stored as the text PostgreSQL prints.
    case inet
    /// A one- or multi-dimensional array of the element kind.
    case array(ColumnType)

    /// The kind for a PostgreSQL type OID (see `PostgresType.all`), or nil when Sluice does not know the type.
    public static func known(oid: UInt32) -> ColumnType? {
        guard let entry = PostgresType.byOID[oid] else { return nil }
        return entry.isArray ? .array(entry.type.kind) : entry.type.kind
    }

    /// The kind for a type OID; unknown OIDs fall back to `.text` (cast such columns to text upstream).
    public init(oid: UInt32) {
        self = ColumnType.known(oid: oid) ?? .text
    }

    /// True when values of this kind are stored as bytes + offsets in a `ColumnVector`.
    public var isVariableLength: Bool {
        switch self {
        case .numeric, .text, .uuid, .json, .jsonb, .bytea, .inet, .array: return true
        default: return false
        }
    }

    /// Whether a binary array element with this OID may appear in an array of this element kind.
    func acceptsElement(oid: UInt32) -> Bool {
        guard let kind = ColumnType.known(oid: oid) else { return false }
        return kind == self
    }

    /// The element's name as used in error messages.
    var name: String {
        switch self {
        case .int16: return "smallint"
        case .int32: return "integer"
        case .int64: return "bigint"
        case .float32: return "real"
        case .float64: return "double precision"
        case .numeric: return "numeric"
        case .bool: return "boolean"
        case .text: return "text"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .timestampTZ: return "timestamptz"
        case .interval: return "interval"
        case .uuid: return "uuid"
        case .json: return "json"
        case .jsonb: return "jsonb"
        case .bytea: return "bytea"
        case .oid: return "oid"
        case .inet: return "inet"
        case .array(let element): return element.name + "[]"
        }
    }

    /// The type name used in `_schema.json` of the lake.
    public var lakeTypeName: String {
        switch self {
        case .int16: return "smallint"
        case .int32: return "integer"
        case .int64, .oid: return "bigint"
        case .float32: return "float"
        case .float64: return "double"
        case .numeric: return "decimal"
        case .bool: return "boolean"
        case .text, .inet: return "string"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .timestampTZ: return "timestamptz"
        case .interval: return "interval"
        case .uuid: return "uuid"
        case .json, .jsonb: return "json"
        case .bytea: return "binary"
        case .array(let element): return "array<\(element.lakeTypeName)>"
        }
    }
}
