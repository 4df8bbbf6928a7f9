/// One column of a result or of a described statement: its name and PostgreSQL type.
///
/// The export layer maps `typeOID` (e.g. 23 = int4, 1700 = numeric, 1184 = timestamptz) and `typeModifier`
/// (numeric precision/scale, varchar length; -1 when none) to file schemas before streaming with COPY.
public struct ColumnDescription: Sendable, Equatable, Hashable {
    public var name: String
    /// The type's OID in `pg_type`.
    public var typeOID: UInt32
    /// The type modifier (`atttypmod`), -1 when the type has none.
    public var typeModifier: Int32

    public init(name: String, typeOID: UInt32, typeModifier: Int32) {
        self.name = name
        self.typeOID = typeOID
        self.typeModifier = typeModifier
    }
}
