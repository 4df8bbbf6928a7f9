/// The compression codec applied to every page of a column chunk.
public enum ParquetCompression: Hashable, Sendable {
    case none
    case snappy
    /// Zstandard at the given level (1...22; 3 is libzstd's default and ours).
    case zstd(level: Int32)

    /// ZSTD at level 3, the writer's default.
    public static let `default` = ParquetCompression.zstd(level: 3)
}
