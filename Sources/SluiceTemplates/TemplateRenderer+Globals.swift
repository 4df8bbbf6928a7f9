import SluiceCore

/// Jinja's global functions (`range`, `dict`, `namespace`, `cycler`, `joiner`; `lipsum` is
/// random and refused) and Python's slicing.
extension TemplateRenderer {
    static let globalNames: Set<String> = ["range", "dict", "namespace", "cycler", "joiner", "lipsum"]

    /// The result of calling the global `name`, or nil when there is no global of that name.
    func callGlobal(_ name: String, _ args: TemplateArguments, at: Int) throws -> TemplateValue? {
        switch name {
        case "range", "dict", "namespace", "cycler", "joiner": break
        case "lipsum":
            throw RenderFailure(offset: at, message: "lipsum() gives random text; Sluice does not support it")
        default: return nil
        }
        let (positional, keywords) = try evaluateArguments(args)
        do {
            switch name {
            case "range": return try range(positional, keywords)
            case "dict":
                guard positional.count <= 1 else { throw TemplateError(message: "dict() takes at most 1 positional argument, \(positional.count) were given") }
                var d = TemplateDictionary()
                if let first = positional.first {
                    if case .dict(let given) = first {
                        d = given
                    } else if let pairs = first.sequenceItems {
                        // dict([('a', 1), ...]): each item a key and a value.
                        for pair in pairs {
                            guard let kv = pair.sequenceItems, kv.count == 2 else {
                                throw TemplateError(message: "dict() needs a dict or a list of (key, value) pairs; an item is a '\(pair.typeName)'")
                            }
                            d[kv[0].text] = kv[1]
                        }
                    } else {
                        throw TemplateError(message: "dict() needs a dict or a list of (key, value) pairs, not a '\(first.typeName)'")
                    }
                }
                for (key, value) in keywords { d[key] = value }
                return .dict(d)
            case "namespace": return try makeNamespace(positional, keywords)
            case "cycler":
                guard keywords.isEmpty else { throw TemplateError(message: "cycler() takes no keyword arguments") }
                return Self.cycler(positional)
            default:
                var reader = TemplateArgumentReader(function: "joiner", positional: positional, keywords: keywords)
                let separator = try reader.optionalValue("sep") ?? .string(", ")
                try reader.finish()
                return Self.joiner(separator)
            }
        } catch let error as TemplateError {
            throw RenderFailure(offset: at, message: error.message)
        }
    }

    /// `range(stop)`, `range(start, stop[, step])` as a list, at most `TemplateLimits.listItems` long.
    private func range(_ positional: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> TemplateValue {
        guard keywords.isEmpty else { throw TemplateError(message: "range() takes no keyword arguments") }
        guard (1...3).contains(positional.count) else { throw TemplateError(message: "range() takes 1 to 3 arguments, \(positional.count) were given") }
        let numbers = try positional.map { value -> Int in
            switch value {
            case .int(let i): return i
            case .bool(let b): return b ? 1 : 0
            default: throw TemplateError(message: "'\(value.typeName)' object cannot be interpreted as an integer")
            }
        }
        let (start, stop) = numbers.count == 1 ? (0, numbers[0]) : (numbers[0], numbers[1])
        let step = numbers.count == 3 ? numbers[2] : 1
        guard step != 0 else { throw TemplateError(message: "range() arg 3 must not be zero") }
        // The distance and the count in unsigned arithmetic: from Int.min to Int.max fits there.
        let ascending = step > 0
        let span: UInt = ascending ? (stop > start ? UInt(bitPattern: stop &- start) : 0) : (start > stop ? UInt(bitPattern: start &- stop) : 0)
        let magnitude = step.magnitude
        let count = span / magnitude + (span % magnitude == 0 ? 0 : 1)
        guard count <= UInt(TemplateLimits.listItems) else {
            throw TemplateError(message: "range() would make more than \(TemplateLimits.listItems) items")
        }
        // Every item lies between start and stop, so wrapping arithmetic gives it exactly.
        return .list((0..<Int(count)).map { .int(start &+ $0 &* step) })
    }

    /// Jinja's `namespace(mapping, name=value, ...)`: its attributes are those of `dict(...)` of the arguments.
    private func makeNamespace(_ positional: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> TemplateValue {
        var attributes = TemplateDictionary()
        guard positional.count <= 1 else {
            throw TemplateError(message: "namespace() takes at most 1 positional argument (a dict), \(positional.count) were given")
        }
        if let first = positional.first {
            guard case .dict(let d) = first else {
                throw TemplateError(message: "namespace() needs a dict as its positional argument, not a '\(first.typeName)'")
            }
            attributes = d
        }
        for (name, value) in keywords { attributes[name] = value }
        guard !TemplateValue.dict(attributes).containsNamespace else {
            throw TemplateError(message: "a namespace holding a namespace is not supported")
        }
        return .namespace(TemplateNamespace(attributes))
    }

    /// `cycler(a, b, ...)`: `next()` gives the items in turn, `current` the one `next()` gives next, `reset()` starts over.
    private static func cycler(_ items: [TemplateValue]) -> TemplateValue {
        let cycler = TemplateNamespace(TemplateDictionary())
        let position = TemplateCell(0)
        cycler.set("items", .tuple(items))
        cycler.set("current", items.first ?? .none)
        // The functions hold the namespace weakly: it holds them.
        cycler.set("next", .function(TemplateFunction(name: "cycler.next") { [weak cycler] _, _ in
            guard !items.isEmpty else { throw TemplateError(message: "the cycler has no items") }
            let index = position.withLock { p in
                defer { p = (p + 1) % items.count }
                return p
            }
            cycler?.set("current", items[(index + 1) % items.count])
            return items[index]
        }))
        cycler.set("reset", .function(TemplateFunction(name: "cycler.reset") { [weak cycler] _, _ in
            position.withLock { $0 = 0 }
            cycler?.set("current", items.first ?? .none)
            return .none
        }))
        return .namespace(cycler)
    }

    /// `joiner(sep)`: a function giving '' the first time and `sep` after.
    private static func joiner(_ separator: TemplateValue) -> TemplateValue {
        let used = TemplateCell(false)
        return .function(TemplateFunction(name: "joiner") { _, _ in
            used.withLock { wasUsed in
                defer { wasUsed = true }
                return wasUsed ? separator : .string("")
            }
        })
    }

    /// `value[start:stop:step]` of a string, list or tuple, with Python's rules for negative and
    /// out-of-range bounds.
    func slice(_ value: TemplateValue, _ start: TemplateValue?, _ stop: TemplateValue?, _ step: TemplateValue?, at: Int) throws -> TemplateValue {
        func bound(_ v: TemplateValue?) throws -> Int? {
            switch v {
            case nil, .none?: return nil
            case .int(let i)?: return i
            case .bool(let b)?: return b ? 1 : 0
            case let other?: throw RenderFailure(offset: at, message: "slice indices must be integers or None, not '\(other.typeName)'")
            }
        }
        let stride = try bound(step) ?? 1
        guard stride != 0 else { throw RenderFailure(offset: at, message: "slice step cannot be zero") }
        func indices(count n: Int) throws -> [Int] {
            let (lower, upper) = stride > 0 ? (0, n) : (-1, n - 1)
            func clamp(_ i: Int?, _ fallback: Int) -> Int {
                guard let i else { return fallback }
                return i < 0 ? max(i &+ n, lower) : min(i, upper)
            }
            let from = clamp(try bound(start), stride > 0 ? lower : upper)
            let to = clamp(try bound(stop), stride > 0 ? upper : lower)
            var result: [Int] = []
            var i = from
            while stride > 0 ? i < to : i > to {
                result.append(i)
                let (next, overflow) = i.addingReportingOverflow(stride)
                if overflow { break }
                i = next
            }
            return result
        }
        switch value {
        case .string(let s):
            let scalars = Array(s.unicodeScalars)
            var out = String.UnicodeScalarView()
            for i in try indices(count: scalars.count) { out.append(scalars[i]) }
            return .string(String(out))
        case .list(let items): return .list(try indices(count: items.count).map { items[$0] })
        case .tuple(let items): return .tuple(try indices(count: items.count).map { items[$0] })
        default: throw RenderFailure(offset: at, message: "a '\(value.typeName)' value cannot be sliced")
        }
    }
}
