import BigInt
import SluiceCore

extension TemplateRenderer {
    /// Applies a filter. `value` is nil only for `default`, whose operand may be undefined.
    func apply(_ filter: TemplateFilter, to value: TemplateValue?, _ args: [TemplateValue], _ keywords: [(String, TemplateValue)], at: Int) throws -> TemplateValue {
        do {
            return try applyLocating(filter, to: value, args, keywords, at: at)
        } catch let undefined as UndefinedFilterResult {
            throw RenderFailure(offset: at, message: "the '\(filter.rawValue)' filter: \(undefined.message)")
        }
    }

    /// Applies a filter; nil where Jinja's filter gives an undefined value (`[] | first`,
    /// `x | attr('missing')`), which `is defined` and `is undefined` may test.
    func applyIfDefined(_ filter: TemplateFilter, to value: TemplateValue, _ args: [TemplateValue], _ keywords: [(String, TemplateValue)], at: Int) throws -> TemplateValue? {
        do {
            return try applyLocating(filter, to: value, args, keywords, at: at)
        } catch is UndefinedFilterResult {
            return nil
        }
    }

    private func applyLocating(_ filter: TemplateFilter, to value: TemplateValue?, _ args: [TemplateValue], _ keywords: [(String, TemplateValue)], at: Int) throws -> TemplateValue {
        var a = TemplateArgumentReader(function: filter.rawValue, positional: args, keywords: keywords)
        do {
            let result = try applyFilter(filter, value ?? .none, isDefined: value != nil, &a)
            try a.finish()
            return result
        } catch let error as TemplateError {
            throw RenderFailure(offset: at, message: "the '\(filter.rawValue)' filter: \(error.message)")
        }
    }

    /// Applies the filter named by a string (`map('upper')`), as Jinja's `call_filter` does.
    func apply(filterNamed name: TemplateValue, to value: TemplateValue, _ args: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> TemplateValue {
        guard case .string(let text) = name, let filter = TemplateFilter(name: text) else {
            throw TemplateError(message: "no filter named '\(UserText.quote(name.text))'")
        }
        var a = TemplateArgumentReader(function: filter.rawValue, positional: args, keywords: keywords)
        let result = try applyFilter(filter, value, isDefined: true, &a)
        try a.finish()
        return result
    }

    private func applyFilter(_ filter: TemplateFilter, _ value: TemplateValue, isDefined: Bool, _ a: inout TemplateArgumentReader) throws -> TemplateValue {
        switch filter {
        case .default:
            let fallback = try a.optionalValue("default_value") ?? .string("")
            let boolean = try a.optionalBool("boolean") ?? false
            if !isDefined || (boolean && !value.isTruthy) { return fallback }
            return value
        case .upper: return .string(value.text.uppercased())
        case .lower: return .string(value.text.lowercased())
        case .capitalize: return .string(TemplateText.capitalize(value.text))
        case .title: return .string(TemplateText.jinjaTitle(value.text))
        case .trim:
            return .string(TemplateText.strip(value.text, characters: try a.optionalString("chars"), leading: true, trailing: true))
        case .replace:
            let old = try a.value("old").text, new = try a.value("new").text
            return .string(try TemplateText.replace(value.text, old, new, count: try a.optionalInt("count")))
        case .join:
            let separator = try a.optionalValue("d")?.text ?? ""
            let attribute = try a.optionalValue("attribute")
            var out = ""
            for (index, item) in try items(of: value).enumerated() {
                if index > 0 { out += separator }
                if let attribute {
                    try lookUp(attribute, in: item).appendText(to: &out)
                } else {
                    item.appendText(to: &out)
                }
                try TemplateArithmetic.checkLength(out.utf8.count)
            }
            return .string(out)
        case .length:
            switch value {
            case .string(let s): return .int(s.unicodeScalars.count)
            case .list(let l), .tuple(let l): return .int(l.count)
            case .object(let o as TemplateDictView): return .int(o.items.count)
            case .dict(let d): return .int(d.count)
            default: throw TemplateError(message: "a '\(value.typeName)' value has no length")
            }
        case .list:
            return .list(try items(of: value))
        case .first, .last:
            let all = try items(of: value)
            guard let item = filter == .first ? all.first : all.last else {
                throw UndefinedFilterResult(message: "No \(filter == .first ? "first" : "last") item, sequence was empty.")
            }
            return item
        case .int: return try intFilter(value, &a)
        case .float:
            let fallback = try a.optionalValue("default") ?? .double(0)
            switch value {
            case .int(let i): return .double(Double(i))
            case .bool(let b): return .double(b ? 1 : 0)
            case .double: return value
            case .object(let o as TemplateBigInteger): return .double(o.double)
            case .string(let s): return PythonFormat.parseFloat(s).map { .double($0) } ?? fallback
            default: return fallback
            }
        case .string:
            return .string(value.text)
        case .abs:
            switch value {
            case .int(let i):
                guard i != Int.min else { return .object(TemplateBigInteger(value: -BigInt(i))) }
                return .int(Swift.abs(i))
            case .object(let o as TemplateBigInteger): return .object(TemplateBigInteger(value: BigInt(o.value.magnitude)))
            case .double(let d): return .double(Swift.abs(d))
            case .bool(let b): return .int(b ? 1 : 0)
            case .timedelta(let t): return .timedelta(TemplateTimeDelta(microseconds: Swift.abs(t.microseconds)))
            default: throw TemplateError(message: "a '\(value.typeName)' value has no absolute value")
            }
        case .round:
            return try PythonFormat.round(value, precision: try a.optionalInt("precision") ?? 0, method: try a.optionalString("method") ?? "common")
        case .ds, .dsNodash, .ts, .tsNodash, .tsNodashWithTz:
            return try airflowDateFilter(filter, value)
        case .sqlLiteral:
            return .string(try SQLQuoting.literal(value))
        case .sqlIdentifier:
            guard case .string(let name) = value else {
                throw TemplateError(message: "needs a string name, not a '\(value.typeName)'")
            }
            do {
                return .string(try SQLIdentifier.quoteQualified(name))
            } catch let error as SQLIdentifierError {
                throw TemplateError(message: error.description)
            }
        case .center:
            let width = try a.optionalInt("width") ?? 80
            try TemplateArithmetic.checkLength(width)
            return .string(TemplateText.pad(value.text, width: width, fill: " ", align: "^"))
        case .escape, .forceescape:
            return .string(TemplateText.htmlEscape(value.text))
        case .safe:
            return value
        case .striptags:
            return .string(TemplateText.stripTags(value.text))
        case .wordcount:
            return .int(TemplateText.wordCount(value.text))
        case .indent:
            let width = try a.optionalValue("width") ?? .int(4)
            let indention: String
            switch width {
            case .string(let s): indention = s
            case .int(let n):
                try TemplateArithmetic.checkLength(n)
                indention = String(repeating: " ", count: Swift.max(0, n))
            default: throw TemplateError(message: "indent() needs an integer or a string for 'width', not a '\(width.typeName)'")
            }
            let first = try a.optionalBool("first") ?? false, blank = try a.optionalBool("blank") ?? false
            return .string(try TemplateText.indent(value.text, indention, first: first, blank: blank))
        case .truncate:
            let length = try a.optionalInt("length") ?? 255
            let killwords = try a.optionalBool("killwords") ?? false
            let end = try a.optionalValue("end")?.text ?? "..."
            let leeway = try a.optionalInt("leeway") ?? 5
            return .string(try TemplateText.truncate(value.text, length: length, killwords: killwords, end: end, leeway: leeway))
        case .wordwrap:
            let width = try a.optionalInt("width") ?? 79
            let breakLongWords = try a.optionalBool("break_long_words") ?? true
            let wrapstring = try a.optionalString("wrapstring") ?? "\n"
            let breakOnHyphens = try a.optionalBool("break_on_hyphens") ?? true
            return .string(try TemplateText.wordwrap(value.text, width: width, breakLongWords: breakLongWords,
                                                     wrapstring: wrapstring, breakOnHyphens: breakOnHyphens))
        case .filesizeformat:
            let binary = try a.optionalBool("binary") ?? false
            return .string(try PythonFormat.fileSize(value, binary: binary))
        case .format:
            let (positional, keywords) = a.takeAll()
            if !positional.isEmpty && !keywords.isEmpty {
                throw TemplateError(message: "can't handle positional and keyword arguments at the same time")
            }
            let operand: TemplateValue
            if keywords.isEmpty {
                operand = .tuple(positional)
            } else {
                var d = TemplateDictionary()
                for (k, v) in keywords { d[k] = v }
                operand = .dict(d)
            }
            return .string(try PythonFormat.percent(value.text, operand))
        case .pprint:
            return .string(PythonPrettyPrinter.format(value))
        case .tojson:
            let indent = try a.optionalInt("indent")
            return .string(try TemplateJSON.htmlSafeDumps(value, indent: indent))
        case .urlencode:
            return .string(try TemplateText.urlencode(value))
        case .urlize:
            return .string(try urlize(value, &a))
        case .xmlattr:
            return .string(try TemplateText.xmlattr(value, autospace: try a.optionalBool("autospace") ?? true))
        case .attr:
            let name = try a.string("name")
            guard let v = attributeValue(name, of: value) else {
                throw UndefinedFilterResult(message: "a '\(value.typeName)' value has no attribute '\(UserText.quote(name))'")
            }
            return v
        case .batch, .slice, .dictsort, .items, .reverse, .sort, .unique, .min, .max, .sum, .map, .select, .reject,
             .selectattr, .rejectattr, .groupby:
            return try sequenceFilter(filter, value, &a)
        }
    }

    private func intFilter(_ value: TemplateValue, _ a: inout TemplateArgumentReader) throws -> TemplateValue {
        let fallback = try a.optionalValue("default") ?? .int(0)
        let base = try a.optionalInt("base") ?? 10
        switch value {
        case .int, .object(is TemplateBigInteger): return value
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d):
            // int(inf) raises in Python before Jinja's fallback to int(float(value)) can catch it.
            if d.isInfinite { throw TemplateError(message: "int: cannot convert float infinity to integer") }
            return try Self.pythonInteger(truncating: d) ?? fallback
        case .string(let s):
            // Jinja's do_int: int(value, base), else int(float(value)), else the default.
            let trimmed = TemplateText.strip(s, characters: nil, leading: true, trailing: true).replacingUnderscores
            // An invalid base is a ValueError, which Jinja catches like any other.
            if base == 0 || (2...36).contains(base), let i = try Self.pythonInteger(trimmed, base: base) { return i }
            if let d = PythonFormat.parseFloat(s) { return try Self.pythonInteger(truncating: d) ?? fallback }
            return fallback
        default: return fallback
        }
    }

    private func airflowDateFilter(_ filter: TemplateFilter, _ value: TemplateValue) throws -> TemplateValue {
        let dt: TemplateDateTime
        switch value {
        case .none: return .none
        case .datetime(let v): dt = v
        case .date(let d): dt = d.midnight
        default: throw TemplateError(message: "needs a datetime such as logical_date, not a '\(value.typeName)'")
        }
        var out = ""
        switch filter {
        case .ds:
            dt.appendDate(separator: "-", to: &out)
            return .string(out)
        case .dsNodash:
            dt.appendDate(separator: "", to: &out)
            return .string(out)
        case .ts: return .string(dt.isoformat)
        case .tsNodash: return .string(dt.strftime("%Y%m%dT%H%M%S"))
        default: return .string(AirflowContext.tsNodashWithTz(dt))
        }
    }

    /// What a filter iterates: list and tuple items, dict keys, string characters.
    func items(of value: TemplateValue) throws -> [TemplateValue] {
        switch value {
        case .list(let l), .tuple(let l): return l
        case .object(let o as TemplateDictView): return o.items
        case .dict(let d): return d.keys.map { .string($0) }
        case .string(let s):
            try TemplateArithmetic.checkItems(s.utf8.count)
            return s.unicodeScalars.map { .string(String(Character($0))) }
        default: throw TemplateError(message: "a '\(value.typeName)' value is not a sequence")
        }
    }

    /// Python's `int(text, base)` for a stripped string: an optional sign, then digits in `base`, with a
    /// `0b`/`0o`/`0x` prefix allowed when it matches the base; base 0 takes the base from the prefix
    /// (and rejects a decimal with leading zeros). Nil when the text is no such number; a number beyond
    /// 64 bits is kept as Python keeps it (`TemplateBigInteger`).
    static func pythonInteger(_ text: String, base: Int) throws -> TemplateValue? {
        var body = Substring(text)
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        var radix = base
        let prefixes: [(String, Int)] = [("0b", 2), ("0o", 8), ("0x", 16)]
        if let (prefix, prefixBase) = prefixes.first(where: { body.lowercased().hasPrefix($0.0) }), base == 0 || base == prefixBase {
            body = body.dropFirst(prefix.count)
            radix = prefixBase
        } else if base == 0 {
            radix = 10
            if body.count > 1, body.first == "0", body.contains(where: { $0 != "0" }) { return nil }
        }
        guard !body.isEmpty, !body.hasPrefix("-"), !body.hasPrefix("+") else { return nil }
        if let value = Int(sign + body, radix: radix) { return .int(value) }
        guard body.allSatisfy({ digitValue($0).map { $0 < radix } ?? false }) else { return nil }
        return try TemplateBigInteger.parse(sign + body, radix: radix)
    }

    /// The value of an ASCII digit or letter as a digit in bases up to 36.
    private static func digitValue(_ c: Character) -> Int? {
        guard let ascii = c.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(ascii - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    /// `int(d)` as Python truncates a float; nil for NaN and infinities (Jinja 3.1 gives the default),
    /// an error when the result is outside the 64-bit range.
    static func truncatedInt(_ d: Double, describing value: TemplateValue) throws -> Int? {
        if !d.isFinite { return nil }
        guard let i = Int(exactly: d.rounded(.towardZero)) else { throw outOfRange(value.text) }
        return i
    }

    /// Python's `int(d)`: the float truncated, beyond 64 bits too; nil for NaN and infinities.
    static func pythonInteger(truncating d: Double) throws -> TemplateValue? {
        guard d.isFinite else { return nil }
        if let i = Int(exactly: d.rounded(.towardZero)) { return .int(i) }
        return try TemplateBigInteger.normalized(BigInt(d.rounded(.towardZero)))
    }

    private static func outOfRange(_ text: String) -> TemplateError {
        TemplateError(message: "int: '\(UserText.quote(text))' is outside the 64-bit integers Sluice computes with (-9223372036854775808 to 9223372036854775807)")
    }
}

/// Thrown by a filter whose Jinja result is an undefined value; an error unless tested with `is defined`.
struct UndefinedFilterResult: Error {
    var message: String
}

private extension String {
    var replacingUnderscores: String {
        contains("_") ? ((try? TemplateText.replace(self, "_", "")) ?? self) : self
    }
}
