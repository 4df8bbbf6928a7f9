/// What `ParquetWriter.close()` reports about the finished file.
public struct ParquetWriteSummary: Hashable, Sendable {
    public let rowCount: Int64
    public let rowGroupCount: Int
    /// Size of the whole file, footer included.
    public let byteCount: Int64
    public let columns: [ParquetColumnSummary]
}

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

/// A min or max value of a column: integers (also dates, timestamps and decimals up to 18
/// digits, unscaled), floating point, booleans, or raw bytes (strings as UTF-8, UUIDs, and
/// wider decimals as big-endian two's complement).
public enum ParquetStatisticValue: Hashable, Sendable {
    case boolean(Bool)
    case integer(Int64)
    case floatingPoint(Double)
    case bytes([UInt8])
}
