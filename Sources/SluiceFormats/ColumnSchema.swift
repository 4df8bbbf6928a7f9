/// One output column: its name, PostgreSQL type (OID and typmod) and the names it gets in the lake.
///
/// Built from the row description of the export query (the libpq layer supplies OIDs and typmods); this
/// module never talks to PostgreSQL itself.
public struct ColumnSchema: Sendable, Hashable {
    /// The column name as PostgreSQL reports it.
    public let name: String
    /// The PostgreSQL type OID.
    public let typeOID: UInt32
    /// The PostgreSQL type modifier (-1 when none): length for varchar/bpchar, precision/scale for numeric.
    public let typeModifier: Int32
    /// How values are decoded and stored.
    public let type: ColumnType
    /// False when the OID is not one Sluice knows, so the column is read as text (cast it upstream).
    public let isKnownType: Bool
    /// For an array column, how many dimensions its values have (1 to 6). PostgreSQL does not record
    /// it in a query's row description (nor enforce a column's declared `int[][]`), so it is 1 unless
    /// the caller knows better; formats with a fixed nesting (Parquet) reject values of another shape.
    public let arrayDimensions: Int

    public init(name: String, typeOID: UInt32, typeModifier: Int32 = -1, arrayDimensions: Int = 1) {
        self.name = name
        self.typeOID = typeOID
        self.typeModifier = typeModifier
        self.arrayDimensions = min(max(arrayDimensions, 1), 6)
        let known = ColumnType.known(oid: typeOID)
        self.type = known ?? .text
        self.isKnownType = known != nil
    }

    /// The same column with arrays of `dimensions` dimensions.
    public func withArrayDimensions(_ dimensions: Int) -> ColumnSchema {
        ColumnSchema(name: name, typeOID: typeOID, typeModifier: typeModifier, arrayDimensions: dimensions)
    }

    /// Numeric precision and scale from the typmod, or nil for an unconstrained numeric (or non-numeric).
    public var numericPrecisionScale: (precision: Int, scale: Int)? {
        guard type == .numeric || type == .array(.numeric), typeModifier >= 4 else { return nil }
        let raw = Int(typeModifier) - 4
        let precision = (raw >> 16) & 0xFFFF
        // The scale is an 11-bit signed field since PostgreSQL 15.
        var scale = raw & 0x7FF
        if scale & 0x400 != 0 { scale -= 0x800 }
        return (precision, scale)
    }

    /// The source type as PostgreSQL's `format_type(oid, typmod)` spells it, e.g. `numeric(12,2)`.
    public var sourceTypeName: String {
        guard let entry = PostgresType.byOID[typeOID] else { return "oid \(typeOID) (read as text)" }
        let suffix = entry.isArray ? "[]" : ""
        switch entry.type.oid {
        case 1700:
            if let ps = numericPrecisionScale { return "numeric(\(ps.precision),\(ps.scale))" + suffix }
        case 1043, 1042:
            if typeModifier >= 4 { return entry.type.name + "(\(typeModifier - 4))" + suffix }
        case 1114, 1184:
            // The precision goes after `timestamp`: `timestamp(3) with time zone`.
            if typeModifier >= 0 {
                return "timestamp(\(typeModifier))" + entry.type.name.dropFirst("timestamp".count) + suffix
            }
        default:
            break
        }
        return entry.type.name + suffix
    }

    /// The type name written to the lake's `_schema.json`: bigint, integer, smallint, double, float,
    /// decimal(p,s) (plain `decimal` when unconstrained), string, boolean, date, timestamp, timestamptz,
    /// interval, uuid, json, binary or array<...> (nested once per dimension: `array<array<integer>>`).
    public var lakeTypeName: String {
        let element: String
        if let ps = numericPrecisionScale {
            element = "decimal(\(ps.precision),\(ps.scale))"
        } else if case .array(let inner) = type {
            element = inner.lakeTypeName
        } else {
            return type.lakeTypeName
        }
        guard case .array = type else { return element }
        let depth = arrayDimensions
        return String(repeating: "array<", count: depth) + element + String(repeating: ">", count: depth)
    }
}
