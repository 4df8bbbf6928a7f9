extension TemplateValue {
    /// The text Python's `str()` gives, which is what `{{ value }}` renders:
    /// `None`, `True`, `1.5`, `['a', 1]`, `('a', 1)`, `(1,)`, `{'k': 'v'}`, `2021-01-15 00:00:00+00:00`, `1 day, 0:00:00`.
    public var text: String {
        if case .string(let s) = self { return s }
        var out = ""
        appendText(to: &out)
        return out
    }

    /// Appends `str(self)` to `out`.
    func appendText(to out: inout String) {
        switch self {
        case .none: out += "None"
        case .bool(let b): out += b ? "True" : "False"
        case .int(let i): out += String(i)
        case .double(let d): out += Self.pythonFloat(d)
        case .string(let s): out += s
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.appendRepr(to: &out)
            }
            out += "]"
        case .tuple(let items):
            out += "("
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.appendRepr(to: &out)
            }
            out += items.count == 1 ? ",)" : ")"
        case .dict(let d):
            out += "{"
            for (index, key) in d.keys.enumerated() {
                if index > 0 { out += ", " }
                TemplateValue.string(key).appendRepr(to: &out)
                out += ": "
                (d[key] ?? .none).appendRepr(to: &out)
            }
            out += "}"
        case .datetime(let dt): dt.appendISO(separator: " ", to: &out)
        case .date(let d): d.midnight.appendDate(separator: "-", to: &out)
        case .timedelta(let t): out += t.description
        case .timezone(let z): out += z.name
        case .function(let f):
            if let o = f.object { o.appendText(to: &out) } else { out += "<function \(f.name)>" }
        case .object(let o): o.appendText(to: &out)
        case .namespace(let n):
            out += "<Namespace "
            TemplateValue.dict(n.attributes).appendText(to: &out)
            out += ">"
        }
    }

    /// Appends Python's `repr(self)`, used for items inside lists and dicts.
    func appendRepr(to out: inout String) {
        guard case .string(let s) = self else {
            appendText(to: &out)
            return
        }
        PythonRepr.appendString(s, to: &out)
    }

    /// Python's `repr(float)`: shortest round-trip digits, `1.0`, `1e-05`, `inf`, `nan`.
    static func pythonFloat(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return d.description
    }
}
