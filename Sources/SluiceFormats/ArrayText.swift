/// Renders binary array payloads as PostgreSQL array literals (`{1,2,NULL}`, `{"a b",c}`,
/// `[0:1]={1,2}`) or as JSON arrays, into a growable scratch buffer. Arrays are rare and small compared
/// with scalar columns, so this favours clarity over raw speed.
enum ArrayText {
    // MARK: PostgreSQL literal (array_out)

    static func appendPostgres(_ raw: UnsafeRawBufferPointer, element: ColumnType, to out: inout [UInt8]) {
        guard let value = try? ArrayValue.parse(raw) else { return }
        let dims = value.dimensions
        if dims.isEmpty || dims.contains(0) {
            out.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
            return
        }
        if value.lowerBounds.contains(where: { $0 != 1 }) {
            for (size, lb) in zip(dims, value.lowerBounds) {
                out.append(UInt8(ascii: "["))
                appendDecimal(lb, to: &out)
                out.append(UInt8(ascii: ":"))
                appendDecimal(lb + size - 1, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "="))
        }
        var index = 0
        var scratch: [UInt8] = []
        func level(_ d: Int) {
            out.append(UInt8(ascii: "{"))
            for k in 0..<dims[d] {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                if d == dims.count - 1 {
                    if let range = value.elements[index] {
                        scratch.removeAll(keepingCapacity: true)
                        appendElementText(UnsafeRawBufferPointer(rebasing: raw[range]), element, to: &scratch)
                        appendQuotedIfNeeded(scratch, to: &out)
                    } else {
                        out.append(contentsOf: [78, 85, 76, 76]) // NULL
                    }
                    index += 1
                } else {
                    level(d + 1)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
        level(0)
    }

    static func appendDecimal(_ v: Int, to out: inout [UInt8]) {
        appendFormatted(TextFormat.maxInteger + 1, to: &out) { TextFormat.writeInt(Int64(v), $0) }
    }

    /// Runs a pointer formatter into a stack buffer of `max` bytes and appends the result.
    static func appendFormatted(_ max: Int, to out: inout [UInt8], _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max) { buf in
            guard let p = buf.baseAddress else { return }
            let end = body(p)
            out.append(contentsOf: UnsafeBufferPointer(start: p, count: end - p))
        }
    }

    /// An element's text output, as the scalar type prints it.
    static func appendElementText(_ b: UnsafeRawBufferPointer, _ type: ColumnType, to out: inout [UInt8]) {
        switch type {
        case .int16: appendFormatted(8, to: &out) { TextFormat.writeInt(Int64(b.readInt16(at: 0)), $0) }
        case .int32: appendFormatted(16, to: &out) { TextFormat.writeInt(Int64(b.readInt32(at: 0)), $0) }
        case .int64: appendFormatted(24, to: &out) { TextFormat.writeInt(b.readInt64(at: 0), $0) }
        case .oid: appendFormatted(16, to: &out) { TextFormat.writeUInt(UInt64(b.readUInt32(at: 0)), $0) }
        case .float32:
            let v = Float(bitPattern: b.readUInt32(at: 0))
            appendFormatted(TextFormat.maxFloat, to: &out) { TextFormat.writeFloat(Double(v), isFloat4: true, $0) }
        case .float64:
            let v = Double(bitPattern: UInt64(bitPattern: b.readInt64(at: 0)))
            appendFormatted(TextFormat.maxFloat, to: &out) { TextFormat.writeFloat(v, isFloat4: false, $0) }
        case .bool: out.append(b[0] != 0 ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case .numeric: _ = NumericText.append(b, to: &out)
        case .date: appendFormatted(TextFormat.maxTimestamp, to: &out) { TextFormat.writeDate(b.readInt32(at: 0), $0) }
        case .timestamp:
            appendFormatted(TextFormat.maxTimestamp, to: &out) { TextFormat.writeTimestamp(b.readInt64(at: 0), withZone: false, $0) }
        case .timestampTZ:
            appendFormatted(TextFormat.maxTimestamp, to: &out) { TextFormat.writeTimestamp(b.readInt64(at: 0), withZone: true, $0) }
        case .interval:
            let v = IntervalValue(microseconds: b.readInt64(at: 0), days: b.readInt32(at: 8), months: b.readInt32(at: 12))
            appendFormatted(TextFormat.maxInterval, to: &out) { TextFormat.writeInterval(v, $0) }
        case .uuid:
            guard let src = b.baseAddress, b.count == 16 else { return }
            appendFormatted(40, to: &out) { TextFormat.writeUUID(src.assumingMemoryBound(to: UInt8.self), $0) }
        case .bytea:
            appendFormatted(2 + 2 * b.count, to: &out) { p in
                guard let src = b.baseAddress else { return TextFormat.writeLiteral("\\x", p) }
                return TextFormat.writeByteaHex(src.assumingMemoryBound(to: UInt8.self), b.count, p)
            }
        case .jsonb: out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b.dropFirst()))
        case .inet: _ = InetText.append(b, to: &out)
        case .text, .json, .array: out.append(contentsOf: b)
        }
    }

    /// array_out's quoting: quote empty strings, `NULL` in any case, and anything containing `"`, `\`,
    /// `{`, `}`, `,` or white space; backslash-escape `"` and `\` inside quotes.
    static func appendQuotedIfNeeded(_ text: [UInt8], to out: inout [UInt8]) {
        var needs = text.isEmpty
        if text.count == 4, text.map({ $0 | 0x20 }) == [110, 117, 108, 108] { needs = true } // "null"
        if !needs {
            for c in text {
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ","),
                     UInt8(ascii: " "), 9, 10, 11, 12, 13:
                    needs = true
                default: continue
                }
                break
            }
        }
        guard needs else {
            out.append(contentsOf: text)
            return
        }
        out.append(UInt8(ascii: "\""))
        for c in text {
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(c)
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: JSON

    static func appendJSON(_ raw: UnsafeRawBufferPointer, element: ColumnType, to out: inout [UInt8]) {
        guard let value = try? ArrayValue.parse(raw) else {
            out.append(contentsOf: [110, 117, 108, 108])
            return
        }
        let dims = value.dimensions
        if dims.isEmpty || dims.contains(0) {
            out.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
            return
        }
        var index = 0
        func level(_ d: Int) {
            out.append(UInt8(ascii: "["))
            for k in 0..<dims[d] {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                if d == dims.count - 1 {
                    if let range = value.elements[index] {
                        JSONText.appendValue(UnsafeRawBufferPointer(rebasing: raw[range]), element, to: &out)
                    } else {
                        out.append(contentsOf: [110, 117, 108, 108])
                    }
                    index += 1
                } else {
                    level(d + 1)
                }
            }
            out.append(UInt8(ascii: "]"))
        }
        level(0)
    }
}
