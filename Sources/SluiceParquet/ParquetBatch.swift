/// A batch of rows in columnar form: one `ParquetColumnBuffer` per schema column.
///
/// Fill the buffers (every column must end with the same row count), hand the batch to
/// `ParquetWriter.write(_:)`, then `removeAll()` and refill it: the buffers keep their memory,
/// so a long export allocates only for its first batches.
public final class ParquetBatch {
    public let schema: ParquetSchema
    public let columns: [ParquetColumnBuffer]

    public init(schema: ParquetSchema) {
        self.schema = schema
        columns = schema.columns.map { ParquetColumnBuffer(column: $0) }
    }

    /// The buffer of the column at `index` in the schema.
    public subscript(index: Int) -> ParquetColumnBuffer { columns[index] }

    /// The buffer of the column named `name`, if there is one.
    public func column(named name: String) -> ParquetColumnBuffer? {
        columns.first { $0.column.name == name }
    }

    /// Rows in the batch (of the first column; `write` checks that all columns agree).
    public var count: Int { columns.first?.count ?? 0 }

    /// Bytes of values held, an estimate before encoding.
    public var byteCount: Int { columns.reduce(0) { $0 + $1.byteCount } }

    public func removeAll() {
        for column in columns { column.removeAll() }
    }

    public func reserveCapacity(rows: Int) {
        for column in columns { column.reserveCapacity(rows: rows) }
    }
}
