/// JSON encoding pieces shared by the JSON lines writer and JSON array rendering.
enum JSONText {
    typealias Out = UnsafeMutablePointer<UInt8>

    /// The most bytes `writeString` can produce for `n` input bytes.
    @inline(__always)
    static func maxString(_ n: Int) -> Int { 6 * n + 2 }

    /// A JSON string (RFC 8259): `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`,
    /// `\f` or `\u00XX`; everything else, including UTF-8 multibyte sequences, copied as is.
    @inline(__always)
    static func writeString(_ src: UnsafePointer<UInt8>?, _ n: Int, _ p: Out) -> Out {
        p.pointee = UInt8(ascii: "\"")
        var q = p + 1
        guard let src, n > 0 else {
            q.pointee = UInt8(ascii: "\"")
            return q + 1
        }
        var clean = true
        for i in 0..<n {
            let c = src[i]
            if c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { clean = false; break }
        }
        if clean {
            q.update(from: src, count: n)
            q += n
        } else {
            for i in 0..<n {
                let c = src[i]
                if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") {
                    q.pointee = c
                    q += 1
                    continue
                }
                q.pointee = UInt8(ascii: "\\")
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): q[1] = c; q += 2
                case 10: q[1] = UInt8(ascii: "n"); q += 2
                case 13: q[1] = UInt8(ascii: "r"); q += 2
                case 9: q[1] = UInt8(ascii: "t"); q += 2
                case 8: q[1] = UInt8(ascii: "b"); q += 2
                case 12: q[1] = UInt8(ascii: "f"); q += 2
                default:
                    q[1] = UInt8(ascii: "u"); q[2] = 48; q[3] = 48
                    q[4] = TextFormat.hexDigit(c >> 4); q[5] = TextFormat.hexDigit(c & 15)
                    q += 6
                }
            }
        }
        q.pointee = UInt8(ascii: "\"")
        return q + 1
    }

    /// Copies JSON text without the white space between tokens, so a `json` value that PostgreSQL keeps
    /// verbatim (with newlines) still fits on one line.
    @inline(__always)
    static func writeMinified(_ src: UnsafePointer<UInt8>?, _ n: Int, _ p: Out) -> Out {
        guard let src else { return p }
        var q = p
        var inString = false
        var escaped = false
        for i in 0..<n {
            let c = src[i]
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if c == UInt8(ascii: " ") || c == 9 || c == 10 || c == 13 {
                continue
            } else if c == UInt8(ascii: "\"") {
                inString = true
            }
            q.pointee = c
            q += 1
        }
        return q
    }

    /// True when a numeric's decimal text is NaN or ±Infinity (no JSON number for those).
    @inline(__always)
    static func isSpecialNumeric(_ src: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
        guard let src, n > 0 else { return true }
        let c = src[0] == UInt8(ascii: "-") && n > 1 ? src[1] : src[0]
        return c == UInt8(ascii: "N") || c == UInt8(ascii: "I")
    }

    static let null: StaticString = "null"

    /// One array element as a JSON value (see `JSONLinesWriter` for the mapping).
    static func appendValue(_ b: UnsafeRawBufferPointer, _ type: ColumnType, to out: inout [UInt8]) {
        let src = b.baseAddress?.assumingMemoryBound(to: UInt8.self)
        switch type {
        case .float32:
            let v = Double(Float(bitPattern: b.readUInt32(at: 0)))
            if v.isFinite {
                ArrayText.appendElementText(b, type, to: &out)
            } else {
                out.append(contentsOf: [110, 117, 108, 108])
            }
        case .float64:
            let v = Double(bitPattern: UInt64(bitPattern: b.readInt64(at: 0)))
            if v.isFinite {
                ArrayText.appendElementText(b, type, to: &out)
            } else {
                out.append(contentsOf: [110, 117, 108, 108])
            }
        case .int16, .int32, .int64, .oid:
            ArrayText.appendElementText(b, type, to: &out)
        case .numeric:
            var text: [UInt8] = []
            _ = NumericText.append(b, to: &text)
            let special = text.withUnsafeBufferPointer { isSpecialNumeric($0.baseAddress, $0.count) }
            if special { out.append(contentsOf: [110, 117, 108, 108]) } else { out.append(contentsOf: text) }
        case .bool:
            if b[0] != 0 { out.append(contentsOf: Array("true".utf8)) } else { out.append(contentsOf: Array("false".utf8)) }
        case .date:
            appendQuoted(to: &out, TextFormat.maxTimestamp) { TextFormat.writeISODate(b.readInt32(at: 0), $0) }
        case .timestamp:
            appendQuoted(to: &out, TextFormat.maxTimestamp) { TextFormat.writeISOTimestamp(b.readInt64(at: 0), withZone: false, $0) }
        case .timestampTZ:
            appendQuoted(to: &out, TextFormat.maxTimestamp) { TextFormat.writeISOTimestamp(b.readInt64(at: 0), withZone: true, $0) }
        case .interval, .uuid, .inet:
            appendQuoted(to: &out, TextFormat.maxInterval) { p in
                var text: [UInt8] = []
                ArrayText.appendElementText(b, type, to: &text)
                return text.withUnsafeBufferPointer { t in
                    guard let base = t.baseAddress else { return p }
                    p.update(from: base, count: t.count)
                    return p + t.count
                }
            }
        case .bytea:
            ArrayText.appendFormatted(4 * (b.count / 3 + 1) + 2, to: &out) { p in
                p.pointee = UInt8(ascii: "\"")
                var q = p + 1
                if let src { q = TextFormat.writeBase64(src, b.count, q) }
                q.pointee = UInt8(ascii: "\"")
                return q + 1
            }
        case .json:
            ArrayText.appendFormatted(max(b.count, 1), to: &out) { writeMinified(src, b.count, $0) }
        case .jsonb:
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b.dropFirst()))
        case .text:
            ArrayText.appendFormatted(maxString(b.count), to: &out) { writeString(src, b.count, $0) }
        case .array:
            out.append(contentsOf: [110, 117, 108, 108])
        }
    }

    private static func appendQuoted(to out: inout [UInt8], _ max: Int, _ body: (Out) -> Out) {
        ArrayText.appendFormatted(max + 2, to: &out) { p in
            p.pointee = UInt8(ascii: "\"")
            let q = body(p + 1)
            q.pointee = UInt8(ascii: "\"")
            return q + 1
        }
    }
}
