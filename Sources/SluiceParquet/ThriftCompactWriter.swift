/// Encodes Thrift structures in the compact protocol, the encoding of Parquet page headers and of
/// the file footer.
///
/// Only what Parquet's metadata needs is here: i8/i16/i32/i64, bool, binary, lists and nested
/// structs (unions are structs with one field). Fields must be written in increasing id order,
/// as the protocol stores the id as a delta from the previous one.
///
/// Wire format, from the Thrift compact protocol specification: a field header is one byte
/// `delta << 4 | type` when the id grows by 1...15, else the type byte followed by the id as a
/// zigzag varint; integers are zigzag varints; binary is a varint length then the bytes; a list is
/// `size << 4 | elementType` (size < 15) or `0xF0 | elementType` then a varint size; a struct ends
/// with a 0 byte.
struct ThriftCompactWriter {
    enum FieldType: UInt8 {
        case boolTrue = 1, boolFalse = 2, i8 = 3, i16 = 4, i32 = 5, i64 = 6, double = 7, binary = 8
        case list = 9, set = 10, map = 11, `struct` = 12
    }

    let out: ByteBuffer
    private var lastField: Int16 = 0
    private var stack: [Int16] = []

    init(into out: ByteBuffer) { self.out = out }

    private mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
        let delta = Int(id) - Int(lastField)
        if delta > 0 && delta <= 15 {
            out.append(byte: UInt8(delta) << 4 | type.rawValue)
        } else {
            out.append(byte: type.rawValue)
            out.appendVarint(Self.zigzag(Int64(id)))
        }
        lastField = id
    }

    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    mutating func bool(_ id: Int16, _ value: Bool) { fieldHeader(id, value ? .boolTrue : .boolFalse) }

    mutating func i8(_ id: Int16, _ value: Int8) {
        fieldHeader(id, .i8)
        out.append(byte: UInt8(bitPattern: value))
    }

    mutating func i16(_ id: Int16, _ value: Int16) {
        fieldHeader(id, .i16)
        out.appendVarint(Self.zigzag(Int64(value)))
    }

    mutating func i32(_ id: Int16, _ value: Int32) {
        fieldHeader(id, .i32)
        out.appendVarint(Self.zigzag(Int64(value)))
    }

    mutating func i32(_ id: Int16, _ value: Int) { i32(id, Int32(truncatingIfNeeded: value)) }

    mutating func i64(_ id: Int16, _ value: Int64) {
        fieldHeader(id, .i64)
        out.appendVarint(Self.zigzag(value))
    }

    mutating func i64(_ id: Int16, _ value: Int) { i64(id, Int64(value)) }

    mutating func binary(_ id: Int16, _ bytes: [UInt8]) {
        fieldHeader(id, .binary)
        out.appendVarint(UInt64(bytes.count))
        out.append(bytes)
    }

    mutating func string(_ id: Int16, _ value: String) { binary(id, Array(value.utf8)) }

    mutating func structBegin(_ id: Int16) {
        fieldHeader(id, .struct)
        stack.append(lastField)
        lastField = 0
    }

    mutating func structEnd() {
        out.append(byte: 0)
        lastField = stack.popLast() ?? 0
    }

    /// An empty struct field (e.g. `StringType {}` inside the LogicalType union).
    mutating func emptyStruct(_ id: Int16) {
        structBegin(id)
        structEnd()
    }

    mutating func listBegin(_ id: Int16, elementType: FieldType, count: Int) {
        fieldHeader(id, .list)
        if count < 15 {
            out.append(byte: UInt8(count) << 4 | elementType.rawValue)
        } else {
            out.append(byte: 0xF0 | elementType.rawValue)
            out.appendVarint(UInt64(count))
        }
    }

    /// Starts a struct that is an element of a list (no field header).
    mutating func elementStructBegin() {
        stack.append(lastField)
        lastField = 0
    }

    mutating func elementI32(_ value: Int32) { out.appendVarint(Self.zigzag(Int64(value))) }

    mutating func elementBinary(_ bytes: [UInt8]) {
        out.appendVarint(UInt64(bytes.count))
        out.append(bytes)
    }

    /// Ends the outermost struct (a message has no enclosing field).
    mutating func messageEnd() { out.append(byte: 0) }
}
