/// One top-level column of a Parquet schema: its name, type and whether it may hold nulls.
///
/// A nullable column is written as OPTIONAL, a non-nullable one as REQUIRED. For a `list`
/// column, `nullable` says whether the list itself may be null; its elements may always be null.
public struct ParquetColumn: Hashable, Sendable {
    public var name: String
    public var type: ParquetColumnType
    public var nullable: Bool

    public init(name: String, type: ParquetColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}
