/// The methods of Python strings, dicts, lists and tuples that Jinja's sandbox lets templates call.
extension TemplateRenderer {
    func stringMethod(_ name: String, _ s: String, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "upper": return .string(s.uppercased())
        case "lower": return .string(s.lowercased())
        case "strip": return .string(TemplateText.strip(s, characters: try a.optionalString("chars"), leading: true, trailing: true))
        case "lstrip": return .string(TemplateText.strip(s, characters: try a.optionalString("chars"), leading: true, trailing: false))
        case "rstrip": return .string(TemplateText.strip(s, characters: try a.optionalString("chars"), leading: false, trailing: true))
        case "replace":
            let old = try a.string("old"), new = try a.string("new")
            return .string(try TemplateText.replace(s, old, new, count: try a.optionalInt("count")))
        case "startswith": return .bool(s.hasPrefix(try a.string("prefix")))
        case "endswith": return .bool(s.hasSuffix(try a.string("suffix")))
        case "split":
            let separator = try a.optionalString("sep")
            let parts = TemplateText.split(s, separator: separator)
            try TemplateArithmetic.checkItems(parts.count)
            return .list(parts.map { .string($0) })
        case "title": return .string(TemplateText.title(s))
        case "capitalize": return .string(TemplateText.capitalize(s))
        case "join":
            let items = try a.value("iterable")
            guard let list = items.sequenceItems else { throw TemplateError(message: "join() needs a list or a tuple") }
            let texts = list.map(\.text)
            try TemplateArithmetic.checkLength(texts.reduce(s.utf8.count * texts.count) { $0 + $1.utf8.count })
            return .string(texts.joined(separator: s))
        default: return nil
        }
    }

    func dictMethod(_ name: String, _ d: TemplateDictionary, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "items": return .list(d.keys.map { .tuple([.string($0), d[$0] ?? .none]) })
        case "keys": return .list(d.keys.map { .string($0) })
        case "values": return .list(d.values)
        case "get":
            let key = try a.value("key")
            let fallback = try a.optionalValue("default") ?? .none
            return d[key.text] ?? fallback
        default: return nil
        }
    }

    func sequenceMethod(_ name: String, _ items: [TemplateValue], _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        default: return nil
        }
    }
}
