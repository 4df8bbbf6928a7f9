/// What the footer records about one written row group (parquet.thrift `RowGroup`).
struct RowGroupMetadata {
    var columns: [ColumnChunkMetadata]
    var rowCount: Int64
    var ordinal: Int16

    var totalUncompressedSize: Int64 { columns.reduce(0) { $0 + $1.totalUncompressedSize } }
    var totalCompressedSize: Int64 { columns.reduce(0) { $0 + $1.totalCompressedSize } }
    var fileOffset: Int64 { columns.first?.startOffset ?? 0 }
}
