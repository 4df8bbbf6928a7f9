/// What the footer records about one written column chunk (parquet.thrift `ColumnMetaData`).
struct ColumnChunkMetadata {
    enum PageType: Int32 {
        case dataPage = 0
        case dictionaryPage = 2
        case dataPageV2 = 3
    }

    enum Encoding: Int32 {
        case plain = 0
        case rle = 3
        case rleDictionary = 8
    }

    var physical: ParquetPhysicalType
    var encodings: [Encoding]
    var path: [String]
    var codec: Int32
    var numValues: Int64
    var totalUncompressedSize: Int64
    var totalCompressedSize: Int64
    var dataPageOffset: Int64
    var dictionaryPageOffset: Int64?
    var statistics: ColumnStatistics
    var encodingStats: [(pageType: PageType, encoding: Encoding, count: Int32)]
    var maxStatisticsSize: Int

    /// Offset of the chunk's first page.
    var startOffset: Int64 { dictionaryPageOffset ?? dataPageOffset }
}
