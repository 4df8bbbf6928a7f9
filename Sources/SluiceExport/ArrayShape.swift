import SluiceFormats

/// How many dimensions a Parquet export's array columns get.
///
/// PostgreSQL does not say how many dimensions a query's array column has (a row description carries
/// only the array type, and a declared `int[][]` is not enforced), while a Parquet column's LIST nesting
/// is fixed before its first row group is written. So the export looks at the first batch of rows (up to
/// 8,192): each array column takes the dimensions of its first non-empty value there, or one dimension
/// when that batch holds only NULLs and empty arrays. A later value of another shape fails the export
/// with a message naming the column (`ParquetBatchBuilder.dimensionError`): arrays are never flattened.
enum ArrayShape {
    static func settle(_ schema: [ColumnSchema], from batch: ColumnBatch) -> [ColumnSchema] {
        var settled = schema
        for (c, column) in schema.enumerated() {
            guard case .array = column.type, c < batch.columns.count else { continue }
            let vector = batch.columns[c]
            for row in 0..<batch.rowCount {
                guard let value = vector.array(at: row), !value.dimensions.isEmpty else { continue }
                settled[c] = column.withArrayDimensions(value.dimensions.count)
                break
            }
        }
        return settled
    }
}
