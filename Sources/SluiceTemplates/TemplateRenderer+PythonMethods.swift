import Foundation
import SluiceCore

/// The methods of Python strings, dicts, lists and tuples that Jinja's sandbox lets templates call.
extension TemplateRenderer {
    func stringMethod(_ name: String, _ s: String, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        try PythonMethods.string(name, s, &a)
    }

    func dictMethod(_ name: String, _ d: TemplateDictionary, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        try PythonMethods.dict(name, d, &a)
    }

    func sequenceMethod(_ name: String, _ items: [TemplateValue], _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        try PythonMethods.sequence(name, items, &a)
    }
}

/// Python 3.11's methods of `str`, `dict`, `list` and `tuple`, as values without a renderer so that
/// a method can also be taken as a value (`'abc'.upper is callable`, `map('attr')`).
///
/// Methods that change a list or dict in place (`append`, `update`, `pop`, ...) are allowed by
/// Airflow's `SandboxedEnvironment` but need shared mutable values, which Sluice's values are not:
/// they run as `{% set _ = x.append(1) %}` (TemplateRenderer+InPlaceMethods) and are errors
/// saying so anywhere else, never a silently different result.
enum PythonMethods {
    static let stringMethods: Set<String> = [
        "upper", "lower", "strip", "lstrip", "rstrip", "replace", "startswith", "endswith", "split", "rsplit",
        "splitlines", "title", "capitalize", "swapcase", "casefold", "join", "zfill", "ljust", "rjust", "center",
        "find", "rfind", "index", "rindex", "count", "partition", "rpartition", "isdigit", "isalpha", "isalnum",
        "isspace", "isupper", "islower", "isdecimal", "isnumeric", "istitle", "isascii", "isidentifier", "isprintable",
        "removeprefix", "removesuffix", "expandtabs", "format", "format_map",
    ]
    static let dictMethods: Set<String> = ["items", "keys", "values", "get", "copy"]
    static let sequenceMethods: Set<String> = ["index", "count", "copy"]
    static let listMutatingMethods: Set<String> = ["append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear"]
    static let dictMutatingMethods: Set<String> = ["update", "pop", "popitem", "setdefault", "clear"]

    /// A method of `receiver` as a callable value (`'abc'.upper`); nil when Sluice knows no such method.
    static func bound(_ name: String, of receiver: TemplateValue) -> TemplateValue? {
        let known: Bool
        switch receiver {
        case .string: known = stringMethods.contains(name)
        case .dict: known = dictMethods.contains(name) || dictMutatingMethods.contains(name)
        case .list: known = sequenceMethods.contains(name) || listMutatingMethods.contains(name)
        case .tuple: known = sequenceMethods.contains(name)
        default: known = false
        }
        guard known else { return nil }
        return .function(TemplateFunction(name: "\(receiver.typeName).\(name)") { args, keywords in
            var a = TemplateArgumentReader(function: name, positional: args, keywords: keywords)
            guard let result = try call(name, on: receiver, &a) else {
                throw TemplateError(message: "unsupported method '\(UserText.quote(name))'")
            }
            try a.finish()
            return result
        })
    }

    static func call(_ name: String, on receiver: TemplateValue, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch receiver {
        case .string(let s): return try string(name, s, &a)
        case .dict(let d): return try dict(name, d, &a)
        case .list(let items), .tuple(let items): return try sequence(name, items, &a)
        default: return nil
        }
    }

    static func string(_ name: String, _ s: String, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "upper": return .string(s.uppercased())
        case "lower": return .string(s.lowercased())
        case "casefold": return .string(s.folding(options: .caseInsensitive, locale: nil))
        case "swapcase":
            return .string(s.map { c in c.isUppercase ? c.lowercased() : (c.isLowercase ? c.uppercased() : String(c)) }.joined())
        case "strip": return .string(TemplateText.strip(s, characters: try a.optionalString("chars"), leading: true, trailing: true))
        case "lstrip": return .string(TemplateText.strip(s, characters: try a.optionalString("chars"), leading: true, trailing: false))
        case "rstrip": return .string(TemplateText.strip(s, characters: try a.optionalString("chars"), leading: false, trailing: true))
        case "replace":
            let old = try a.string("old"), new = try a.string("new")
            return .string(try TemplateText.replace(s, old, new, count: try a.optionalInt("count")))
        case "startswith", "endswith":
            let affix = try a.value(name == "startswith" ? "prefix" : "suffix")
            let chars = Array(s.unicodeScalars)
            let (start, end) = try PythonText.bounds(chars.count, &a)
            let window = start <= end ? Array(chars[start..<end]) : []
            let candidates: [TemplateValue]
            if case .tuple(let items) = affix { candidates = items } else { candidates = [affix] }
            for candidate in candidates {
                guard case .string(let c) = candidate else {
                    throw TemplateError(message: "\(name) first arg must be str or a tuple of str, not \(candidate.typeName)")
                }
                if start > chars.count || start > end { continue }
                let pattern = Array(c.unicodeScalars)
                if name == "startswith" ? window.starts(with: pattern) : window.reversed().starts(with: pattern.reversed()) { return .bool(true) }
            }
            return .bool(false)
        case "split", "rsplit":
            let separator = try a.optionalString("sep")
            let maxsplit = try a.optionalInt("maxsplit") ?? -1
            if separator == "" { throw TemplateError(message: "empty separator") }
            let parts = PythonText.split(s, separator: separator, maxsplit: maxsplit, fromRight: name == "rsplit")
            try TemplateArithmetic.checkItems(parts.count)
            return .list(parts.map { .string($0) })
        case "splitlines":
            return .list(PythonText.splitlines(s, keepends: try a.optionalBool("keepends") ?? false).map { .string($0) })
        case "title": return .string(TemplateText.title(s))
        case "capitalize": return .string(TemplateText.capitalize(s))
        case "join":
            let items = try a.value("iterable")
            let list: [TemplateValue]
            switch items {
            case .list(let l), .tuple(let l): list = l
            case .object(let o as TemplateDictView): list = o.items
            case .string(let t): list = t.unicodeScalars.map { .string(String(Character($0))) }
            case .dict(let d): list = d.keys.map { .string($0) }
            default: throw TemplateError(message: "can only join an iterable")
            }
            var texts: [String] = []
            for (index, item) in list.enumerated() {
                guard case .string(let t) = item else {
                    throw TemplateError(message: "sequence item \(index): expected str instance, \(item.typeName) found")
                }
                texts.append(t)
            }
            try TemplateArithmetic.checkLength(texts.reduce(s.utf8.count * texts.count) { $0 + $1.utf8.count })
            return .string(texts.joined(separator: s))
        case "zfill":
            let width = try a.int("width")
            try TemplateArithmetic.checkLength(width)
            return .string(PythonText.zfill(s, width))
        case "ljust", "rjust", "center":
            let width = try a.int("width")
            let fill = try a.optionalString("fillchar") ?? " "
            guard fill.unicodeScalars.count == 1 else { throw TemplateError(message: "The fill character must be exactly one character long") }
            try TemplateArithmetic.checkLength(width)
            let align: Character = name == "ljust" ? "<" : (name == "rjust" ? ">" : "^")
            return .string(TemplateText.pad(s, width: width, fill: fill, align: align, pythonCenter: name == "center"))
        case "find", "rfind", "index", "rindex", "count":
            let sub = try a.string("sub")
            let chars = Array(s.unicodeScalars)
            let (start, end) = try PythonText.bounds(chars.count, &a)
            let pattern = Array(sub.unicodeScalars)
            if name == "count" { return .int(PythonText.count(chars, pattern, start, end)) }
            let found = PythonText.find(chars, pattern, start, end, fromRight: name.hasPrefix("r"))
            if found < 0 && name.hasSuffix("index") { throw TemplateError(message: "substring not found") }
            return .int(found)
        case "partition", "rpartition":
            let sep = try a.string("sep")
            if sep.isEmpty { throw TemplateError(message: "empty separator") }
            let chars = Array(s.unicodeScalars), pattern = Array(sep.unicodeScalars)
            let found = PythonText.find(chars, pattern, 0, chars.count, fromRight: name == "rpartition")
            func text(_ r: ArraySlice<Unicode.Scalar>) -> TemplateValue { .string(String(String.UnicodeScalarView(r))) }
            if found < 0 {
                return name == "partition" ? .tuple([.string(s), "", ""]) : .tuple(["", "", .string(s)])
            }
            return .tuple([text(chars[..<found]), .string(sep), text(chars[(found + pattern.count)...])])
        case "isdigit", "isdecimal", "isnumeric", "isalpha", "isalnum", "isspace", "isupper", "islower", "istitle",
             "isascii", "isidentifier", "isprintable":
            return .bool(PythonText.classify(name, s))
        case "removeprefix":
            let prefix = try a.string("prefix")
            return .string(s.unicodeScalars.starts(with: prefix.unicodeScalars)
                ? String(String.UnicodeScalarView(s.unicodeScalars.dropFirst(prefix.unicodeScalars.count))) : s)
        case "removesuffix":
            let suffix = try a.string("suffix")
            guard !suffix.isEmpty, s.unicodeScalars.reversed().starts(with: suffix.unicodeScalars.reversed()) else { return .string(s) }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.dropLast(suffix.unicodeScalars.count))))
        case "expandtabs":
            return .string(try PythonText.expandTabs(s, try a.optionalInt("tabsize") ?? 8))
        case "format":
            let (positional, keywords) = a.takeAll()
            return .string(try PythonFormat.format(s, positional, keywords))
        case "format_map":
            let mapping = try a.value("mapping")
            guard case .dict(let d) = mapping else { throw TemplateError(message: "format_map() needs a dict") }
            return .string(try PythonFormat.format(s, [], d.keys.map { ($0, d[$0] ?? .none) }))
        case "encode":
            throw TemplateError(message: "str.encode() gives bytes, which Sluice's templates do not have; use the string itself")
        default: return nil
        }
    }

    static func dict(_ name: String, _ d: TemplateDictionary, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "items": return .object(TemplateDictView(kind: .items, items: d.keys.map { .tuple([.string($0), d[$0] ?? .none]) }))
        case "keys": return .object(TemplateDictView(kind: .keys, items: d.keys.map { .string($0) }))
        case "values": return .object(TemplateDictView(kind: .values, items: d.values))
        case "copy": return .dict(d)
        case "get":
            let key = try a.value("key")
            let fallback = try a.optionalValue("default") ?? .none
            return d[key.text] ?? fallback
        default:
            if dictMutatingMethods.contains(name) { throw mutating(name, "dict") }
            return nil
        }
    }

    static func sequence(_ name: String, _ items: [TemplateValue], _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "count":
            let x = try a.value("value")
            return .int(items.filter { $0 == x }.count)
        case "index":
            let x = try a.value("value")
            let (start, end) = try PythonText.bounds(items.count, &a)
            if start < end, let i = items[start..<end].firstIndex(of: x) { return .int(i) }
            throw TemplateError(message: "the value is not in the list")
        case "copy": return .list(items)
        default:
            if listMutatingMethods.contains(name) { throw mutating(name, "list") }
            return nil
        }
    }

    private static func mutating(_ name: String, _ type: String) -> TemplateError {
        TemplateError(message: "\(type).\(name)() changes the \(type) in place, which Sluice supports only as a statement on a name ({% set _ = x.\(name)(...) %}); or build a new value (a + [x], namespace())")
    }
}
