import SluiceCore

/// Parses JSON text into template values as Python's `json.loads` does: objects keep their keys in
/// the order written (a repeated key keeps its first place and its last value), integers stay integers.
enum TemplateJSON {
    static func parse(_ text: String) throws -> TemplateValue {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.pos == parser.bytes.count else { throw parser.failure("extra data") }
        return value
    }

    /// Python's `json.dumps(value)` with its default settings (`, ` and `: ` separators, `ensure_ascii`),
    /// optionally with `sort_keys` and `indent` (then `,` ends lines). `htmlSafe` also escapes `<`, `>`,
    /// `&` and `'`, as Jinja's `tojson` does. A value JSON has no form for (a datetime) is an error, as in
    /// Python.
    static func dumps(_ value: TemplateValue, sortKeys: Bool = false, indent: String? = nil, htmlSafe: Bool = false) throws -> String {
        var out = ""
        try append(value, Style(sortKeys: sortKeys, indent: indent, htmlSafe: htmlSafe), level: 0, to: &out)
        try TemplateArithmetic.checkLength(out.utf8.count)
        return out
    }

    /// Jinja's `tojson` filter: `json.dumps(value, sort_keys=True, indent=indent)`, HTML-safe.
    static func htmlSafeDumps(_ value: TemplateValue, indent: Int?) throws -> String {
        if let indent, indent > 1000 { throw TemplateError(message: "an indent of \(indent) is more than Sluice writes (at most 1000)") }
        return try dumps(value, sortKeys: true, indent: indent.map { String(repeating: " ", count: Swift.max(0, $0)) }, htmlSafe: true)
    }

    private struct Style {
        var sortKeys: Bool
        var indent: String?
        var htmlSafe: Bool
    }

    private static func append(_ value: TemplateValue, _ style: Style, level: Int, to out: inout String) throws {
        guard level < 200 else { throw TemplateError(message: "the value is nested too deeply for JSON") }
        switch value {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .object(let o as TemplateBigInteger): o.appendText(to: &out)
        case .double(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else { out += TemplateValue.pythonFloat(d) }
        case .string(let s): appendString(s, htmlSafe: style.htmlSafe, to: &out)
        case .list(let items), .tuple(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (index, item) in items.enumerated() {
                separate(index, style, level: level + 1, to: &out)
                try append(item, style, level: level + 1, to: &out)
            }
            close("]", style, level: level, to: &out)
        case .dict(let d):
            guard !d.isEmpty else { out += "{}"; return }
            out += "{"
            let keys = style.sortKeys ? d.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } } : Array(d.keys)
            for (index, key) in keys.enumerated() {
                separate(index, style, level: level + 1, to: &out)
                appendString(key, htmlSafe: style.htmlSafe, to: &out)
                out += ": "
                try append(d[key] ?? .none, style, level: level + 1, to: &out)
            }
            close("}", style, level: level, to: &out)
        default:
            throw TemplateError(message: "Object of type \(value.typeName) is not JSON serializable")
        }
    }

    private static func separate(_ index: Int, _ style: Style, level: Int, to out: inout String) {
        if let indent = style.indent {
            out += (index > 0 ? "," : "") + "\n" + String(repeating: indent, count: level)
        } else if index > 0 {
            out += ", "
        }
    }

    private static func close(_ bracket: String, _ style: Style, level: Int, to out: inout String) {
        if let indent = style.indent { out += "\n" + String(repeating: indent, count: level) }
        out += bracket
    }

    /// A JSON string as Python writes it (`ensure_ascii`): short escapes, `\uXXXX` beyond ASCII, and
    /// with `htmlSafe` also for `<`, `>`, `&` and `'`.
    static func appendString(_ s: String, htmlSafe: Bool = false, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            if let escape = outputEscapes[scalar] {
                out += escape
            } else if htmlSafe, let escape = htmlEscapes[scalar] {
                out += escape
            } else if (0x20...0x7E).contains(scalar.value) {
                out.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 {
                    out += "\\u"
                    let hex = String(unit, radix: 16)
                    out += String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
        }
        out += "\""
    }

    private static let htmlEscapes: [Unicode.Scalar: String] = [
        "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
    ]

    private static let outputEscapes: [Unicode.Scalar: String] = [
        "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{08}": "\\b", "\u{0C}": "\\f",
    ]

    private struct Parser {
        let bytes: [UInt8]
        var pos = 0

        func failure(_ what: String) -> TemplateError {
            TemplateError(message: "not valid JSON (\(what) at character \(pos))")
        }

        mutating func skipSpace() {
            while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
        }

        mutating func literal(_ word: String, _ value: TemplateValue) throws -> TemplateValue {
            let w = Array(word.utf8)
            guard pos + w.count <= bytes.count, Array(bytes[pos..<(pos + w.count)]) == w else { throw failure("unexpected text") }
            pos += w.count
            return value
        }

        mutating func value(depth: Int) throws -> TemplateValue {
            guard depth < 200 else { throw failure("nesting too deep") }
            skipSpace()
            guard pos < bytes.count else { throw failure("unexpected end") }
            switch bytes[pos] {
            case UInt8(ascii: "{"):
                pos += 1
                var d = TemplateDictionary()
                skipSpace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .dict(d) }
                while true {
                    skipSpace()
                    guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                    let key = try string()
                    skipSpace()
                    guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                    pos += 1
                    d[key] = try value(depth: depth + 1)
                    skipSpace()
                    guard pos < bytes.count else { throw failure("unexpected end") }
                    if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                    guard bytes[pos] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
                    pos += 1
                    return .dict(d)
                }
            case UInt8(ascii: "["):
                pos += 1
                var items: [TemplateValue] = []
                skipSpace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .list(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard pos < bytes.count else { throw failure("unexpected end") }
                    if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                    guard bytes[pos] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
                    pos += 1
                    return .list(items)
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .none)
            case UInt8(ascii: "N"): return try literal("NaN", .double(.nan))
            default: return try number()
            }
        }

        mutating func number() throws -> TemplateValue {
            let start = pos
            var isFloat = false
            while pos < bytes.count {
                let b = bytes[pos]
                if (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
                    pos += 1
                } else if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                    isFloat = true
                    pos += 1
                } else {
                    break
                }
            }
            let text = String(decoding: bytes[start..<pos], as: UTF8.self)
            if !isFloat, let i = Int(text) { return .int(i) }
            guard !text.isEmpty, let d = Double(text) else { throw failure("unexpected text") }
            return .double(d)
        }

        mutating func string() throws -> String {
            pos += 1
            var out: [UInt8] = []
            while pos < bytes.count {
                let b = bytes[pos]
                pos += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                if let simple = Self.escapes[e] {
                    out.append(simple)
                    continue
                }
                guard e == UInt8(ascii: "u") else { throw failure("bad escape") }
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), pos + 5 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    let save = pos
                    pos += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        pos = save
                    }
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
            }
            throw failure("unterminated string")
        }

        /// JSON's one-character escapes: `\n`, `\t`, `\"` ...
        static let escapes: [UInt8: UInt8] = [
            UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
            UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "/"): UInt8(ascii: "/"),
        ]

        mutating func hex4() throws -> UInt32 {
            guard pos + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<(pos + 4)], as: UTF8.self), radix: 16) else {
                throw failure("bad \\u escape")
            }
            pos += 4
            return v
        }
    }
}
