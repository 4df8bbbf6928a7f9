/// Python's ordering and hashing of template values, for `sort`, `min`, `max`, `unique`, `groupby`
/// and `dictsort`: numbers by value, strings by code point, lists and tuples item by item; values of
/// kinds Python cannot order raise as Python does (`'<' not supported between instances of ...`).
enum PythonOrder {
    /// -1, 0 or 1 as Python's `<` and `==` order `a` and `b`.
    static func compare(_ a: TemplateValue, _ b: TemplateValue) throws -> Int {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case let (.int(x), .int(y)): return sign(x, y)
        case let (.string(x), .string(y)):
            if x == y { return 0 }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) { $0.value < $1.value } ? -1 : 1
        case let (.list(x), .list(y)), let (.tuple(x), .tuple(y)):
            for (l, r) in zip(x, y) where l != r {
                return try compare(l, r)
            }
            return sign(x.count, y.count)
        case let (.datetime(x), .datetime(y)) where x.isNaive == y.isNaive: return sign(x.microseconds, y.microseconds)
        case let (.date(x), .date(y)): return sign(x, y)
        case let (.timedelta(x), .timedelta(y)): return sign(x, y)
        default:
            if case .object(is TemplateBigInteger) = a, let x = TemplateBigInteger.integer(a), let y = TemplateBigInteger.integer(b) { return sign(x, y) }
            if case .object(is TemplateBigInteger) = b, let x = TemplateBigInteger.integer(a), let y = TemplateBigInteger.integer(b) { return sign(x, y) }
            if let x = number(a), let y = number(b) { return sign(x, y) }
            throw TemplateError(message: "'<' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    /// A bool, int or float as Python's numbers compare and compute: nil for anything else.
    static func number(_ v: TemplateValue) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .object(let o as TemplateBigInteger): return o.double
        default: return nil
        }
    }

    /// Sorts stably by `key`, as Python's `sorted(items, key=key, reverse=reverse)` does (equal keys
    /// keep their order, also when reversed).
    static func sorted(_ items: [TemplateValue], reverse: Bool, key: (TemplateValue) throws -> TemplateValue) throws -> [TemplateValue] {
        let keys = try items.map(key)
        let order = try items.indices.sorted { i, j in
            let c = try compare(keys[i], keys[j])
            if c == 0 { return i < j }
            return reverse ? c > 0 : c < 0
        }
        return order.map { items[$0] }
    }

    /// `key.lower()` when the key is a string: Jinja's `ignore_case`.
    static func ignoringCase(_ v: TemplateValue) -> TemplateValue {
        if case .string(let s) = v { return .string(s.lowercased()) }
        return v
    }

    /// A text that is equal for values Python's `hash` and `==` treat as one key (`1`, `1.0`, `True`);
    /// an error for unhashable values (lists, dicts).
    static func hashKey(_ v: TemplateValue) throws -> String {
        switch v {
        case .none: return "N"
        case .bool(let b): return b ? "n1" : "n0"
        case .int(let i): return "n\(i)"
        case .object(let o as TemplateBigInteger): return "n\(o.value)"
        case .double(let d):
            if let i = Int(exactly: d) { return "n\(i)" }
            return "f\(d)"
        case .string(let s): return "s" + s
        case .tuple(let items): return "t(" + (try items.map(hashKey).map { "\($0.utf8.count):\($0)" }.joined()) + ")"
        case .list, .dict, .namespace: throw TemplateError(message: "unhashable type: '\(v.typeName)'")
        default:
            var out = v.typeName + ":"
            v.appendRepr(to: &out)
            return out
        }
    }
}
