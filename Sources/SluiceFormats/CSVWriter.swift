/// Writes batches as CSV (RFC 4180) that is byte-identical to PostgreSQL's
/// `COPY (...) TO STDOUT (FORMAT csv, HEADER)` run with `TimeZone = 'UTC'`, `DateStyle = ISO`,
/// `IntervalStyle = postgres`.
///
/// - A header row of column names, then one line per row, `\n` line ends.
/// - NULL is an empty unquoted field; the empty string is `""`.
/// - A field is quoted when it contains the delimiter, `"`, CR or LF (quotes doubled inside), exactly as
///   PostgreSQL decides; leading/trailing spaces do NOT trigger quoting because PostgreSQL does not quote
///   them either (byte identity wins). With a single column, a value `\.` is quoted, as PostgreSQL does.
/// - Values print as PostgreSQL's text output: shortest round-trip floats (`1e+20`, `NaN`, `-Infinity`),
///   `t`/`f`, exact numerics, `2026-01-01 00:00:00.5+00`, `1 year 2 mons 3 days 04:05:06.7`,
///   `\x0a0b` for bytea, jsonb as PostgreSQL prints it, arrays as literals (`{1,2,NULL}`).
///
/// Formatting happens into a reusable buffer that is handed to the sink in pieces of about `flushSize`.
public final class CSVWriter {
    public let schema: [ColumnSchema]
    public let delimiter: UInt8
    public let includeHeader: Bool
    /// Rows written so far.
    public private(set) var rowsWritten = 0
    /// Uncompressed bytes handed to the sink so far.
    public private(set) var bytesWritten = 0

    private let sink: any ByteSink
    private let buffer: OutputBuffer
    private let flushSize: Int
    private var headerWritten = false
    private var scratch: [UInt8] = []
    /// True when the delimiter could appear inside a number, date or similar (e.g. `-`, `.`, space), so
    /// even those values must be checked for quoting.
    private let checkAllValues: Bool

    public init(schema: [ColumnSchema], sink: any ByteSink, delimiter: UInt8 = UInt8(ascii: ","),
                includeHeader: Bool = true, flushSize: Int = 256 * 1024) {
        self.schema = schema
        self.sink = sink
        self.delimiter = delimiter
        self.includeHeader = includeHeader
        self.flushSize = max(4096, flushSize)
        self.buffer = OutputBuffer(capacity: self.flushSize + 64 * 1024)
        let safe: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "|"), 9]
        self.checkAllValues = !safe.contains(delimiter)
    }

    /// Appends all rows of `batch`.
    public func write(_ batch: ColumnBatch) throws {
        guard batch.columns.count == schema.count else {
            throw FormatsError.schemaMismatch("\(batch.columns.count) columns, expected \(schema.count)")
        }
        try writeHeaderIfNeeded()
        try withExtendedLifetime(batch) {
            let columns = batch.columns.map(ColumnAccess.init)
            let last = columns.count - 1
            let singleColumn = columns.count == 1
            for row in 0..<batch.rowCount {
                for (c, column) in columns.enumerated() {
                    if column.isValid(row) {
                        writeValue(column, row, singleColumn: singleColumn)
                    }
                    let p = buffer.reserve(1)
                    p.pointee = c == last ? 10 : delimiter
                    buffer.commit(p + 1)
                }
                if columns.isEmpty {
                    let p = buffer.reserve(1)
                    p.pointee = 10
                    buffer.commit(p + 1)
                }
                if buffer.count >= flushSize { try flush() }
            }
        }
        rowsWritten += batch.rowCount
    }

    /// Writes the header if nothing was written yet, flushes the buffer, and finishes the sink.
    public func finish() throws {
        try writeHeaderIfNeeded()
        try flush()
        try sink.finish()
    }

    private func flush() throws {
        bytesWritten += buffer.count
        try buffer.flush(to: sink)
    }

    private func writeHeaderIfNeeded() throws {
        guard includeHeader, !headerWritten else { return }
        headerWritten = true
        for (c, column) in schema.enumerated() {
            let name = Array(column.name.utf8)
            name.withUnsafeBufferPointer { writeText($0.baseAddress, $0.count, singleColumn: schema.count == 1) }
            let p = buffer.reserve(1)
            p.pointee = c == schema.count - 1 ? 10 : delimiter
            buffer.commit(p + 1)
        }
    }

    @inline(__always)
    private func writeValue(_ column: ColumnAccess, _ row: Int, singleColumn: Bool) {
        switch column.type {
        case .text, .json, .jsonb, .inet:
            let (src, n) = column.bytes(row)
            writeText(src, n, singleColumn: singleColumn)
        case .int64:
            guard let values = column.int64s else { return }
            writeFixed(TextFormat.maxInteger) { TextFormat.writeInt(values[row], $0) }
        case .timestampTZ:
            guard let values = column.int64s else { return }
            writeFixed(TextFormat.maxTimestamp) { TextFormat.writeTimestamp(values[row], withZone: true, $0) }
        case .timestamp:
            guard let values = column.int64s else { return }
            writeFixed(TextFormat.maxTimestamp) { TextFormat.writeTimestamp(values[row], withZone: false, $0) }
        case .int32:
            guard let values = column.int32s else { return }
            writeFixed(TextFormat.maxInteger) { TextFormat.writeInt(Int64(values[row]), $0) }
        case .date:
            guard let values = column.int32s else { return }
            writeFixed(TextFormat.maxTimestamp) { TextFormat.writeDate(values[row], $0) }
        case .int16:
            guard let values = column.int16s else { return }
            writeFixed(TextFormat.maxInteger) { TextFormat.writeInt(Int64(values[row]), $0) }
        case .oid:
            guard let values = column.int64s else { return }
            writeFixed(TextFormat.maxInteger) { TextFormat.writeInt(values[row], $0) }
        case .float64:
            guard let values = column.doubles else { return }
            writeFixed(TextFormat.maxFloat) { TextFormat.writeFloat(values[row], isFloat4: false, $0) }
        case .float32:
            guard let values = column.floats else { return }
            writeFixed(TextFormat.maxFloat) { TextFormat.writeFloat(Double(values[row]), isFloat4: true, $0) }
        case .bool:
            guard let values = column.bools else { return }
            writeFixed(1) { p in
                p.pointee = values[row] ? UInt8(ascii: "t") : UInt8(ascii: "f")
                return p + 1
            }
        case .interval:
            guard let values = column.intervals else { return }
            writeFixed(TextFormat.maxInterval) { TextFormat.writeInterval(values[row], $0) }
        case .uuid:
            let (src, n) = column.bytes(row)
            guard let src, n == 16 else { return }
            writeFixed(36) { TextFormat.writeUUID(src, $0) }
        case .bytea:
            let (src, n) = column.bytes(row)
            writeFixed(2 + 2 * n) { p in
                guard let src else { return TextFormat.writeLiteral("\\x", p) }
                return TextFormat.writeByteaHex(src, n, p)
            }
        case .numeric:
            let (src, n) = column.bytes(row)
            if checkAllValues {
                writeText(src, n, singleColumn: singleColumn)
            } else {
                writeFixed(n) { p in
                    if let src { p.update(from: src, count: n) }
                    return p + n
                }
            }
        case .array(let element):
            let (src, n) = column.bytes(row)
            scratch.removeAll(keepingCapacity: true)
            ArrayText.appendPostgres(UnsafeRawBufferPointer(start: src, count: n), element: element, to: &scratch)
            scratch.withUnsafeBufferPointer { writeText($0.baseAddress, $0.count, singleColumn: singleColumn) }
        }
    }

    /// Writes a value of a type whose text never contains `"`, CR or LF; quotes it only when an unusual
    /// delimiter occurs in it.
    @inline(__always)
    private func writeFixed(_ max: Int, _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        let start = buffer.reserve(checkAllValues ? 2 * max + 2 : max)
        var end = body(start)
        if checkAllValues {
            var found = false
            var p = start
            while p < end {
                if p.pointee == delimiter { found = true; break }
                p += 1
            }
            if found {
                // No `"` inside these values: shift right by one and add the quotes.
                let n = end - start
                (start + 1).update(from: start, count: n)
                start.pointee = UInt8(ascii: "\"")
                end = start + n + 1
                end.pointee = UInt8(ascii: "\"")
                end += 1
            }
        }
        buffer.commit(end)
    }

    /// Writes text with PostgreSQL's CSV quoting rules.
    @inline(__always)
    private func writeText(_ src: UnsafePointer<UInt8>?, _ n: Int, singleColumn: Bool) {
        guard let src, n > 0 else {
            // The empty string (as opposed to NULL) is always quoted.
            let p = buffer.reserve(2)
            p[0] = UInt8(ascii: "\""); p[1] = UInt8(ascii: "\"")
            buffer.commit(p + 2)
            return
        }
        let delimiter = self.delimiter
        var needsQuote = false
        for i in 0..<n {
            let c = src[i]
            if c == delimiter || c == UInt8(ascii: "\"") || c == 10 || c == 13 { needsQuote = true; break }
        }
        if !needsQuote && singleColumn && n == 2 && src[0] == UInt8(ascii: "\\") && src[1] == UInt8(ascii: ".") {
            needsQuote = true
        }
        if !needsQuote {
            let p = buffer.reserve(n)
            p.update(from: src, count: n)
            buffer.commit(p + n)
            return
        }
        var q = buffer.reserve(2 * n + 2)
        q.pointee = UInt8(ascii: "\"")
        q += 1
        var runStart = 0
        for i in 0..<n where src[i] == UInt8(ascii: "\"") {
            // Copy up to and including the quote, then repeat it.
            let runLength = i + 1 - runStart
            q.update(from: src + runStart, count: runLength)
            q += runLength
            q.pointee = UInt8(ascii: "\"")
            q += 1
            runStart = i + 1
        }
        let rest = n - runStart
        q.update(from: src + runStart, count: rest)
        q += rest
        q.pointee = UInt8(ascii: "\"")
        buffer.commit(q + 1)
    }
}
