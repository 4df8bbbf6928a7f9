/// The knobs of a `ParquetWriter`, with the defaults other writers use.
public struct ParquetWriterOptions: Sendable {
    /// Codec for every column chunk. Default: ZSTD level 3.
    public var compression: ParquetCompression = .default
    /// A row group is flushed once it holds this many rows. Default: 1,000,000.
    public var rowGroupMaxRows: Int = 1_000_000
    /// A row group is flushed once its values take this many bytes before encoding. Default: 128 MiB.
    public var rowGroupMaxBytes: Int = 128 * 1024 * 1024
    /// Target size of one data page before compression. Default: 1 MiB.
    public var dataPageSize: Int = 1024 * 1024
    /// Whether to try dictionary encoding (every type but BOOLEAN). Default: true.
    public var dictionaryEnabled: Bool = true
    /// Once a column chunk's dictionary grows past this many bytes, the rest of the chunk is
    /// written PLAIN. Default: 1 MiB.
    public var dictionaryPageSizeLimit: Int = 1024 * 1024
    /// Data page layout. Default: `.v1`.
    public var dataPageVersion: ParquetDataPageVersion = .v1
    /// Column chunk min/max statistics longer than this many bytes are left out (the null count is
    /// always written). Default: 4096.
    public var maxStatisticsSize: Int = 4096
    /// The `created_by` string of the footer, e.g. `sluice version 1.2.0 (build abc123)`.
    public var createdBy: String = "sluice"
    /// Key-value metadata of the footer, in order.
    public var keyValueMetadata: [(key: String, value: String)] = []

    public init() {}

    func validate() throws {
        var problems: [String] = []
        if rowGroupMaxRows < 1 { problems.append("rowGroupMaxRows must be at least 1") }
        if rowGroupMaxBytes < 1 { problems.append("rowGroupMaxBytes must be at least 1") }
        if dataPageSize < 1 { problems.append("dataPageSize must be at least 1") }
        if dictionaryPageSizeLimit < 0 { problems.append("dictionaryPageSizeLimit must not be negative") }
        if maxStatisticsSize < 0 { problems.append("maxStatisticsSize must not be negative") }
        if case .zstd(let level) = compression, level < -7 || level > 22 {
            problems.append("the zstd level must be between -7 and 22")
        }
        if !problems.isEmpty { throw ParquetError.invalidOption(problems.joined(separator: "; ")) }
    }
}
