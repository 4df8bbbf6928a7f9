import SluiceCore

/// The methods that change a list or dict in place (`xs.append(1)`, `d.update(...)`), which Jinja's
/// sandbox allows. Template values are copies, so Sluice runs them where it can store the result
/// back: as the whole expression of a `{% do %}`, `{% set %}` or `{{ }}`, on a list or dict bound to
/// a name, held by a namespace attribute, or an item of one of those.
extension TemplateRenderer {
    static let inPlaceMethods: Set<String> = ["append", "extend", "insert", "pop", "remove", "clear", "reverse", "sort", "update", "setdefault", "popitem"]

    /// Evaluates the expression of a `do`, `set` or output statement, running an in-place method for real.
    mutating func evaluateStatement(_ expression: TemplateExpression) throws -> TemplateValue {
        guard case .method(let base, let name, let args, let at) = expression, Self.inPlaceMethods.contains(name.text) else {
            return try evaluate(expression)
        }
        var receiver = try evaluate(base)
        switch receiver {
        case .list, .dict: break
        default: return try evaluate(expression)
        }
        var (positional, keywords) = try evaluateArguments(args)
        if case .dict = receiver, name.text == "update" {
            // dict.update(other, **names): the names are items, not parameters.
            var extra = TemplateDictionary()
            for (key, value) in keywords { extra[key] = value }
            if !extra.isEmpty { positional.append(.dict(extra)) }
            keywords = []
        }
        var reader = TemplateArgumentReader(function: name.text, positional: positional, keywords: keywords)
        let result: TemplateValue
        do {
            if case .list(let items) = receiver, name.text == "sort" {
                receiver = .list(try sorted(items, &reader, at: at))
                result = .none
            } else {
                result = try Self.change(&receiver, name.text, &reader)
            }
            try reader.finish()
        } catch let error as TemplateError {
            throw RenderFailure(offset: at, message: error.message)
        }
        do {
            try store(receiver, into: base, at: at, nested: false)
        } catch var failure as RenderFailure {
            failure.offset = at  // the method's position, as every other in-place error
            throw failure
        }
        return result
    }

    /// `list.sort(reverse=False)`: Python's stable sort; `key=` is not supported (an error).
    private func sorted(_ items: [TemplateValue], _ a: inout TemplateArgumentReader, at: Int) throws -> [TemplateValue] {
        guard try a.optionalValue("key").map({ $0 == .none }) ?? true else {
            throw TemplateError(message: "sort(key=...) is not supported; use the sort filter with attribute=")
        }
        let reverse = try a.optionalBool("reverse") ?? false
        var failure: (any Error)?
        let result = items.enumerated().sorted { x, y in
            guard failure == nil else { return false }
            do {
                let order = try ordering(x.element, y.element, op: "<", at: at)
                return order == 0 ? x.offset < y.offset : (order < 0) != reverse
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return result.map(\.element)
    }

    /// `nested`: `target` holds the changed value inside it (an item or attribute of it changed).
    private mutating func store(_ value: TemplateValue, into target: TemplateExpression, at: Int, nested: Bool) throws {
        switch target {
        case .name(let name, _):
            var i = scopes.count
            while i > 0 {
                i -= 1
                if scopes[i][name.text] != nil {
                    scopes[i][name.text] = value
                    return
                }
            }
            openTopLevelScope()
            scopes[0][name.text] = value
        case .attribute(.name(let name, _), let attribute, _) where lookup(name)?.isNamespace ?? false:
            guard case .namespace(let namespace)? = lookup(name) else { return }
            namespace.set(attribute.text, value)
        case .attribute(let base, let name, let at):
            try store(value, at: .string(name.text), of: base, at: at)
        case .item(let base, let key, let at):
            try store(value, at: try evaluate(key), of: base, at: at)
        case .list where !nested, .dict where !nested:
            break  // a literal: nothing else holds it, so the change is not seen
        case .list, .dict:
            // `{'d': d}.d.update(...)`: in Python the item is `d` itself, which changes; Sluice's
            // values are copies, so it refuses rather than render something else.
            throw RenderFailure(offset: at, message: "Sluice changes a list or dict in place only when a name, a namespace attribute or an item of one holds it, not an item of a literal; set the name first ({% set xs = ... %})")
        default:
            throw RenderFailure(offset: at, message: "Sluice changes a list or dict in place only when a name, a namespace attribute or an item of one holds it; set the name first ({% set xs = ... %})")
        }
    }

    /// Stores `value` as the item `key` of the dict or list `base` holds, then `base` back where it came from.
    private mutating func store(_ value: TemplateValue, at key: TemplateValue, of base: TemplateExpression, at: Int) throws {
        var container = try evaluate(base)
        switch (container, key) {
        case (.dict(var d), .string(let k)) where d[k] != nil:
            d[k] = value
            container = .dict(d)
        case (.list(var items), .int(let i)) where items.indices.contains(i < 0 ? items.count + i : i):
            items[i < 0 ? items.count + i : i] = value
            container = .list(items)
        default:
            throw RenderFailure(offset: at, message: "Sluice changes in place only a list or dict held by a name, a namespace attribute, a dict key or a list item")
        }
        try store(container, into: base, at: at, nested: true)
    }

    private static func change(_ value: inout TemplateValue, _ name: String, _ a: inout TemplateArgumentReader) throws -> TemplateValue {
        switch value {
        case .list(var items):
            value = .none
            defer { value = .list(items) }
            return try change(&items, name, &a)
        case .dict(var d):
            value = .none
            defer { value = .dict(d) }
            return try change(&d, name, &a)
        default:
            return .none
        }
    }

    private static func change(_ items: inout [TemplateValue], _ name: String, _ a: inout TemplateArgumentReader) throws -> TemplateValue {
        switch name {
        case "append":
            try TemplateArithmetic.checkItems(items.count + 1)
            items.append(try a.value("object"))
        case "extend":
            let more = try a.value("iterable")
            guard let added = more.sequenceItems else { throw TemplateError(message: "extend() needs a list or a tuple, not a '\(more.typeName)'") }
            try TemplateArithmetic.checkItems(items.count + added.count)
            items.append(contentsOf: added)
        case "insert":
            let index = try a.int("index")
            let object = try a.value("object")
            try TemplateArithmetic.checkItems(items.count + 1)
            let position = index < 0 ? max(0, items.count + index) : min(index, items.count)
            items.insert(object, at: position)
        case "pop":
            let index = try a.optionalInt("index") ?? -1
            let position = index < 0 ? items.count + index : index
            guard items.indices.contains(position) else { throw TemplateError(message: items.isEmpty ? "pop from empty list" : "pop index out of range") }
            return items.remove(at: position)
        case "remove":
            let object = try a.value("value")
            guard let position = items.firstIndex(of: object) else { throw TemplateError(message: "list.remove(x): x not in list") }
            items.remove(at: position)
        case "clear": items.removeAll()
        case "reverse": items.reverse()
        default: throw TemplateError(message: "'list' object has no method '\(UserText.quote(name))'")
        }
        return .none
    }

    private static func change(_ d: inout TemplateDictionary, _ name: String, _ a: inout TemplateArgumentReader) throws -> TemplateValue {
        switch name {
        case "update":
            for parameter in ["other", "names"] {
                guard let other = try a.optionalValue(parameter) else { continue }
                guard case .dict(let more) = other else { throw TemplateError(message: "update() needs a dict, not a '\(other.typeName)'") }
                for key in more.keys { d[key] = more[key] }
            }
        case "pop":
            let key = try a.value("key").text
            let fallback = try a.optionalValue("default")
            guard let value = d[key] ?? fallback else { throw TemplateError(message: "KeyError: '\(UserText.quote(key))'") }
            d[key] = nil
            return value
        case "setdefault":
            let key = try a.value("key").text
            let fallback = try a.optionalValue("default") ?? .none
            if let value = d[key] { return value }
            d[key] = fallback
            return fallback
        case "popitem":
            guard let last = d.keys.last, let value = d[last] else { throw TemplateError(message: "KeyError: 'popitem(): dictionary is empty'") }
            d[last] = nil
            return .tuple([.string(last), value])
        case "clear": d = TemplateDictionary()
        default: throw TemplateError(message: "'dict' object has no method '\(UserText.quote(name))'")
        }
        return .none
    }
}
