/// Per-column totals over the whole file.
public struct ParquetColumnSummary: Hashable, Sendable {
    public let name: String
    /// Nulls (for a list column: null lists, empty lists and null elements).
    public let nullCount: Int64
    public let compressedByteCount: Int64
    public let uncompressedByteCount: Int64
    /// Smallest and largest non-null value in the column's sort order; nil if there is none.
    public let minValue: ParquetStatisticValue?
    public let maxValue: ParquetStatisticValue?
}
