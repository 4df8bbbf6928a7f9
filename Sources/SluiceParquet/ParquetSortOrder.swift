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
