/// What `ParquetWriter.close()` reports about the finished file.
public struct ParquetWriteSummary: Hashable, Sendable {
    public let rowCount: Int64
    public let rowGroupCount: Int
    /// Size of the whole file, footer included.
    public let byteCount: Int64
    public let columns: [ParquetColumnSummary]
}
