import Synchronization

/// Jinja's global functions `dict()`, `cycler()` and `joiner()` (`range`, `namespace` and `lipsum` are
/// elsewhere or not supported). A name the context defines wins over them, as in Jinja.
enum TemplateGlobals {
    static let names: Set<String> = ["dict", "cycler", "joiner"]

    static func call(_ name: String, _ positional: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> TemplateValue {
        switch name {
        case "dict": return try dict(positional, keywords)
        case "cycler": return cycler(positional, keywords)
        default: return try joiner(positional, keywords)
        }
    }

    /// `dict(mapping_or_pairs, **keywords)`.
    private static func dict(_ positional: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> TemplateValue {
        guard positional.count <= 1 else { throw TemplateError(message: "dict expected at most 1 argument, got \(positional.count)") }
        var d = TemplateDictionary()
        switch positional.first {
        case nil: break
        case .dict(let source)?: d = source
        case .list(let pairs)?, .tuple(let pairs)?:
            for (index, pair) in pairs.enumerated() {
                guard let items = pair.sequenceItems, items.count == 2 else {
                    throw TemplateError(message: "dictionary update sequence element #\(index) is not a pair")
                }
                d[items[0].text] = items[1]
            }
        case let other?: throw TemplateError(message: "'\(other.typeName)' object is not iterable as key/value pairs")
        }
        for (k, v) in keywords { d[k] = v }
        return .dict(d)
    }

    /// `cycler(*items)`: a namespace whose `next()` gives the items in turn, `current` the next one,
    /// `reset()` starts over.
    private static func cycler(_ items: [TemplateValue], _ keywords: [(String, TemplateValue)]) -> TemplateValue {
        var attributes = TemplateDictionary()
        attributes["items"] = .tuple(items)
        attributes["current"] = items.first ?? TemplateValue.none
        let namespace = TemplateNamespace(attributes)
        let position = Counter()
        namespace.set("next", .function(TemplateFunction(name: "cycler.next") { [weak namespace] _, _ in
            guard !items.isEmpty else { throw TemplateError(message: "the cycler has no items") }
            let index = position.advance(modulo: items.count)
            namespace?.set("current", items[(index + 1) % items.count])
            return items[index]
        }))
        namespace.set("reset", .function(TemplateFunction(name: "cycler.reset") { [weak namespace] _, _ in
            position.reset()
            namespace?.set("current", items.first ?? .none)
            return .none
        }))
        return .namespace(namespace)
    }

    /// `joiner(sep=', ')`: a function giving '' the first time, then the separator.
    private static func joiner(_ positional: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> TemplateValue {
        var a = TemplateArgumentReader(function: "joiner", positional: positional, keywords: keywords)
        let separator = try a.optionalValue("sep")?.text ?? ", "
        try a.finish()
        let calls = Counter()
        return .function(TemplateFunction(name: "joiner") { _, _ in
            calls.advance(modulo: Int.max) == 0 ? .string("") : .string(separator)
        })
    }

    /// A position shared by the calls of one cycler or joiner.
    private final class Counter: Sendable {
        private let value = Mutex(0)

        /// The current position; moves to the next.
        func advance(modulo n: Int) -> Int {
            value.withLock { v in
                let current = v
                v = current == Int.max ? current : (current + 1) % n
                return current
            }
        }

        func reset() { value.withLock { $0 = 0 } }
    }
}
