/// Writes batches as JSON lines: one object per row, `{"col":value,...}`, in column order, like CrateDB's
/// `COPY TO ... WITH (format = 'json_object')`.
///
/// Value mapping:
/// - integers and oid: JSON numbers (int64 exact); float4/float8: shortest round-trip numbers, with
///   NaN and ±Infinity written as `null` (JSON has no such numbers);
/// - numeric: a JSON number literal with every digit kept (`-12345678901234567890.000123`); NaN and
///   ±Infinity as `null`;
/// - boolean: `true`/`false`; text: JSON strings (RFC 8259 escapes, UTF-8 kept);
/// - json/jsonb: nested JSON values, not strings (json's insignificant white space is removed);
/// - timestamptz: `"2026-01-01T00:00:00.500000Z"`, timestamp the same without `Z`, date
///   `"2026-01-01"` (astronomical years for BC: `-0043`; `"infinity"`/`"-infinity"` kept as strings);
/// - uuid: its string; bytea: base64 string; interval: PostgreSQL's text (`"1 year 2 mons"`);
/// - arrays: JSON arrays (nested for multi-dimensional arrays), elements mapped as above;
/// - NULL: `null`.
public final class JSONLinesWriter {
    public let schema: [ColumnSchema]
    /// Rows written so far.
    public private(set) var rowsWritten = 0
    /// Uncompressed bytes handed to the sink so far.
    public private(set) var bytesWritten = 0

    private let sink: any ByteSink
    private let buffer: OutputBuffer
    private let flushSize: Int
    /// `{"name":` for the first column, `,"name":` for the others, pre-encoded.
    private let keys: [[UInt8]]
    private var scratch: [UInt8] = []

    public init(schema: [ColumnSchema], sink: any ByteSink, flushSize: Int = 256 * 1024) {
        self.schema = schema
        self.sink = sink
        self.flushSize = max(4096, flushSize)
        self.buffer = OutputBuffer(capacity: self.flushSize + 64 * 1024)
        var keys: [[UInt8]] = []
        for (c, column) in schema.enumerated() {
            let name = Array(column.name.utf8)
            var key = [UInt8](repeating: 0, count: JSONText.maxString(name.count) + 2)
            let length = key.withUnsafeMutableBufferPointer { out -> Int in
                guard let p = out.baseAddress else { return 0 }
                p.pointee = c == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")
                var end = name.withUnsafeBufferPointer { JSONText.writeString($0.baseAddress, $0.count, p + 1) }
                end.pointee = UInt8(ascii: ":")
                end += 1
                return end - p
            }
            keys.append(Array(key[0..<length]))
        }
        self.keys = keys
    }

    /// Appends all rows of `batch`.
    public func write(_ batch: ColumnBatch) throws {
        guard batch.columns.count == schema.count else {
            throw FormatsError.schemaMismatch("\(batch.columns.count) columns, expected \(schema.count)")
        }
        try withExtendedLifetime(batch) {
            let columns = batch.columns.map(ColumnAccess.init)
            for row in 0..<batch.rowCount {
                for (c, column) in columns.enumerated() {
                    keys[c].withUnsafeBufferPointer { key in
                        let p = buffer.reserve(key.count)
                        if let base = key.baseAddress { p.update(from: base, count: key.count) }
                        buffer.commit(p + key.count)
                    }
                    if column.isValid(row) {
                        writeValue(column, row)
                    } else {
                        writeLiteral(JSONText.null)
                    }
                }
                if columns.isEmpty {
                    writeLiteral("{}\n")
                } else {
                    writeLiteral("}\n")
                }
                if buffer.count >= flushSize { try flush() }
            }
        }
        rowsWritten += batch.rowCount
    }

    /// Flushes the buffer and finishes the sink.
    public func finish() throws {
        try flush()
        try sink.finish()
    }

    private func flush() throws {
        bytesWritten += buffer.count
        try buffer.flush(to: sink)
    }

    @inline(__always)
    private func writeLiteral(_ s: StaticString) {
        let p = buffer.reserve(s.utf8CodeUnitCount)
        buffer.commit(TextFormat.writeLiteral(s, p))
    }

    @inline(__always)
    private func write(_ max: Int, _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        let p = buffer.reserve(max)
        buffer.commit(body(p))
    }

    @inline(__always)
    private func writeQuoted(_ max: Int, _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        let p = buffer.reserve(max + 2)
        p.pointee = UInt8(ascii: "\"")
        let end = body(p + 1)
        end.pointee = UInt8(ascii: "\"")
        buffer.commit(end + 1)
    }

    @inline(__always)
    private func writeValue(_ column: ColumnAccess, _ row: Int) {
        switch column.type {
        case .jsonb:
            let (src, n) = column.bytes(row)
            write(n) { p in
                if let src { p.update(from: src, count: n) }
                return p + n
            }
        case .json:
            let (src, n) = column.bytes(row)
            write(n) { JSONText.writeMinified(src, n, $0) }
        case .text, .inet:
            let (src, n) = column.bytes(row)
            write(JSONText.maxString(n)) { JSONText.writeString(src, n, $0) }
        case .int64, .oid:
            guard let values = column.int64s else { return }
            write(TextFormat.maxInteger) { TextFormat.writeInt(values[row], $0) }
        case .timestampTZ:
            guard let values = column.int64s else { return }
            writeQuoted(TextFormat.maxTimestamp) { TextFormat.writeISOTimestamp(values[row], withZone: true, $0) }
        case .timestamp:
            guard let values = column.int64s else { return }
            writeQuoted(TextFormat.maxTimestamp) { TextFormat.writeISOTimestamp(values[row], withZone: false, $0) }
        case .int32:
            guard let values = column.int32s else { return }
            write(TextFormat.maxInteger) { TextFormat.writeInt(Int64(values[row]), $0) }
        case .date:
            guard let values = column.int32s else { return }
            writeQuoted(TextFormat.maxTimestamp) { TextFormat.writeISODate(values[row], $0) }
        case .int16:
            guard let values = column.int16s else { return }
            write(TextFormat.maxInteger) { TextFormat.writeInt(Int64(values[row]), $0) }
        case .float64:
            guard let values = column.doubles else { return }
            let v = values[row]
            if v.isFinite {
                write(TextFormat.maxFloat) { TextFormat.writeFloat(v, isFloat4: false, $0) }
            } else {
                writeLiteral(JSONText.null)
            }
        case .float32:
            guard let values = column.floats else { return }
            let v = values[row]
            if v.isFinite {
                write(TextFormat.maxFloat) { TextFormat.writeFloat(Double(v), isFloat4: true, $0) }
            } else {
                writeLiteral(JSONText.null)
            }
        case .bool:
            guard let values = column.bools else { return }
            if values[row] { writeLiteral("true") } else { writeLiteral("false") }
        case .numeric:
            let (src, n) = column.bytes(row)
            if JSONText.isSpecialNumeric(src, n) {
                writeLiteral(JSONText.null)
            } else {
                write(n) { p in
                    if let src { p.update(from: src, count: n) }
                    return p + n
                }
            }
        case .interval:
            guard let values = column.intervals else { return }
            writeQuoted(TextFormat.maxInterval) { TextFormat.writeInterval(values[row], $0) }
        case .uuid:
            let (src, n) = column.bytes(row)
            guard let src, n == 16 else { return writeLiteral(JSONText.null) }
            writeQuoted(36) { TextFormat.writeUUID(src, $0) }
        case .bytea:
            let (src, n) = column.bytes(row)
            writeQuoted(4 * (n / 3 + 1)) { p in
                guard let src else { return p }
                return TextFormat.writeBase64(src, n, p)
            }
        case .array(let element):
            let (src, n) = column.bytes(row)
            scratch.removeAll(keepingCapacity: true)
            ArrayText.appendJSON(UnsafeRawBufferPointer(start: src, count: n), element: element, to: &scratch)
            scratch.withUnsafeBufferPointer { s in
                write(s.count) { p in
                    if let base = s.baseAddress { p.update(from: base, count: s.count) }
                    return p + s.count
                }
            }
        }
    }
}
