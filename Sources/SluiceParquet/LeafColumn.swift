/// Everything the writer needs to know about one leaf (primitive) column of the file: physical
/// type, levels, sort order, and where it sits in the schema tree.
///
/// Each top-level `ParquetColumn` has exactly one leaf: itself, or for a list the `element`
/// inside `<name> { repeated group list { optional element } }` (nested once per list level).
struct LeafColumn {
    let column: ParquetColumn
    /// The primitive type of the values (the element type for a list).
    let valueType: ParquetColumnType
    let physical: ParquetPhysicalType
    /// Byte width for FIXED_LEN_BYTE_ARRAY, else 0.
    let typeLength: Int
    let maxDefinitionLevel: Int
    let maxRepetitionLevel: Int
    let sortOrder: ParquetSortOrder
    let path: [String]

    var isList: Bool { maxRepetitionLevel > 0 }
    /// Lists nested in lists: rows carry their dimensions.
    var isNestedList: Bool { maxRepetitionLevel > 1 }
    /// Whether a value slot in the column buffer may be null (flat nullable columns, list elements).
    var valuesNullable: Bool { isList || column.nullable }
    var name: String { column.name }

    init(_ column: ParquetColumn) {
        self.column = column
        // Each list level adds a repeated group (+1 definition, +1 repetition) and an optional
        // element (+1 definition): an inner list or, at the bottom, the value.
        let depth = column.type.listDepth
        let valueType = column.type.innermostElement
        maxRepetitionLevel = depth
        maxDefinitionLevel = (column.nullable ? 1 : 0) + 2 * depth
        path = [column.name] + Array(repeating: ["list", "element"], count: depth).flatMap { $0 }
        self.valueType = valueType
        (physical, typeLength, sortOrder) = Self.physical(of: valueType)
    }

    static func physical(of type: ParquetColumnType) -> (ParquetPhysicalType, Int, ParquetSortOrder) {
        switch type {
        case .boolean: return (.boolean, 0, .boolean)
        case .int16, .int32, .date: return (.int32, 0, .signedInteger)
        case .int64, .timestamp: return (.int64, 0, .signedInteger)
        case .float: return (.float, 0, .floatingPoint)
        case .double: return (.double, 0, .floatingPoint)
        case .string, .json, .binary, .list: return (.byteArray, 0, .unsignedBytes)
        case .uuid: return (.fixedLenByteArray, 16, .unsignedBytes)
        case .decimal(let precision, _):
            if precision <= 9 { return (.int32, 0, .signedInteger) }
            if precision <= 18 { return (.int64, 0, .signedInteger) }
            return (.fixedLenByteArray, decimalByteWidth(precision: precision), .signedBigEndian)
        }
    }

    /// The fewest bytes whose two's complement range holds every number of `precision` digits:
    /// the smallest n with 2^(8n-1) > 10^precision - 1 (log2(10) ≈ 3.3219).
    static func decimalByteWidth(precision: Int) -> Int {
        var n = 1
        while Double(8 * n - 1) < Double(precision) * 3.321928094887362 { n += 1 }
        return n
    }
}
