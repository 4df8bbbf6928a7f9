/// The one error type of SluiceParquet.
///
/// Every `description` is a single sentence that names the column or setting involved but never
/// the data values themselves, so it is safe to log.
public enum ParquetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The schema is not valid (empty, duplicate names, bad decimal precision...).
    case invalidSchema(String)
    /// A writer option is out of range.
    case invalidOption(String)
    /// A batch does not match the writer's schema.
    case batchMismatch(String)
    /// A value of the wrong kind was appended to a column buffer.
    case wrongValueKind(column: String, expected: String)
    /// A null was appended to a column that is not nullable.
    case nullInRequiredColumn(column: String)
    /// A decimal value does not fit the column's precision or scale, or is not a number.
    case invalidDecimal(column: String)
    /// A UUID value was not 16 bytes long.
    case invalidUUID(column: String)
    /// A value is too large to be written (byte arrays are limited to 2 GiB).
    case valueTooLarge(column: String)
    /// A nested list row's dimensions do not match the column's nesting or its element count.
    case invalidListShape(column: String, reason: String)
    /// The compression library reported an error.
    case compressionFailed(codec: String, reason: String)
    /// Writing to the sink failed.
    case sinkFailed(String)
    /// The writer was used after `close()`.
    case writerClosed

    public var description: String {
        switch self {
        case .invalidSchema(let why): return "Invalid Parquet schema: \(why)."
        case .invalidOption(let why): return "Invalid Parquet writer option: \(why)."
        case .batchMismatch(let why): return "The batch does not match the Parquet schema: \(why)."
        case .wrongValueKind(let column, let expected):
            return "Column '\(column)' received a value of the wrong kind; it expects \(expected)."
        case .nullInRequiredColumn(let column): return "Column '\(column)' is not nullable but received a null."
        case .invalidDecimal(let column):
            return "Column '\(column)' received a decimal that is malformed or does not fit its precision and scale."
        case .invalidUUID(let column): return "Column '\(column)' received a UUID that is not 16 bytes long."
        case .valueTooLarge(let column): return "Column '\(column)' received a value larger than 2 GiB."
        case .invalidListShape(let column, let reason): return "Column '\(column)' received a list row that \(reason)."
        case .compressionFailed(let codec, let reason): return "\(codec) compression failed: \(reason)."
        case .sinkFailed(let why): return "Writing the Parquet output failed: \(why)."
        case .writerClosed: return "The Parquet writer is already closed."
        }
    }
}
