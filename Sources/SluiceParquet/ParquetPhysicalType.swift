/// Parquet's physical types (the `Type` enum of parquet.thrift), as the bytes are stored.
enum ParquetPhysicalType: Int32 {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLenByteArray = 7
}

/// How min/max statistics of a column compare values (the type-defined sort order).
enum ParquetSortOrder {
    case boolean
    case signedInteger
    case floatingPoint
    /// Lexicographic over unsigned bytes (strings, binary, UUID).
    case unsignedBytes
    /// Big-endian two's complement (decimals stored as FIXED_LEN_BYTE_ARRAY).
    case signedBigEndian
}
