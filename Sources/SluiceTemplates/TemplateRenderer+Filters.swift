import SluiceCore

extension TemplateRenderer {
    /// Applies a filter. `value` is nil only for `default`, whose operand may be undefined.
    func apply(_ filter: TemplateFilter, to value: TemplateValue?, _ args: [TemplateValue], _ keywords: [(String, TemplateValue)], at: Int) throws -> TemplateValue {
        var a = TemplateArgumentReader(function: filter.rawValue, positional: args, keywords: keywords)
        do {
            let result = try applyFilter(filter, value ?? .none, isDefined: value != nil, &a)
            try a.finish()
            return result
        } catch let error as TemplateError {
            throw RenderFailure(offset: at, message: "the '\(filter.rawValue)' filter: \(error.message)")
        }
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
        case .title: return .string(TemplateText.title(value.text))
        case .trim:
            return .string(TemplateText.strip(value.text, characters: try a.optionalString("chars"), leading: true, trailing: true))
        case .replace:
            let old = try a.value("old").text, new = try a.value("new").text
            return .string(try TemplateText.replace(value.text, old, new, count: try a.optionalInt("count")))
        case .join:
            let separator = try a.optionalValue("d")?.text ?? ""
            let attribute = try a.optionalString("attribute")
            var out = ""
            for (index, item) in try items(of: value).enumerated() {
                if index > 0 { out += separator }
                if let attribute {
                    guard case .dict(let d) = item, let v = d[attribute] else {
                        throw TemplateError(message: "an item has no attribute '\(UserText.quote(attribute))'")
                    }
                    v.appendText(to: &out)
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
            case .dict(let d): return .int(d.count)
            default: throw TemplateError(message: "a '\(value.typeName)' value has no length")
            }
        case .list:
            return .list(try items(of: value))
        case .first, .last:
            let all = try items(of: value)
            guard let item = filter == .first ? all.first : all.last else {
                throw TemplateError(message: "the value is empty")
            }
            return item
        case .int:
            let fallback = try a.optionalValue("default") ?? .int(0)
            let base = try a.optionalInt("base") ?? 10
            switch value {
            case .int: return value
            case .bool(let b): return .int(b ? 1 : 0)
            case .double(let d):
                // int(inf) raises in Python before Jinja's fallback to int(float(value)) can catch it.
                if d.isInfinite { throw Self.outOfRange(value.text) }
                return try Self.truncatedInt(d, describing: value).map { .int($0) } ?? fallback
            case .string(let s):
                // Jinja's do_int: int(value, base), else int(float(value)), else the default.
                let trimmed = TemplateText.strip(s, characters: nil, leading: true, trailing: true).replacingUnderscores
                guard base == 0 || (2...36).contains(base) else {
                    throw TemplateError(message: "int() base must be >= 2 and <= 36, or 0")
                }
                if let i = try Self.pythonInt(trimmed, base: base) { return .int(i) }
                // Python's float() reads no hexadecimal, unlike Swift's Double("0x1p3").
                if !trimmed.contains(where: { $0 == "x" || $0 == "X" }), let d = Double(trimmed) { return try Self.truncatedInt(d, describing: value).map { .int($0) } ?? fallback }
                return fallback
            default: return fallback
            }
        case .float:
            let fallback = try a.optionalValue("default") ?? .double(0)
            switch value {
            case .int(let i): return .double(Double(i))
            case .bool(let b): return .double(b ? 1 : 0)
            case .double: return value
            case .string(let s):
                return Double(TemplateText.strip(s, characters: nil, leading: true, trailing: true)).map { .double($0) } ?? fallback
            default: return fallback
            }
        case .string:
            return .string(value.text)
        case .abs:
            switch value {
            case .int(let i):
                guard i != Int.min else { throw TemplateError(message: "the number is too large") }
                return .int(Swift.abs(i))
            case .double(let d): return .double(Swift.abs(d))
            case .bool(let b): return .int(b ? 1 : 0)
            case .timedelta(let t): return .timedelta(TemplateTimeDelta(microseconds: Swift.abs(t.microseconds)))
            default: throw TemplateError(message: "a '\(value.typeName)' value has no absolute value")
            }
        case .round:
            let precision = try a.optionalInt("precision") ?? 0
            let method = try a.optionalString("method") ?? "common"
            let number: Double
            switch value {
            case .int(let i): number = Double(i)
            case .double(let d): number = d
            case .bool(let b): number = b ? 1 : 0
            default: throw TemplateError(message: "a '\(value.typeName)' value cannot be rounded")
            }
            var scale = 1.0
            for _ in 0..<Swift.min(Swift.max(precision, 0), 15) { scale *= 10 }
            let rule: FloatingPointRoundingRule
            switch method {
            case "common": rule = .toNearestOrEven
            case "ceil": rule = .up
            case "floor": rule = .down
            default: throw TemplateError(message: "the method must be 'common', 'ceil' or 'floor'")
            }
            return .double((number * scale).rounded(rule) / scale)
        case .ds, .dsNodash, .ts, .tsNodash, .tsNodashWithTz:
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
        }
    }

    /// What a filter iterates: list and tuple items, dict keys, string characters.
    private func items(of value: TemplateValue) throws -> [TemplateValue] {
        switch value {
        case .list(let l), .tuple(let l): return l
        case .dict(let d): return d.keys.map { .string($0) }
        case .string(let s):
            try TemplateArithmetic.checkItems(s.utf8.count)
            return s.map { .string(String($0)) }
        default: throw TemplateError(message: "a '\(value.typeName)' value is not a sequence")
        }
    }

    /// Evaluates a test (`is defined`, `is none`, ...). `value` is nil when undefined (only for
    /// `defined` and `undefined`).
    func check(_ test: TemplateTest, _ value: TemplateValue?, _ args: [TemplateValue], at: Int) throws -> Bool {
        guard let value else { return test == .undefined }
        switch test {
        case .defined: return true
        case .undefined: return false
        case .none: if case .none = value { return true }; return false
        case .string: if case .string = value { return true }; return false
        case .number:
            switch value { case .int, .double: return true; default: return false }
        case .integer: if case .int = value { return true }; return false
        case .float: if case .double = value { return true }; return false
        case .mapping: if case .dict = value { return true }; return false
        case .sequence, .iterable:
            switch value { case .list, .tuple, .dict, .string: return true; default: return false }
        case .true: if case .bool(true) = value { return true }; return false
        case .false: if case .bool(false) = value { return true }; return false
        case .lower: if case .string(let s) = value { return s == s.lowercased() }; return false
        case .upper: if case .string(let s) = value { return s == s.uppercased() }; return false
        case .eq:
            guard let other = args.first else { throw RenderFailure(offset: at, message: "the 'eq' test needs a value to compare with") }
            return value == other
        case .even, .odd, .divisibleby:
            guard case .int(let i) = value else {
                throw RenderFailure(offset: at, message: "the '\(test.rawValue)' test needs an integer, not a '\(value.typeName)'")
            }
            if test == .even { return i % 2 == 0 }
            if test == .odd { return i % 2 != 0 }
            guard let first = args.first, case .int(let n) = first, n != 0 else {
                throw RenderFailure(offset: at, message: "the 'divisibleby' test needs a non-zero integer")
            }
            return n == -1 || i % n == 0
        }
    }

    /// Python's `int(text, base)` for a stripped string: an optional sign, then digits in `base`, with a
    /// `0b`/`0o`/`0x` prefix allowed when it matches the base; base 0 takes the base from the prefix
    /// (and rejects a decimal with leading zeros). Nil when the text is no such number; an error when it
    /// is one outside the 64-bit range (Python would give it, Sluice cannot).
    static func pythonInt(_ text: String, base: Int) throws -> Int? {
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
        if let value = Int(sign + body, radix: radix) { return value }
        guard body.allSatisfy({ digitValue($0).map { $0 < radix } ?? false }) else { return nil }
        // Python would give the number; Sluice computes with 64-bit integers and says so rather than
        // falling back to the default, which would change the SQL silently.
        throw Self.outOfRange(sign + body)
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

    private static func outOfRange(_ text: String) -> TemplateError {
        TemplateError(message: "int: '\(UserText.quote(text))' is outside the 64-bit integers Sluice computes with (-9223372036854775808 to 9223372036854775807)")
    }
}

private extension String {
    var replacingUnderscores: String {
        contains("_") ? ((try? TemplateText.replace(self, "_", "")) ?? self) : self
    }
}
