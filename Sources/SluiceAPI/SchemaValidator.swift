import Foundation
import SluiceCore

/// Checks a JSON value against a schema of the OpenAPI document: the part of JSON Schema 2020-12 the
/// document uses (`$ref`, `anyOf`/`oneOf`, `enum`, `const`, `type`, `properties`, `required`,
/// `additionalProperties`, `items`, `prefixItems`, `minItems`/`maxItems`, `minLength`/`maxLength`,
/// `minimum`/`maximum`, `pattern`, `format: date-time`). The answer is the first problem as `where: what`, for a 422.
struct SchemaValidator: Sendable {
    /// `components.schemas` of the document, by name.
    let components: [String: JSONValue]

    /// Nesting deeper than this is refused rather than walked (bodies are small; this bounds the work).
    static let maxDepth = 32

    /// The schema a `$ref` names, or the schema itself.
    func resolve(_ schema: JSONValue) -> JSONValue {
        var current = schema
        for _ in 0..<8 {
            guard case .string(let ref)? = current["$ref"], ref.hasPrefix("#/components/schemas/"),
                  let target = components[String(ref.dropFirst("#/components/schemas/".count))] else { return current }
            current = target
        }
        return current
    }

    /// Nil when `value` is valid, else where (`at`, e.g. `body.note`) and what is wrong.
    func problem(_ value: JSONValue, against raw: JSONValue, at path: String, depth: Int = 0) -> String? {
        guard depth < Self.maxDepth else { return "\(path): nested deeper than \(Self.maxDepth) levels" }
        let schema = resolve(raw)
        guard case .object = schema else { return nil }
        for key in ["anyOf", "oneOf"] {
            guard case .array(let choices)? = schema[key] else { continue }
            var problems: [(schema: JSONValue, problem: String)] = []
            for choice in choices {
                guard let found = problem(value, against: choice, at: path, depth: depth + 1) else { problems = []; break }
                problems.append((choice, found))
            }
            // None matched: the problem with the alternative that is not `null` is the one worth telling.
            if let first = problems.first(where: { !isNullSchema($0.schema) }) ?? problems.first { return first.problem }
        }
        if case .array(let allowed)? = schema["enum"], !allowed.contains(where: { Self.same($0, value) }) {
            return "\(path): must be one of \(allowed.map(\.jsonText).joined(separator: ", ")), not \(Self.show(value))"
        }
        if let constant = schema["const"], !Self.same(constant, value) {
            return "\(path): must be \(constant.jsonText), not \(Self.show(value))"
        }
        if let types = schema["type"] {
            let names: [String]
            switch types {
            case .string(let one): names = [one]
            case .array(let many): names = many.compactMap(\.stringValue)
            default: names = []
            }
            if !names.isEmpty, !names.contains(where: { Self.has(value, type: $0) }) {
                return "\(path): must be \(names.map(Self.article).joined(separator: " or ")), not \(Self.show(value))"
            }
        }
        switch value {
        case .string(let text):
            let count = text.count
            if case .int(let most)? = schema["maxLength"], count > most { return "\(path): at most \(most) characters, not \(count)" }
            if case .int(let least)? = schema["minLength"], count < least { return "\(path): at least \(least) characters" }
            if case .string(let pattern)? = schema["pattern"], let regex = try? NSRegularExpression(pattern: pattern),
               regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                return "\(path): must match \(pattern), not \(Self.show(value))"
            }
            if schema["format"] == .string("date-time"), DateText.parse(text, in: .gmt) == nil {
                return "\(path): must be an ISO 8601 date-time (2026-01-31T00:00:00Z), not \(Self.show(value))"
            }
        case .int, .double:
            let number: Double = if case .int(let n) = value { Double(n) } else if case .double(let d) = value { d } else { 0 }
            if let least = Self.number(schema["minimum"]), number < least { return "\(path): must be at least \(schema["minimum"]!.jsonText)" }
            if let most = Self.number(schema["maximum"]), number > most { return "\(path): must be at most \(schema["maximum"]!.jsonText)" }
        case .array(let items):
            if case .int(let most)? = schema["maxItems"], items.count > most { return "\(path): at most \(most) items" }
            if case .int(let least)? = schema["minItems"], items.count < least { return "\(path): at least \(least) items" }
            var rest = items[...]
            if case .array(let prefix)? = schema["prefixItems"] {
                for (index, item) in zip(prefix.indices, items) {
                    if let problem = problem(item, against: prefix[index], at: "\(path)[\(index)]", depth: depth + 1) { return problem }
                }
                rest = items.dropFirst(prefix.count)
            }
            if let itemSchema = schema["items"] {
                for (index, item) in zip(rest.indices, rest) {
                    if let problem = problem(item, against: itemSchema, at: "\(path)[\(index)]", depth: depth + 1) { return problem }
                }
            }
        case .object(let members):
            let properties: [(String, JSONValue)] = if case .object(let pairs)? = schema["properties"] { pairs } else { [] }
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where !members.contains(where: { $0.0 == name }) {
                    return "\(path).\(name): required"
                }
            }
            for (name, member) in members {
                if let property = properties.first(where: { $0.0 == name })?.1 {
                    if let problem = problem(member, against: property, at: "\(path).\(name)", depth: depth + 1) { return problem }
                } else if schema["additionalProperties"] == .bool(false) {
                    let known = properties.map(\.0)
                    return "\(path).\(UserText.quote(String(name.prefix(60)))): not a field here\(DidYouMean.hint(for: name, among: known))"
                } else if let extra = schema["additionalProperties"], case .object = extra {
                    if let problem = problem(member, against: extra, at: "\(path).\(name)", depth: depth + 1) { return problem }
                }
            }
        case .bool, .null:
            break
        }
        return nil
    }

    private func isNullSchema(_ schema: JSONValue) -> Bool {
        resolve(schema)["type"] == .string("null")
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .int): return true
        case ("integer", .double(let d)): return d.rounded() == d && d.isFinite
        case ("number", .int), ("number", .double): return true
        default: return false
        }
    }

    /// Equality as JSON Schema sees it: 1 and 1.0 are the same number.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.int(x), .double(y)), let (.double(y), .int(x)): return Double(x) == y
        default: return a == b
        }
    }

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let n)?: return Double(n)
        case .double(let d)?: return d
        default: return nil
        }
    }

    static func article(_ type: String) -> String {
        switch type {
        case "null": return "null"
        case "integer": return "a whole number"
        case "array", "object": return "an \(type)"
        default: return "a \(type)"
        }
    }

    /// A value as the message shows it: short, and never a whole body.
    static func show(_ value: JSONValue) -> String {
        let text = value.jsonText
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
