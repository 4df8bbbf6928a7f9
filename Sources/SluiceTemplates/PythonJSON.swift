/// Python's `json.dumps(value, sort_keys=True, indent=...)` with Jinja's HTML-safe escaping of
/// `<`, `>`, `&` and `'`, for the `tojson` filter.
enum PythonJSON {
    static func htmlSafeDumps(_ value: TemplateValue, indent: Int?) throws -> String {
        if let indent, indent > 1000 { throw TemplateError(message: "an indent of \(indent) is more than Sluice writes (at most 1000)") }
        var out = ""
        try dump(value, indent: indent.map { String(repeating: " ", count: Swift.max(0, $0)) }, level: 0, to: &out)
        try TemplateArithmetic.checkLength(out.utf8.count)
        return out
    }

    private static func dump(_ value: TemplateValue, indent: String?, level: Int, to out: inout String) throws {
        switch value {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else { out += TemplateValue.pythonFloat(d) }
        case .string(let s): appendString(s, to: &out)
        case .list(let items), .tuple(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (index, item) in items.enumerated() {
                separate(index, indent: indent, level: level + 1, to: &out)
                try dump(item, indent: indent, level: level + 1, to: &out)
            }
            close("]", indent: indent, level: level, to: &out)
        case .dict(let d):
            guard !d.isEmpty else { out += "{}"; return }
            out += "{"
            let keys = d.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
            for (index, key) in keys.enumerated() {
                separate(index, indent: indent, level: level + 1, to: &out)
                appendString(key, to: &out)
                out += ": "
                try dump(d[key] ?? .none, indent: indent, level: level + 1, to: &out)
            }
            close("}", indent: indent, level: level, to: &out)
        default:
            throw TemplateError(message: "Object of type \(value.typeName) is not JSON serializable")
        }
    }

    private static func separate(_ index: Int, indent: String?, level: Int, to out: inout String) {
        if let indent {
            out += (index > 0 ? "," : "") + "\n" + String(repeating: indent, count: level)
        } else if index > 0 {
            out += ", "
        }
    }

    private static func close(_ bracket: String, indent: String?, level: Int, to out: inout String) {
        if let indent { out += "\n" + String(repeating: indent, count: level) }
        out += bracket
    }

    private static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "'": out += "\\u0027"
            default:
                if c.value >= 0x20 && c.value < 0x7F {
                    out.unicodeScalars.append(c)
                } else if c.value > 0xFFFF {
                    let v = c.value - 0x10000
                    out += unit(0xD800 + (v >> 10)) + unit(0xDC00 + (v & 0x3FF))
                } else {
                    out += unit(c.value)
                }
            }
        }
        out += "\""
    }

    private static func unit(_ v: UInt32) -> String {
        let hex = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
