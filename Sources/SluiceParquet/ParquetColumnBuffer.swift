import Foundation

/// The values of one column for a batch of rows, in typed contiguous storage, ready to encode.
///
/// Why a class with typed arrays and not an array of enum values: appending a value is one array
/// append (plus one validity byte for nullable columns), with no boxing and no per-value
/// allocation. Byte arrays (strings, JSON, binary) live in one data buffer plus an offsets array.
///
/// Use the append method that matches the column's type (`appendInt64` for `int64`/`timestamp`,
/// `appendString` for `string`/`json`...). A value of the wrong kind, or a null in a non-nullable
/// column, is remembered and reported by `ParquetWriter.write(_:)` as a `ParquetError`, so the
/// append methods stay cheap and non-throwing; only parsing appends (`appendDecimal(text:)`,
/// `appendUUID(text:)`) throw.
///
/// List columns: append the elements of a row with the ordinary methods (`appendNull()` adds a
/// null element), then call `endList()` to finish the row; `appendNullList()` adds a null row.
///
/// A null slot keeps a placeholder (zero, empty) so value *i* of a flat column is row *i*.
public final class ParquetColumnBuffer {
    public let column: ParquetColumn
    let leaf: LeafColumn
    let kind: ParquetPhysicalType
    let fixedWidth: Int

    var bools: [UInt8] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    /// Byte array and fixed-length values, back to back.
    let data = ByteBuffer(capacity: 4096)
    /// For byte arrays: `offsets[i] ..< offsets[i + 1]` are the bytes of value `i`.
    var offsets: [Int] = [0]
    /// Per value slot: 1 present, 0 null. Only kept when values may be null.
    var validity: [UInt8] = []
    /// For lists: per row, the end (exclusive) of its elements in the value slots.
    var listEnds: [Int] = []
    /// For nullable lists: per row, 1 present, 0 null.
    var listValidity: [UInt8] = []

    /// Number of value slots (rows for a flat column, elements for a list).
    private(set) var valueCount = 0
    /// Number of rows.
    public var count: Int { leaf.isList ? listEnds.count : valueCount }
    /// The first misuse (wrong kind, null in a required column), reported at write time.
    private(set) var problem: ParquetError?
    /// Bytes the values take before encoding, an estimate used to size row groups.
    var rawByteCount = 0

    init(column: ParquetColumn) {
        self.column = column
        leaf = LeafColumn(column)
        kind = leaf.physical
        fixedWidth = leaf.typeLength
    }

    /// Empties the buffer and keeps its memory for the next batch.
    public func removeAll() {
        bools.removeAll(keepingCapacity: true)
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        floats.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        data.removeAll()
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        validity.removeAll(keepingCapacity: true)
        listEnds.removeAll(keepingCapacity: true)
        listValidity.removeAll(keepingCapacity: true)
        valueCount = 0
        rawByteCount = 0
        problem = nil
    }

    /// Reserves room for `rows` more values (and `bytes` more bytes of byte-array data).
    public func reserveCapacity(rows: Int, bytes: Int = 0) {
        switch kind {
        case .boolean: bools.reserveCapacity(bools.count + rows)
        case .int32: int32s.reserveCapacity(int32s.count + rows)
        case .int64: int64s.reserveCapacity(int64s.count + rows)
        case .float: floats.reserveCapacity(floats.count + rows)
        case .double: doubles.reserveCapacity(doubles.count + rows)
        case .byteArray:
            offsets.reserveCapacity(offsets.count + rows)
            data.reserve(bytes)
        case .fixedLenByteArray: data.reserve(rows * fixedWidth)
        }
        if leaf.valuesNullable { validity.reserveCapacity(validity.count + rows) }
    }

    // MARK: Values

    @inline(__always)
    func markPresent() {
        if leaf.valuesNullable { validity.append(1) }
        valueCount += 1
    }

    func recordProblem(_ error: ParquetError) {
        if problem == nil { problem = error }
    }

    private func wrongKind() {
        recordProblem(.wrongValueKind(column: column.name, expected: Self.kindName(leaf.valueType)))
    }

    /// Appends a null (a null row, or for a list column a null element).
    public func appendNull() {
        guard leaf.valuesNullable else {
            recordProblem(.nullInRequiredColumn(column: column.name))
            return
        }
        switch kind {
        case .boolean: bools.append(0)
        case .int32: int32s.append(0)
        case .int64: int64s.append(0)
        case .float: floats.append(0)
        case .double: doubles.append(0)
        case .byteArray: offsets.append(data.count)
        case .fixedLenByteArray: data.appendUninitialized(fixedWidth).initializeMemory(as: UInt8.self, repeating: 0, count: fixedWidth)
        }
        validity.append(0)
        valueCount += 1
        rawByteCount += 1
    }

    public func appendBool(_ value: Bool) {
        guard kind == .boolean else { return wrongKind() }
        bools.append(value ? 1 : 0)
        rawByteCount += 1
        markPresent()
    }

    /// For `int16`, `int32`, `date` (days since 1970-01-01) and `int64`/`timestamp` columns.
    public func appendInt32(_ value: Int32) {
        switch kind {
        case .int32 where !isDecimal:
            int32s.append(value)
            rawByteCount += 4
            markPresent()
        case .int64 where !isDecimal:
            int64s.append(Int64(value))
            rawByteCount += 8
            markPresent()
        default: wrongKind()
        }
    }

    /// For `int64` and `timestamp` (microseconds since 1970-01-01) columns, and for `int16`,
    /// `int32` and `date` columns when the value fits.
    public func appendInt64(_ value: Int64) {
        switch kind {
        case .int64 where !isDecimal:
            int64s.append(value)
            rawByteCount += 8
            markPresent()
        case .int32 where !isDecimal:
            guard let narrow = Int32(exactly: value) else { return wrongKind() }
            int32s.append(narrow)
            rawByteCount += 4
            markPresent()
        default: wrongKind()
        }
    }

    /// Days since 1970-01-01, for `date` columns.
    public func appendDate(daysSinceEpoch: Int32) { appendInt32(daysSinceEpoch) }

    /// Microseconds since 1970-01-01 00:00:00 (UTC for `isAdjustedToUTC` columns, wall-clock
    /// otherwise), for `timestamp` columns.
    public func appendTimestamp(microsecondsSinceEpoch: Int64) { appendInt64(microsecondsSinceEpoch) }

    public func appendFloat(_ value: Float) {
        guard kind == .float else { return wrongKind() }
        floats.append(value)
        rawByteCount += 4
        markPresent()
    }

    public func appendDouble(_ value: Double) {
        guard kind == .double else { return wrongKind() }
        doubles.append(value)
        rawByteCount += 8
        markPresent()
    }

    /// Appends the bytes of one value of a `string`, `json` or `binary` column (strings must be UTF-8).
    public func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        guard kind == .byteArray else { return wrongKind() }
        guard bytes.count <= Int(Int32.max) else {
            return recordProblem(.valueTooLarge(column: column.name))
        }
        data.append(bytes)
        offsets.append(data.count)
        rawByteCount += bytes.count + 4
        markPresent()
    }

    public func appendBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { appendBytes($0) }
    }

    public func appendString(_ value: String) {
        var value = value
        value.withUTF8 { appendBytes(UnsafeRawBufferPointer($0)) }
    }

    /// Appends a UUID given as its 16 bytes, for `uuid` columns.
    public func appendUUID(bytes: UnsafeRawBufferPointer) {
        guard kind == .fixedLenByteArray, case .uuid = leaf.valueType else { return wrongKind() }
        guard bytes.count == 16 else { return recordProblem(.invalidUUID(column: column.name)) }
        data.append(bytes)
        rawByteCount += 16
        markPresent()
    }

    public func appendUUID(_ uuid: UUID) {
        var raw = uuid.uuid
        withUnsafeBytes(of: &raw) { appendUUID(bytes: $0) }
    }

    /// Appends a UUID written as text (`550e8400-e29b-41d4-a716-446655440000`, dashes optional).
    public func appendUUID(text: String) throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(16)
        var high: UInt8? = nil
        for unit in text.utf8 {
            if unit == UInt8(ascii: "-") { continue }
            let nibble: UInt8
            switch unit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = unit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = unit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = unit - UInt8(ascii: "A") + 10
            default: throw ParquetError.invalidUUID(column: column.name)
            }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        guard bytes.count == 16, high == nil else { throw ParquetError.invalidUUID(column: column.name) }
        bytes.withUnsafeBytes { appendUUID(bytes: $0) }
    }

    // MARK: Lists

    /// Ends the current row of a list column: the elements appended since the last `endList()`
    /// (possibly none: an empty list) form its list.
    public func endList() {
        guard leaf.isList else { return wrongKind() }
        listEnds.append(valueCount)
        if column.nullable { listValidity.append(1) }
    }

    /// Appends a null row to a list column.
    public func appendNullList() {
        guard leaf.isList else { return wrongKind() }
        guard column.nullable else { return recordProblem(.nullInRequiredColumn(column: column.name)) }
        listEnds.append(valueCount)
        listValidity.append(0)
    }

    var isDecimal: Bool {
        if case .decimal = leaf.valueType { return true }
        return false
    }

    static func kindName(_ type: ParquetColumnType) -> String {
        switch type {
        case .boolean: return "booleans (appendBool)"
        case .int16, .int32: return "integers (appendInt32 or appendInt64)"
        case .int64: return "integers (appendInt64)"
        case .float: return "floats (appendFloat)"
        case .double: return "doubles (appendDouble)"
        case .string, .json, .binary: return "bytes (appendString or appendBytes)"
        case .date: return "dates (appendDate)"
        case .timestamp: return "timestamps (appendTimestamp)"
        case .decimal: return "decimals (appendDecimal)"
        case .uuid: return "UUIDs (appendUUID)"
        case .list: return "list elements and endList()"
        }
    }
}
