/// Up to `capacity` rows of an export, one `ColumnVector` per column.
///
/// The unit the decoder emits and the writers consume. It is a value type: a writer that keeps a batch
/// gets its own copy on the decoder's next write (copy-on-write), one that does not costs nothing.
public struct ColumnBatch: Sendable {
    public let schema: [ColumnSchema]
    public internal(set) var columns: [ColumnVector]
    /// Rows held; every column has this many values.
    public internal(set) var rowCount: Int

    public init(schema: [ColumnSchema], capacity: Int = 0) {
        self.schema = schema
        self.columns = schema.map { ColumnVector(type: $0.type, capacity: capacity) }
        self.rowCount = 0
    }

    mutating func removeAll() {
        for i in columns.indices { columns[i].removeAll() }
        rowCount = 0
    }
}
