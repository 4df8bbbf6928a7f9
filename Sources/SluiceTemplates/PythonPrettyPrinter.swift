/// Python's `pprint.pformat(value)` (width 80, dict keys sorted), for Jinja's `pprint` filter: the
/// `repr`, or when it is too wide, one item per line. Long strings are not split into parts as
/// Python does.
enum PythonPrettyPrinter {
    private static let width = 80

    static func format(_ value: TemplateValue) -> String {
        var out = ""
        write(value, indent: 0, allowance: 0, to: &out)
        return out
    }

    /// `repr` with dict keys sorted, as `pprint` prints.
    private static func repr(_ value: TemplateValue) -> String {
        var out = ""
        appendRepr(value, to: &out)
        return out
    }

    private static func appendRepr(_ value: TemplateValue, to out: inout String) {
        switch value {
        case .list(let items), .tuple(let items):
            let isTuple: Bool
            if case .tuple = value { isTuple = true } else { isTuple = false }
            out += isTuple ? "(" : "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                appendRepr(item, to: &out)
            }
            out += isTuple ? (items.count == 1 ? ",)" : ")") : "]"
        case .dict(let d):
            out += "{"
            for (index, key) in sortedKeys(d).enumerated() {
                if index > 0 { out += ", " }
                PythonRepr.appendString(key, to: &out)
                out += ": "
                appendRepr(d[key] ?? .none, to: &out)
            }
            out += "}"
        default:
            value.appendRepr(to: &out)
        }
    }

    private static func sortedKeys(_ d: TemplateDictionary) -> [String] {
        d.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
    }

    private static func write(_ value: TemplateValue, indent: Int, allowance: Int, to out: inout String) {
        let rep = repr(value)
        guard rep.unicodeScalars.count > width - indent - allowance else {
            out += rep
            return
        }
        switch value {
        case .dict(let d) where !d.isEmpty:
            out += "{"
            let keys = sortedKeys(d)
            let inner = indent + 1
            for (index, key) in keys.enumerated() {
                let last = index == keys.count - 1
                var keyRepr = ""
                PythonRepr.appendString(key, to: &keyRepr)
                out += keyRepr + ": "
                write(d[key] ?? .none, indent: inner + keyRepr.unicodeScalars.count + 2, allowance: last ? allowance + 1 : 1, to: &out)
                if !last { out += ",\n" + String(repeating: " ", count: inner) }
            }
            out += "}"
        case .list(let items) where !items.isEmpty:
            out += "["
            writeItems(items, indent: indent, allowance: allowance + 1, to: &out)
            out += "]"
        case .tuple(let items) where !items.isEmpty:
            let end = items.count == 1 ? ",)" : ")"
            out += "("
            writeItems(items, indent: indent, allowance: allowance + end.count, to: &out)
            out += end
        default:
            out += rep
        }
    }

    private static func writeItems(_ items: [TemplateValue], indent: Int, allowance: Int, to out: inout String) {
        let inner = indent + 1
        for (index, item) in items.enumerated() {
            let last = index == items.count - 1
            if index > 0 { out += ",\n" + String(repeating: " ", count: inner) }
            write(item, indent: inner, allowance: last ? allowance : 1, to: &out)
        }
    }
}
