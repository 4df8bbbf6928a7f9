import SluiceCore

/// Jinja's filters over sequences: sorting, grouping, slicing, aggregating, and the filters that
/// apply another filter or test by name (`map`, `select`, `reject`, `selectattr`, `rejectattr`).
/// Jinja returns generators for some of them; Sluice returns lists, which `list`, `join`, loops and
/// other filters read the same way.
extension TemplateRenderer {
    func sequenceFilter(_ filter: TemplateFilter, _ value: TemplateValue, _ a: inout TemplateArgumentReader) throws -> TemplateValue {
        switch filter {
        case .batch:
            let size = try a.int("linecount")
            let fill = try a.optionalValue("fill_with")
            var rows: [TemplateValue] = []
            var row: [TemplateValue] = []
            for item in try items(of: value) {
                if row.count == size { rows.append(.list(row)); row = [] }
                row.append(item)
            }
            if !row.isEmpty {
                if let fill, fill != .none, row.count < size {
                    try TemplateArithmetic.checkItems(size)
                    row += Array(repeating: fill, count: size - row.count)
                }
                rows.append(.list(row))
            }
            return .list(rows)
        case .slice:
            let slices = try a.int("slices")
            let fill = try a.optionalValue("fill_with")
            guard slices > 0 else { throw TemplateError(message: "slice() needs a positive number of slices") }
            let all = try items(of: value)
            try TemplateArithmetic.checkItems(slices)
            let perSlice = all.count / slices, withExtra = all.count % slices
            var offset = 0
            var out: [TemplateValue] = []
            for number in 0..<slices {
                let start = offset + number * perSlice
                if number < withExtra { offset += 1 }
                let end = offset + (number + 1) * perSlice
                var part = Array(all[start..<end])
                if let fill, fill != .none, number >= withExtra { part.append(fill) }
                out.append(.list(part))
            }
            return .list(out)
        case .dictsort:
            guard case .dict(let d) = value else { throw TemplateError(message: "dictsort needs a dict, not a '\(value.typeName)'") }
            let caseSensitive = try a.optionalBool("case_sensitive") ?? false
            let by = try a.optionalString("by") ?? "key"
            let reverse = try a.optionalBool("reverse") ?? false
            guard by == "key" || by == "value" else { throw TemplateError(message: "You can only sort by either \"key\" or \"value\"") }
            let pairs: [TemplateValue] = d.keys.map { .tuple([.string($0), d[$0] ?? .none]) }
            return .list(try PythonOrder.sorted(pairs, reverse: reverse) { pair in
                guard case .tuple(let p) = pair else { return pair }
                let v = p[by == "key" ? 0 : 1]
                return caseSensitive ? v : PythonOrder.ignoringCase(v)
            })
        case .items:
            guard case .dict(let d) = value else { throw TemplateError(message: "Can only get item pairs from a mapping.") }
            return .list(d.keys.map { .tuple([.string($0), d[$0] ?? .none]) })
        case .reverse:
            if case .string(let s) = value { return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed()))) }
            return .list(try items(of: value).reversed())
        case .sort:
            let reverse = try a.optionalBool("reverse") ?? false
            let caseSensitive = try a.optionalBool("case_sensitive") ?? false
            let attribute = try a.optionalValue("attribute")
            let getter = try multiAttributeGetter(attribute, caseSensitive: caseSensitive)
            return .list(try PythonOrder.sorted(try items(of: value), reverse: reverse, key: getter))
        case .unique:
            let caseSensitive = try a.optionalBool("case_sensitive") ?? false
            let attribute = try a.optionalValue("attribute")
            var seen = Set<String>()
            var out: [TemplateValue] = []
            for item in try items(of: value) {
                var key = try attribute.map { try lookUp($0, in: item) } ?? item
                if !caseSensitive { key = PythonOrder.ignoringCase(key) }
                if seen.insert(try PythonOrder.hashKey(key)).inserted { out.append(item) }
            }
            return .list(out)
        case .min, .max:
            let caseSensitive = try a.optionalBool("case_sensitive") ?? false
            let attribute = try a.optionalValue("attribute")
            let all = try items(of: value)
            guard var best = all.first else {
                throw UndefinedFilterResult(message: "No aggregated item, sequence was empty.")
            }
            func key(_ item: TemplateValue) throws -> TemplateValue {
                let k = try attribute.map { try lookUp($0, in: item) } ?? item
                return caseSensitive ? k : PythonOrder.ignoringCase(k)
            }
            var bestKey = try key(best)
            for item in all.dropFirst() {
                let k = try key(item)
                let c = try PythonOrder.compare(k, bestKey)
                if filter == .min ? c < 0 : c > 0 { best = item; bestKey = k }
            }
            return best
        case .sum:
            let attribute = try a.optionalValue("attribute")
            var total = try a.optionalValue("start") ?? .int(0)
            if case .string = total { throw TemplateError(message: "sum() can't sum strings [use ''.join(seq) instead]") }
            for item in try items(of: value) {
                let term = try attribute.map { try lookUp($0, in: item) } ?? item
                total = try add(total, term)
            }
            return total
        case .map:
            let (positional, keywords) = a.takeAll()
            guard value.isTruthy else { return .list([]) }
            let all = try items(of: value)
            if positional.isEmpty, let attributeIndex = keywords.firstIndex(where: { $0.0 == "attribute" }) {
                let attribute = keywords[attributeIndex].1
                var fallback: TemplateValue?
                for (name, v) in keywords where name != "attribute" {
                    guard name == "default" else { throw TemplateError(message: "Unexpected keyword argument '\(UserText.quote(name))'") }
                    fallback = v == .none ? nil : v
                }
                return .list(try all.map { item in
                    if let fallback { return try lookUpIfPresent(attribute, in: item) ?? fallback }
                    return try lookUp(attribute, in: item)
                })
            }
            guard let name = positional.first else { throw TemplateError(message: "map requires a filter argument") }
            let args = Array(positional.dropFirst())
            return .list(try all.map { try apply(filterNamed: name, to: $0, args, keywords) })
        case .select, .reject, .selectattr, .rejectattr:
            let (positional, keywords) = a.takeAll()
            guard value.isTruthy else { return .list([]) }
            let byAttribute = filter == .selectattr || filter == .rejectattr
            let keep = filter == .select || filter == .selectattr
            var rest = positional[...]
            var attribute: TemplateValue?
            if byAttribute {
                guard let first = rest.popFirst() else { throw TemplateError(message: "Missing parameter for attribute name") }
                attribute = first
            }
            let testName = rest.popFirst()
            let args = Array(rest)
            var out: [TemplateValue] = []
            for item in try items(of: value) {
                var subject = item
                if let attribute {
                    guard let found = try lookUpIfPresent(attribute, in: item) else {
                        // An undefined attribute: only `defined` and `undefined` may test it (StrictUndefined).
                        guard case .string(let name)? = testName, name == "defined" || name == "undefined" else { _ = try lookUp(attribute, in: item); continue }
                        if (name == "undefined") == keep { out.append(item) }
                        continue
                    }
                    subject = found
                }
                let passed = try testName.map { try check(testNamed: $0, subject, args, keywords) } ?? subject.isTruthy
                if passed == keep { out.append(item) }
            }
            return .list(out)
        case .groupby:
            let attribute = try a.value("attribute")
            let fallback = try a.optionalValue("default")
            let caseSensitive = try a.optionalBool("case_sensitive") ?? false
            func key(_ item: TemplateValue) throws -> TemplateValue {
                let k: TemplateValue
                if let fallback, fallback != .none {
                    k = try lookUpIfPresent(attribute, in: item) ?? fallback
                } else {
                    k = try lookUp(attribute, in: item)
                }
                return k
            }
            let sorted = try PythonOrder.sorted(try items(of: value), reverse: false) {
                let k = try key($0)
                return caseSensitive ? k : PythonOrder.ignoringCase(k)
            }
            var groups: [TemplateValue] = []
            var current: [TemplateValue] = []
            var currentKey: TemplateValue?
            func close() throws {
                guard let first = current.first else { return }
                groups.append(.tuple([try key(first), .list(current)]))
            }
            for item in sorted {
                var k = try key(item)
                if !caseSensitive { k = PythonOrder.ignoringCase(k) }
                if let currentKey, currentKey == k {
                    current.append(item)
                } else {
                    try close()
                    current = [item]
                    currentKey = k
                }
            }
            try close()
            return .list(groups)
        default:
            throw TemplateError(message: "'\(filter.rawValue)' is not a sequence filter")
        }
    }

    /// Python's `a + b` for `sum`.
    private func add(_ a: TemplateValue, _ b: TemplateValue) throws -> TemplateValue {
        do {
            return try binary(.add, a, b, at: 0)
        } catch let failure as RenderFailure {
            throw TemplateError(message: failure.message)
        }
    }

    /// Jinja's `make_multi_attrgetter`: no attribute gives the item, `'a,b'` gives a list of both.
    private func multiAttributeGetter(_ attribute: TemplateValue?, caseSensitive: Bool) throws -> (TemplateValue) throws -> TemplateValue {
        func post(_ v: TemplateValue) -> TemplateValue { caseSensitive ? v : PythonOrder.ignoringCase(v) }
        guard let attribute, attribute != .none else { return { item in post(item) } }
        guard case .string(let text) = attribute, text.contains(",") else {
            return { post(try self.lookUp(attribute, in: $0)) }
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { TemplateValue.string(String($0)) }
        return { item in .list(try parts.map { post(try self.lookUp($0, in: item)) }) }
    }

    /// Jinja's `make_attrgetter`: `'a.b.0'` looks up `a`, then `b`, then index 0, each as an item
    /// first and an attribute second. An error when a step is missing (StrictUndefined).
    func lookUp(_ attribute: TemplateValue, in item: TemplateValue) throws -> TemplateValue {
        guard let v = try lookUpIfPresent(attribute, in: item) else {
            throw TemplateError(message: "a '\(item.typeName)' item has no attribute \(attribute.reprText)")
        }
        return v
    }

    func lookUpIfPresent(_ attribute: TemplateValue, in item: TemplateValue) throws -> TemplateValue? {
        let parts: [TemplateValue]
        switch attribute {
        case .none: return item
        case .string(let s):
            parts = s.split(separator: ".", omittingEmptySubsequences: false).map { part in
                if !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let i = Int(part) { return .int(i) }
                return .string(String(part))
            }
        default: parts = [attribute]
        }
        var current = item
        for part in parts {
            guard let next = try getItem(part, of: current) else { return nil }
            current = next
        }
        return current
    }

    /// The sandbox's `getitem`: `obj[key]`, else the attribute named `key`.
    private func getItem(_ key: TemplateValue, of object: TemplateValue) throws -> TemplateValue? {
        switch (object, key) {
        case let (.dict(d), .string(k)): return d[k] ?? attributeValue(k, of: object)
        case let (.dict(d), .int(i)): return d[String(i)]
        case let (.list(items), .int(i)), let (.tuple(items), .int(i)):
            let index = i < 0 ? items.count + i : i
            return items.indices.contains(index) ? items[index] : nil
        case let (.string(s), .int(i)):
            let chars = Array(s.unicodeScalars)
            let index = i < 0 ? chars.count + i : i
            return chars.indices.contains(index) ? .string(String(Character(chars[index]))) : nil
        case let (_, .string(k)): return attributeValue(k, of: object)
        default: return nil
        }
    }

    /// An attribute (`getattr`) of a value, including its methods as callables; nil when it has none.
    func attributeValue(_ name: String, of object: TemplateValue) -> TemplateValue? {
        if case .dict = object {} else if let v = try? attribute(TemplateIdentifier(name), of: object, at: 0) { return v }
        return PythonMethods.bound(name, of: object)
    }
}

extension TemplateValue {
    /// Python's `repr()` as a string.
    var reprText: String {
        var out = ""
        appendRepr(to: &out)
        return out
    }
}
