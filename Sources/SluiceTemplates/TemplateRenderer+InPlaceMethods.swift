import SluiceCore

/// The list and dict methods that change their value in place (`x.append(1)`, `d.update(...)`), which
/// Airflow's `SandboxedEnvironment` allows. Sluice's values are not shared references, so these run
/// only where the change can be written back: a call on a plain name, in `{{ x.append(1) }}` or
/// `{% set _ = x.append(1) %}`, or on a literal no one else sees (`[3, 1].sort()`). The name's binding is updated where it lives (an outer scope for a
/// list built before a loop), so the change is seen after the loop as in Jinja. Elsewhere they stay
/// errors saying so. (Another name bound to the same list does not see the change.)
extension TemplateRenderer {
    /// The result of `expr` when it is such a call, after changing the value its name holds; nil
    /// when `expr` is anything else.
    mutating func evaluateInPlaceCall(_ expr: TemplateExpression) throws -> TemplateValue? {
        guard case .method(let receiver, let method, let args, let at) = expr else { return nil }
        switch receiver {
        case .list, .dict, .literal:
            // A value no name holds (`[3, 1].sort()`): the change is seen by no one, the result is Python's.
            var value = try evaluate(receiver)
            guard PythonMethods.isInPlace(method.text, of: value) else { return nil }
            return try runInPlace(method, on: &value, args, at: at)
        default: break
        }
        guard case .name(let name, _) = receiver, let current = lookup(name) else { return nil }
        guard PythonMethods.isInPlace(method.text, of: current) else { return nil }
        var value = current
        let result = try runInPlace(method, on: &value, args, at: at)
        var i = scopes.count
        while i > 0 {
            i -= 1
            if scopes[i][name.text] != nil {
                scopes[i][name.text] = value
                return result
            }
        }
        // A context variable: the template's outermost scope shadows it from now on.
        if scopes.isEmpty { scopes.append([:]) }
        scopes[0][name.text] = value
        return result
    }
}

extension TemplateRenderer {
    private func runInPlace(_ method: TemplateIdentifier, on value: inout TemplateValue, _ args: TemplateArguments, at: Int) throws -> TemplateValue {
        let (positional, keywords) = try evaluateArguments(args)
        var a = TemplateArgumentReader(function: method.text, positional: positional, keywords: keywords)
        do {
            let result = try PythonMethods.mutate(method.text, &value, &a)
            try a.finish()
            if case .list(let items) = value { try TemplateArithmetic.checkItems(items.count) }
            try TemplateArithmetic.checkNesting([value])
            return result
        } catch let error as TemplateError {
            throw RenderFailure(offset: at, message: error.message)
        }
    }
}

extension PythonMethods {
    /// Whether `name` is a method changing `value` in place (and not a dict key holding a function).
    static func isInPlace(_ name: String, of value: TemplateValue) -> Bool {
        switch value {
        case .list: return listMutatingMethods.contains(name)
        case .dict(let d): return dictMutatingMethods.contains(name) && d[name] == nil
        default: return false
        }
    }

    /// Runs an in-place method on `value` and gives what Python's method returns.
    static func mutate(_ name: String, _ value: inout TemplateValue, _ a: inout TemplateArgumentReader) throws -> TemplateValue {
        switch value {
        case .list(var items):
            let result = try mutateList(name, &items, &a)
            value = .list(items)
            return result
        case .dict(var d):
            let result = try mutateDict(name, &d, &a)
            value = .dict(d)
            return result
        default:
            throw TemplateError(message: "'\(value.typeName)' object has no attribute '\(UserText.quote(name))'")
        }
    }

    private static func mutateList(_ name: String, _ items: inout [TemplateValue], _ a: inout TemplateArgumentReader) throws -> TemplateValue {
        func index(_ i: Int, insert: Bool) -> Int? {
            let n = items.count
            let j = i < 0 ? i + n : i
            if insert { return Swift.min(Swift.max(j, 0), n) }
            return (0..<n).contains(j) ? j : nil
        }
        switch name {
        case "append": items.append(try a.value("object"))
        case "extend":
            let other = try a.value("iterable")
            switch other {
            case .list(let more), .tuple(let more): items += more
            case .dict(let d): items += d.keys.map { .string($0) }
            case .string(let s): items += s.unicodeScalars.map { .string(String(Character($0))) }
            default: throw TemplateError(message: "'\(other.typeName)' object is not iterable")
            }
        case "insert":
            let i = try a.int("index")
            let x = try a.value("object")
            items.insert(x, at: index(i, insert: true) ?? items.count)
        case "pop":
            guard !items.isEmpty else { throw TemplateError(message: "pop from empty list") }
            guard let j = index(try a.optionalInt("index") ?? -1, insert: false) else { throw TemplateError(message: "pop index out of range") }
            return items.remove(at: j)
        case "remove":
            let x = try a.value("value")
            guard let j = items.firstIndex(of: x) else { throw TemplateError(message: "list.remove(x): x not in list") }
            items.remove(at: j)
        case "reverse": items.reverse()
        case "sort":
            if try a.optionalValue("key") != nil { throw TemplateError(message: "list.sort(key=...) needs a Python function; use the sort filter (attribute=...)") }
            items = try PythonOrder.sorted(items, reverse: try a.optionalBool("reverse") ?? false) { $0 }
        case "clear": items = []
        default: throw TemplateError(message: "'list' object has no attribute '\(UserText.quote(name))'")
        }
        return .none
    }

    private static func mutateDict(_ name: String, _ d: inout TemplateDictionary, _ a: inout TemplateArgumentReader) throws -> TemplateValue {
        func key(_ v: TemplateValue) throws -> String {
            switch v {
            case .string(let s): return s
            case .int, .bool, .double: return v.text
            default: throw TemplateError(message: "a dictionary key must be a string or a number, not a '\(v.typeName)'")
            }
        }
        switch name {
        case "update":
            let (positional, keywords) = a.remaining()
            guard positional.count <= 1 else { throw TemplateError(message: "update expected at most 1 argument, got \(positional.count)") }
            if let other = positional.first {
                switch other {
                case .dict(let o): for k in o.keys { d[k] = o[k] }
                case .list(let pairs), .tuple(let pairs):
                    for pair in pairs {
                        guard let p = pair.sequenceItems, p.count == 2 else { throw TemplateError(message: "dictionary update sequence element is not a pair") }
                        d[try key(p[0])] = p[1]
                    }
                default: throw TemplateError(message: "'\(other.typeName)' object is not iterable as key/value pairs")
                }
            }
            for (k, v) in keywords { d[k] = v }
        case "pop":
            let k = try key(try a.value("key"))
            let fallback = try a.optionalValue("default")
            if let v = d[k] {
                d[k] = nil
                return v
            }
            guard let fallback else { throw TemplateError(message: "no key '\(UserText.quote(k))' to pop") }
            return fallback
        case "popitem":
            guard let last = d.keys.last, let v = d[last] else { throw TemplateError(message: "popitem(): dictionary is empty") }
            d[last] = nil
            return .tuple([.string(last), v])
        case "setdefault":
            let k = try key(try a.value("key"))
            let fallback = try a.optionalValue("default") ?? .none
            if let v = d[k] { return v }
            d[k] = fallback
            return fallback
        case "clear": d = TemplateDictionary()
        default: throw TemplateError(message: "'dict' object has no attribute '\(UserText.quote(name))'")
        }
        return .none
    }
}
