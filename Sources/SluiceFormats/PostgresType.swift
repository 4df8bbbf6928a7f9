/// The PostgreSQL types Sluice decodes from binary COPY: the one table of their OIDs, array OIDs,
/// names (as `format_type` prints them, without a type modifier) and the `ColumnType` they decode to.
/// `ColumnType.known(oid:)` and `ColumnSchema.sourceTypeName` read it; adding a type starts here.
struct PostgresType: Sendable {
    let oid: UInt32
    let arrayOID: UInt32
    let name: String
    let kind: ColumnType

    static let all: [PostgresType] = [
        PostgresType(oid: 21, arrayOID: 1005, name: "smallint", kind: .int16),
        PostgresType(oid: 23, arrayOID: 1007, name: "integer", kind: .int32),
        PostgresType(oid: 20, arrayOID: 1016, name: "bigint", kind: .int64),
        PostgresType(oid: 700, arrayOID: 1021, name: "real", kind: .float32),
        PostgresType(oid: 701, arrayOID: 1022, name: "double precision", kind: .float64),
        PostgresType(oid: 1700, arrayOID: 1231, name: "numeric", kind: .numeric),
        PostgresType(oid: 16, arrayOID: 1000, name: "boolean", kind: .bool),
        PostgresType(oid: 25, arrayOID: 1009, name: "text", kind: .text),
        PostgresType(oid: 1043, arrayOID: 1015, name: "character varying", kind: .text),
        PostgresType(oid: 1042, arrayOID: 1014, name: "character", kind: .text),
        PostgresType(oid: 19, arrayOID: 1003, name: "name", kind: .text),
        PostgresType(oid: 1082, arrayOID: 1182, name: "date", kind: .date),
        PostgresType(oid: 1114, arrayOID: 1115, name: "timestamp without time zone", kind: .timestamp),
        PostgresType(oid: 1184, arrayOID: 1185, name: "timestamp with time zone", kind: .timestampTZ),
        PostgresType(oid: 1186, arrayOID: 1187, name: "interval", kind: .interval),
        PostgresType(oid: 2950, arrayOID: 2951, name: "uuid", kind: .uuid),
        PostgresType(oid: 114, arrayOID: 199, name: "json", kind: .json),
        PostgresType(oid: 3802, arrayOID: 3807, name: "jsonb", kind: .jsonb),
        PostgresType(oid: 17, arrayOID: 1001, name: "bytea", kind: .bytea),
        PostgresType(oid: 26, arrayOID: 1028, name: "oid", kind: .oid),
        PostgresType(oid: 869, arrayOID: 1041, name: "inet", kind: .inet),
        PostgresType(oid: 650, arrayOID: 651, name: "cidr", kind: .inet),
    ]

    /// Every scalar and array OID: the type and whether the OID is its array type.
    static let byOID: [UInt32: (type: PostgresType, isArray: Bool)] = {
        var map: [UInt32: (type: PostgresType, isArray: Bool)] = [:]
        for type in all {
            map[type.oid] = (type, false)
            map[type.arrayOID] = (type, true)
        }
        return map
    }()
}
