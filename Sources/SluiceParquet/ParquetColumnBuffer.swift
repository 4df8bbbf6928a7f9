import Foundation

/// The values of one column for a batch of rows, in typed contiguous storage, ready to encode.
///
/// Why a class with typed vectors and not an array of enum values: appending a value is a
/// couple of plain memory writes (plus one validity byte for nullable columns), with no boxing
/// and no allocation per value. Byte arrays (strings, JSON, binary) live in one data buffer plus
/// an offsets vector.
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
    let valuesNullable: Bool
    let isDecimal: Bool
    let isInt16: Bool
    /// The values live behind a pointer this object owns (a `let`), so appends are plain
    /// memory writes without Swift's dynamic exclusivity checks on class properties.
    let storage: UnsafeMutablePointer<ColumnValues>
    /// A copy of the storage's vectors, for reading.
    var values: ColumnValues { storage.pointee }
    /// The first misuse (wrong kind, null in a required column), reported at write time.
    private(set) var problem: ParquetError?

    init(column: ParquetColumn) {
        self.column = column
        leaf = LeafColumn(column)
        kind = leaf.physical
        fixedWidth = leaf.typeLength
        valuesNullable = leaf.valuesNullable
        if case .decimal = leaf.valueType { isDecimal = true } else { isDecimal = false }
        isInt16 = leaf.valueType == .int16
        storage = .allocate(capacity: 1)
        storage.initialize(to: ColumnValues())
    }

    deinit {
        storage.pointee.deallocate()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Number of rows.
    public var count: Int { leaf.isList ? storage.pointee.listEnds.count : storage.pointee.valueCount }

    /// Bytes the values take before encoding (an estimate).
    public var byteCount: Int { storage.pointee.rawByteCount }

    /// List elements appended after the last `endList()` (which `write` rejects).
    var hasUnfinishedList: Bool {
        leaf.isList && storage.pointee.valueCount != (storage.pointee.listEnds.last ?? 0)
    }

    /// Empties the buffer and keeps its memory for the next batch.
    public func removeAll() {
        storage.pointee.removeAll()
        problem = nil
    }

    /// Reserves room for `rows` more values (and `bytes` more bytes of byte-array data).
    public func reserveCapacity(rows: Int, bytes: Int = 0) {
        switch kind {
        case .boolean: storage.pointee.bools.reserve(rows)
        case .int32: storage.pointee.int32s.reserve(rows)
        case .int64: storage.pointee.int64s.reserve(rows)
        case .float: storage.pointee.floats.reserve(rows)
        case .double: storage.pointee.doubles.reserve(rows)
        case .byteArray:
            storage.pointee.offsets.reserve(rows)
            storage.pointee.data.reserve(bytes)
        case .fixedLenByteArray: storage.pointee.data.reserve(rows * fixedWidth)
        }
        if valuesNullable { storage.pointee.validity.reserve(rows) }
    }

    // MARK: Values

    func recordProblem(_ error: ParquetError) {
        if problem == nil { problem = error }
    }

    func wrongKind() {
        recordProblem(.wrongValueKind(column: column.name, expected: Self.kindName(leaf.valueType)))
    }

    /// Appends a null (a null row, or for a list column a null element).
    public func appendNull() {
        guard valuesNullable else { return recordProblem(.nullInRequiredColumn(column: column.name)) }
        switch kind {
        case .boolean: storage.pointee.bools.append(0)
        case .int32: storage.pointee.int32s.append(0)
        case .int64: storage.pointee.int64s.append(0)
        case .float: storage.pointee.floats.append(0)
        case .double: storage.pointee.doubles.append(0)
        case .byteArray: storage.pointee.offsets.append(storage.pointee.data.count)
        case .fixedLenByteArray: storage.pointee.data.append(repeating: 0, count: fixedWidth)
        }
        storage.pointee.validity.append(0)
        storage.pointee.valueCount += 1
        storage.pointee.rawByteCount += 1
    }

    public func appendBool(_ value: Bool) {
        guard kind == .boolean else { return wrongKind() }
        storage.pointee.bools.append(value ? 1 : 0)
        storage.pointee.present(nullable: valuesNullable, bytes: 1)
    }

    /// For `int16`, `int32`, `date` (days since 1970-01-01) and `int64`/`timestamp` columns.
    public func appendInt32(_ value: Int32) {
        if isInt16 && Int16(exactly: value) == nil { return wrongKind() }
        if kind == .int32 && !isDecimal {
            storage.pointee.int32s.append(value)
            storage.pointee.present(nullable: valuesNullable, bytes: 4)
        } else if kind == .int64 && !isDecimal {
            storage.pointee.int64s.append(Int64(value))
            storage.pointee.present(nullable: valuesNullable, bytes: 8)
        } else {
            wrongKind()
        }
    }

    /// For `int64` and `timestamp` (microseconds since 1970-01-01) columns, and for `int16`,
    /// `int32` and `date` columns when the value fits.
    public func appendInt64(_ value: Int64) {
        if kind == .int64 && !isDecimal {
            storage.pointee.int64s.append(value)
            storage.pointee.present(nullable: valuesNullable, bytes: 8)
        } else if kind == .int32 && !isDecimal, let narrow = Int32(exactly: value) {
            appendInt32(narrow)
        } else {
            wrongKind()
        }
    }

    /// Days since 1970-01-01, for `date` columns.
    public func appendDate(daysSinceEpoch: Int32) { appendInt32(daysSinceEpoch) }

    /// Microseconds since 1970-01-01 00:00:00 (UTC for `isAdjustedToUTC` columns, wall-clock
    /// otherwise), for `timestamp` columns.
    public func appendTimestamp(microsecondsSinceEpoch: Int64) { appendInt64(microsecondsSinceEpoch) }

    public func appendFloat(_ value: Float) {
        guard kind == .float else { return wrongKind() }
        storage.pointee.floats.append(value)
        storage.pointee.present(nullable: valuesNullable, bytes: 4)
    }

    public func appendDouble(_ value: Double) {
        guard kind == .double else { return wrongKind() }
        storage.pointee.doubles.append(value)
        storage.pointee.present(nullable: valuesNullable, bytes: 8)
    }

    /// Appends the bytes of one value of a `string`, `json` or `binary` column (strings must be UTF-8).
    public func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        guard kind == .byteArray else { return wrongKind() }
        guard bytes.count <= Int(Int32.max) else { return recordProblem(.valueTooLarge(column: column.name)) }
        storage.pointee.appendBytes(bytes, nullable: valuesNullable)
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
        guard bytes.count == 16, let address = bytes.baseAddress else { return recordProblem(.invalidUUID(column: column.name)) }
        storage.pointee.data.append(raw: address, count: 16)
        storage.pointee.present(nullable: valuesNullable, bytes: 16)
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
        if leaf.isNestedList {
            let start = storage.pointee.listEnds.count == 0 ? 0 : storage.pointee.listEnds[storage.pointee.listEnds.count - 1]
            guard storage.pointee.valueCount == start else {
                return recordProblem(.invalidListShape(column: column.name, reason: "has elements but no dimensions (use endList(dimensions:))"))
            }
            storage.pointee.listDimensions.append(repeating: 0, count: leaf.maxRepetitionLevel)
        }
        storage.pointee.listEnds.append(storage.pointee.valueCount)
        if column.nullable { storage.pointee.listValidity.append(1) }
    }

    /// Ends the current row of a (possibly nested) list column whose elements were appended in
    /// row-major order, innermost index fastest: `dimensions` gives the size of each level,
    /// outermost first, one per nested list (`[2, 3]` for two lists of three elements). A row with
    /// no elements is an empty list whatever its dimensions. Rows are rectangular: every inner list
    /// of one level has the same length, and no inner list is null.
    public func endList(dimensions: [Int]) {
        guard leaf.isList else { return wrongKind() }
        let start = storage.pointee.listEnds.count == 0 ? 0 : storage.pointee.listEnds[storage.pointee.listEnds.count - 1]
        let elements = storage.pointee.valueCount - start
        if elements == 0 {
            if leaf.isNestedList { storage.pointee.listDimensions.append(repeating: 0, count: leaf.maxRepetitionLevel) }
        } else {
            guard dimensions.count == leaf.maxRepetitionLevel else {
                return recordProblem(.invalidListShape(column: column.name,
                    reason: "has \(dimensions.count) dimensions but the column nests \(leaf.maxRepetitionLevel) lists"))
            }
            var product = 1
            for size in dimensions {
                let (next, overflow) = product.multipliedReportingOverflow(by: size)
                guard size > 0, !overflow else {
                    return recordProblem(.invalidListShape(column: column.name, reason: "has an empty or oversized dimension"))
                }
                product = next
            }
            guard product == elements else {
                return recordProblem(.invalidListShape(column: column.name,
                    reason: "has \(elements) elements but dimensions that make \(product)"))
            }
            if leaf.isNestedList { for size in dimensions { storage.pointee.listDimensions.append(size) } }
        }
        storage.pointee.listEnds.append(storage.pointee.valueCount)
        if column.nullable { storage.pointee.listValidity.append(1) }
    }

    /// Appends a null row to a list column.
    public func appendNullList() {
        guard leaf.isList else { return wrongKind() }
        guard column.nullable else { return recordProblem(.nullInRequiredColumn(column: column.name)) }
        if leaf.isNestedList { storage.pointee.listDimensions.append(repeating: 0, count: leaf.maxRepetitionLevel) }
        storage.pointee.listEnds.append(storage.pointee.valueCount)
        storage.pointee.listValidity.append(0)
    }

    static func kindName(_ type: ParquetColumnType) -> String {
        switch type {
        case .boolean: return "booleans (appendBool)"
        case .int16: return "16-bit integers (appendInt32 or appendInt64)"
        case .int32: return "32-bit integers (appendInt32 or appendInt64)"
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
