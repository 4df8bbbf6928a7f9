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
