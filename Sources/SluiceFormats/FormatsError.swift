/// Everything that can go wrong while decoding PostgreSQL's binary COPY stream or writing an output file.
///
/// Each case carries just enough context (column, row, byte counts) to say what was wrong in one line.
/// Descriptions never include data values, so they are safe to log.
public enum FormatsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stream did not start with `PGCOPY\n\377\r\n\0`.
    case badSignature
    /// The header flags have a critical bit (16-31) set that this decoder does not understand.
    case unsupportedHeaderFlags(UInt32)
    /// A row announced a number of fields different from the schema.
    case fieldCountMismatch(expected: Int, found: Int, row: Int)
    /// The stream ended in the middle of the header, a row, or before the end-of-data trailer.
    case truncated(String)
    /// A field had a length that its type does not allow (e.g. an int8 that is not 8 bytes).
    case badFieldLength(column: String, type: String, length: Int, row: Int)
    /// A field's bytes are not a valid binary value of its type.
    case badValue(column: String, type: String, reason: String, row: Int)
    /// An array held elements of a type other than the one its column declares, or of an unsupported type.
    case unknownType(column: String, oid: UInt32)
    /// Bytes followed the end-of-data trailer.
    case dataAfterTrailer(Int)
    /// A batch did not match the schema the writer was created with.
    case schemaMismatch(String)
    /// A write to the underlying file or sink failed.
    case io(String)
    /// The compression library reported an error.
    case compression(String)

    public var description: String {
        switch self {
        case .badSignature:
            return "binary COPY stream does not start with the PGCOPY signature (is the COPY in FORMAT binary?)"
        case .unsupportedHeaderFlags(let flags):
            return "binary COPY header has unsupported critical flags 0x\(String(flags, radix: 16))"
        case .fieldCountMismatch(let expected, let found, let row):
            return "binary COPY row \(row) has \(found) fields but the schema has \(expected) columns"
        case .truncated(let what):
            return "binary COPY stream is truncated: \(what)"
        case .badFieldLength(let column, let type, let length, let row):
            return "column \(column) (\(type)) has an invalid field length \(length) in row \(row)"
        case .badValue(let column, let type, let reason, let row):
            return "column \(column) (\(type)) has an invalid value in row \(row): \(reason)"
        case .unknownType(let column, let oid):
            return "column \(column) has values of unsupported type OID \(oid); cast it to text in the query"
        case .dataAfterTrailer(let count):
            return "binary COPY stream has \(count) bytes after its end-of-data trailer"
        case .schemaMismatch(let what):
            return "batch does not match the writer's schema: \(what)"
        case .io(let what):
            return "write failed: \(what)"
        case .compression(let what):
            return "compression failed: \(what)"
        }
    }
}
