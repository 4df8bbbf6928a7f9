import Foundation
import SluiceCore

/// Python 3.11's string formatting: `'%s-%05d' % (a, b)` (printf-style), `'{}-{:>4}'.format(a, b)`
/// with the format-spec mini-language, and the number helpers of Jinja's filters (`round`,
/// `filesizeformat`, `float`).
enum PythonFormat {
    // MARK: printf-style (`%`)

    /// `format % args`: a tuple gives the positional values, a dict the `%(name)s` values, anything
    /// else is the one value.
    static func percent(_ format: String, _ args: TemplateValue) throws -> String {
        let chars = Array(format.unicodeScalars)
        let positional: [TemplateValue]
        var mapping: TemplateDictionary?
        switch args {
        case .tuple(let items): positional = items
        case .dict(let d):
            positional = [args]
            mapping = d
        default: positional = [args]
        }
        var next = 0
        var usedMapping = false
        var out = ""
        func take() throws -> TemplateValue {
            guard next < positional.count else { throw TemplateError(message: "not enough arguments for format string") }
            defer { next += 1 }
            return positional[next]
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "%" else {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < chars.count else { throw TemplateError(message: "incomplete format") }
            var value: TemplateValue?
            if chars[i] == "(" {
                guard let mapping else { throw TemplateError(message: "format requires a mapping") }
                var depth = 1, j = i + 1
                while j < chars.count, depth > 0 {
                    if chars[j] == "(" { depth += 1 } else if chars[j] == ")" { depth -= 1 }
                    j += 1
                }
                guard depth == 0 else { throw TemplateError(message: "incomplete format key") }
                let key = String(String.UnicodeScalarView(chars[(i + 1)..<(j - 1)]))
                guard let v = mapping[key] else { throw TemplateError(message: "no key '\(UserText.quote(key))' for the format") }
                value = v
                usedMapping = true
                i = j
            }
            var spec = Spec()
            flags: while i < chars.count {
                switch chars[i] {
                case "-": spec.align = "<"
                case "+": spec.sign = "+"
                case " ": if spec.sign != "+" { spec.sign = " " }
                case "#": spec.alternate = true
                case "0": spec.zero = true
                default: break flags
                }
                i += 1
            }
            if i < chars.count, chars[i] == "*" {
                guard case .int(let w) = try take() else { throw TemplateError(message: "* wants int") }
                if w < 0 { spec.align = "<" }
                spec.width = Int(clamping: w.magnitude)
                try TemplateArithmetic.checkLength(spec.width ?? 0)
                i += 1
            } else {
                spec.width = readNumber(chars, &i)
            }
            if i < chars.count, chars[i] == "." {
                i += 1
                if i < chars.count, chars[i] == "*" {
                    guard case .int(let p) = try take() else { throw TemplateError(message: "* wants int") }
                    spec.precision = Swift.max(0, p)
                    try checkPrecision(p)
                    i += 1
                } else {
                    spec.precision = readNumber(chars, &i) ?? 0
                    try checkPrecision(spec.precision ?? 0)
                }
            }
            while i < chars.count, "hlL".unicodeScalars.contains(chars[i]) { i += 1 }
            guard i < chars.count else { throw TemplateError(message: "incomplete format") }
            let type = chars[i]
            i += 1
            if type == "%" {
                out += "%"
                continue
            }
            if spec.align == "<" { spec.zero = false }
            let v = try value ?? take()
            out += try percentOne(v, type: type, spec: spec)
            try TemplateArithmetic.checkLength(out.utf8.count)
        }
        if next < positional.count && mapping == nil {
            throw TemplateError(message: "not all arguments converted during string formatting")
        }
        _ = usedMapping
        return out
    }

    /// Precisions past this are refused rather than computed (Python would print that many digits).
    private static func checkPrecision(_ p: Int) throws {
        guard p <= 10_000 else { throw TemplateError(message: "a precision of \(p) digits is more than Sluice prints (at most 10000)") }
    }

    private static func readNumber(_ chars: [Unicode.Scalar], _ i: inout Int) -> Int? {
        var n: Int?
        while i < chars.count, let d = chars[i].properties.numericType == .decimal && chars[i].isASCII ? Int(chars[i].value) - 48 : nil {
            n = Swift.min((n ?? 0) * 10 + d, TemplateLimits.outputBytes + 1)
            i += 1
        }
        return n
    }

    private static func percentOne(_ v: TemplateValue, type: Unicode.Scalar, spec: Spec) throws -> String {
        var spec = spec
        if spec.align == nil && ["s", "r", "a", "c"].contains(type) { spec.align = ">" }
        switch type {
        case "s", "r", "a":
            var text = type == "s" ? v.text : (type == "r" ? v.reprText : ascii(v.reprText))
            if let p = spec.precision { text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(p))) }
            spec.zero = false
            return spec.padded(sign: "", body: text, numeric: false)
        case "c":
            var v = v
            if case .bool(let b) = v { v = .int(b ? 1 : 0) }
            switch v {
            case .int(let code):
                guard code >= 0, let scalar = Unicode.Scalar(UInt32(clamping: code)) else { throw TemplateError(message: "%c arg not in range(0x110000)") }
                return spec.padded(sign: "", body: String(Character(scalar)), numeric: false)
            case .string(let s) where s.unicodeScalars.count == 1:
                return spec.padded(sign: "", body: s, numeric: false)
            default: throw TemplateError(message: "%c requires int or char")
            }
        case "d", "i", "u":
            let i: Int
            switch v {
            case .int(let n): i = n
            case .bool(let b): i = b ? 1 : 0
            case .double(let d):
                guard let n = try TemplateRenderer.truncatedInt(d, describing: v) else { throw TemplateError(message: "cannot convert float \(v.text) to integer") }
                i = n
            default: throw TemplateError(message: "%\(type) format: a real number is required, not \(v.typeName)")
            }
            var digits = String(i.magnitude)
            if let p = spec.precision, digits.count < p { digits = String(repeating: "0", count: p - digits.count) + digits }
            return spec.padded(sign: signText(negative: i < 0, spec), body: digits, numeric: true)
        case "o", "x", "X":
            let i: Int
            switch v {
            case .int(let n): i = n
            case .bool(let b): i = b ? 1 : 0
            default: throw TemplateError(message: "%\(type) format: an integer is required, not \(v.typeName)")
            }
            var digits = String(i.magnitude, radix: type == "o" ? 8 : 16, uppercase: type == "X")
            if let p = spec.precision, digits.count < p { digits = String(repeating: "0", count: p - digits.count) + digits }
            let prefix = spec.alternate ? (type == "o" ? "0o" : (type == "x" ? "0x" : "0X")) : ""
            return spec.padded(sign: signText(negative: i < 0, spec) + prefix, body: digits, numeric: true)
        case "e", "E", "f", "F", "g", "G":
            guard let d = PythonOrder.number(v) else { throw TemplateError(message: "must be real number, not \(v.typeName)") }
            let body = floatBody(Swift.abs(d), type: type, precision: spec.precision ?? 6, alternate: spec.alternate)
            return spec.padded(sign: signText(negative: d.sign == .minus && !d.isNaN, spec), body: body, numeric: true)
        default:
            throw TemplateError(message: "unsupported format character '\(Character(type))' (0x\(String(type.value, radix: 16)))")
        }
    }

    private static func signText(negative: Bool, _ spec: Spec) -> String {
        negative ? "-" : (spec.sign == "+" ? "+" : (spec.sign == " " ? " " : ""))
    }


    /// Digits of a non-negative float in C's `%e`, `%f`, `%g` (Python's printf types match C's).
    private static func floatBody(_ d: Double, type: Unicode.Scalar, precision: Int, alternate: Bool) -> String {
        let upper = type == "E" || type == "F" || type == "G"
        if d.isNaN { return upper ? "NAN" : "nan" }
        if d.isInfinite { return upper ? "INF" : "inf" }
        return String(format: "%\(alternate ? "#" : "").\(precision)\(Character(type))", d)
    }

    /// `ascii()`: `repr` with non-ASCII characters escaped.
    private static func ascii(_ repr: String) -> String {
        var out = ""
        for c in repr.unicodeScalars {
            if c.isASCII { out.unicodeScalars.append(c) } else { PythonRepr.appendEscape(c, to: &out) }
        }
        return out
    }

    /// A parsed conversion: fill, alignment, sign, `#`, `0`, width, grouping, precision.
    private struct Spec {
        var fill: String = " "
        var align: Character?
        var sign: Character?
        var alternate = false
        var zero = false
        var width: Int?
        var grouping: Character?
        var precision: Int?

        /// `sign` + `body` padded to the width: zero padding and `=` go between sign and digits.
        func padded(sign: String, body: String, numeric: Bool) -> String {
            let length = sign.unicodeScalars.count + body.unicodeScalars.count
            guard let width, width > length else { return sign + body }
            let margin = width - length
            let alignment = align ?? (numeric ? (zero ? "=" : ">") : "<")
            let filler = align == nil && zero ? "0" : fill
            switch alignment {
            case "<": return sign + body + String(repeating: filler, count: margin)
            case ">": return String(repeating: filler, count: margin) + sign + body
            case "^": return String(repeating: filler, count: margin / 2) + sign + body + String(repeating: filler, count: margin - margin / 2)
            default: return sign + String(repeating: filler, count: margin) + body
            }
        }
    }

    // MARK: str.format

    /// `format.format(*positional, **keywords)`.
    static func format(_ format: String, _ positional: [TemplateValue], _ keywords: [(String, TemplateValue)], depth: Int = 0) throws -> String {
        let chars = Array(format.unicodeScalars)
        var out = ""
        var automatic = 0
        var numbering: Bool?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "}" {
                guard i + 1 < chars.count, chars[i + 1] == "}" else { throw TemplateError(message: "Single '}' encountered in format string") }
                out += "}"
                i += 2
                continue
            }
            guard c == "{" else {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            if i + 1 < chars.count, chars[i + 1] == "{" {
                out += "{"
                i += 2
                continue
            }
            var j = i + 1, nesting = 1
            while j < chars.count {
                if chars[j] == "{" { nesting += 1 } else if chars[j] == "}" { nesting -= 1; if nesting == 0 { break } }
                j += 1
            }
            guard j < chars.count else { throw TemplateError(message: "expected '}' before end of string") }
            let field = Array(chars[(i + 1)..<j])
            i = j + 1
            // field_name [!conversion] [:format_spec]; '[' ... ']' may hold ':' or '!'.
            var k = 0, inBracket = false
            while k < field.count {
                if field[k] == "[" { inBracket = true } else if field[k] == "]" { inBracket = false } else if !inBracket && (field[k] == "!" || field[k] == ":") { break }
                k += 1
            }
            let name = Array(field[..<k])
            var conversion: Unicode.Scalar?
            var spec = ""
            if k < field.count, field[k] == "!" {
                guard k + 1 < field.count else { throw TemplateError(message: "end of string while looking for conversion specifier") }
                conversion = field[k + 1]
                k += 2
                guard k == field.count || field[k] == ":" else { throw TemplateError(message: "expected ':' after conversion specifier") }
            }
            if k < field.count, field[k] == ":" {
                spec = String(String.UnicodeScalarView(field[(k + 1)...]))
                if spec.contains("{") {
                    guard depth < 1 else { throw TemplateError(message: "Max string recursion exceeded") }
                    spec = try self.format(spec, positional, keywords, depth: depth + 1)
                }
            }
            var value = try resolveField(name, positional, keywords, &automatic, &numbering)
            switch conversion {
            case nil: break
            case "s": value = .string(value.text)
            case "r": value = .string(value.reprText)
            case "a": value = .string(ascii(value.reprText))
            case let other?: throw TemplateError(message: "Unknown conversion specifier \(Character(other))")
            }
            out += try formatValue(value, spec: spec)
            try TemplateArithmetic.checkLength(out.utf8.count)
        }
        return out
    }

    private static func resolveField(_ name: [Unicode.Scalar], _ positional: [TemplateValue], _ keywords: [(String, TemplateValue)],
                                     _ automatic: inout Int, _ numbering: inout Bool?) throws -> TemplateValue {
        var k = 0
        while k < name.count, name[k] != ".", name[k] != "[" { k += 1 }
        let first = String(String.UnicodeScalarView(name[..<k]))
        var value: TemplateValue
        if first.isEmpty || first.allSatisfy(\.isASCII) && Int(first) != nil {
            let index: Int
            if first.isEmpty {
                if numbering == false { throw TemplateError(message: "cannot switch from manual field specification to automatic field numbering") }
                numbering = true
                index = automatic
                automatic += 1
            } else {
                if numbering == true { throw TemplateError(message: "cannot switch from automatic field numbering to manual field specification") }
                numbering = false
                index = Int(first) ?? 0
            }
            guard positional.indices.contains(index) else { throw TemplateError(message: "Replacement index \(index) out of range for positional args tuple") }
            value = positional[index]
        } else {
            guard let v = keywords.last(where: { $0.0 == first })?.1 else { throw TemplateError(message: "no argument named '\(UserText.quote(first))' for the format") }
            value = v
        }
        while k < name.count {
            if name[k] == "." {
                var e = k + 1
                while e < name.count, name[e] != ".", name[e] != "[" { e += 1 }
                let attribute = String(String.UnicodeScalarView(name[(k + 1)..<e]))
                guard !attribute.isEmpty else { throw TemplateError(message: "Empty attribute in format string") }
                guard let v = formatLookup(value, .string(attribute)) else {
                    throw TemplateError(message: "a '\(value.typeName)' value has no attribute '\(UserText.quote(attribute))' for the format")
                }
                value = v
                k = e
            } else {
                guard let close = name[k...].firstIndex(of: "]") else { throw TemplateError(message: "Missing ']' in format string") }
                let keyText = String(String.UnicodeScalarView(name[(k + 1)..<close]))
                let key: TemplateValue = keyText.allSatisfy(\.isASCII) && !keyText.isEmpty && keyText.allSatisfy(\.isNumber) ? .int(Int(keyText) ?? 0) : .string(keyText)
                guard let v = formatLookup(value, key) else { throw TemplateError(message: "no item \(key.reprText) in a '\(value.typeName)' value for the format") }
                value = v
                k = close + 1
                if k < name.count, name[k] != ".", name[k] != "[" { throw TemplateError(message: "Only '.' or '[' may follow ']' in format field specifier") }
            }
        }
        return value
    }

    private static func formatLookup(_ value: TemplateValue, _ key: TemplateValue) -> TemplateValue? {
        switch (value, key) {
        case let (.dict(d), .string(k)): return d[k]
        case let (.dict(d), .int(i)): return d[String(i)]
        case let (.namespace(n), .string(k)): return n.attributes[k]
        case let (.list(items), .int(i)), let (.tuple(items), .int(i)): return items.indices.contains(i) ? items[i] : nil
        case let (.string(s), .int(i)):
            let chars = Array(s.unicodeScalars)
            return chars.indices.contains(i) ? .string(String(Character(chars[i]))) : nil
        default: return nil
        }
    }

    /// Python's `format(value, spec)`.
    static func formatValue(_ value: TemplateValue, spec text: String) throws -> String {
        if text.isEmpty { return value.text }
        switch value {
        case .datetime(let dt):
            guard text.contains("%") else {
                throw TemplateError(message: "pendulum format tokens in a format field ('{:\(UserText.quote(text))}') are not supported; use strftime codes ('{:%Y-%m-%d}') or .format()")
            }
            return dt.strftime(text)
        case .date(let d):
            return d.midnight.strftime(text)
        case .string(let s):
            let spec = try parseSpec(text)
            guard spec.type == nil || spec.type == "s" else { throw TemplateError(message: "Unknown format code '\(spec.type.map { String($0) } ?? "")' for object of type 'str'") }
            guard spec.sign == nil else { throw TemplateError(message: "Sign not allowed in string format specifier") }
            if let grouping = spec.grouping { throw TemplateError(message: "Cannot specify '\(grouping)' with 's'.") }
            if spec.layout.alternate { throw TemplateError(message: "Alternate form (#) not allowed in string format specifier") }
            guard spec.align != "=" else { throw TemplateError(message: "'=' alignment not allowed in string format specifier") }
            var body = s
            if let p = spec.precision { body = String(String.UnicodeScalarView(s.unicodeScalars.prefix(p))) }
            var layout = spec.layout
            if spec.zeroFlag && spec.align == nil { layout.fill = "0"; layout.align = "<" }
            layout.zero = false
            return layout.padded(sign: "", body: body, numeric: false)
        case .int(let i):
            return try formatInt(i, try parseSpec(text))
        case .bool(let b):
            return try formatInt(b ? 1 : 0, try parseSpec(text))
        case .double(let d):
            return try formatFloat(d, try parseSpec(text))
        default:
            throw TemplateError(message: "unsupported format string passed to \(value.typeName).__format__")
        }
    }

    private struct ParsedSpec {
        var layout = Spec()
        var align: Character?
        var sign: Character?
        var zeroFlag = false
        var precision: Int?
        var grouping: Character?
        var type: Character?
    }

    private static func parseSpec(_ text: String) throws -> ParsedSpec {
        let chars = Array(text)
        var p = ParsedSpec()
        var i = 0
        let aligns: Set<Character> = ["<", ">", "^", "="]
        var explicitFill = false
        if chars.count >= 2, aligns.contains(chars[1]) {
            p.layout.fill = String(chars[0])
            explicitFill = true
            p.align = chars[1]
            i = 2
        } else if let first = chars.first, aligns.contains(first) {
            p.align = first
            i = 1
        }
        if i < chars.count, "+- ".contains(chars[i]) { p.sign = chars[i]; i += 1 }
        if i < chars.count, chars[i] == "z" { i += 1 }
        if i < chars.count, chars[i] == "#" { p.layout.alternate = true; i += 1 }
        if i < chars.count, chars[i] == "0" { p.zeroFlag = true; i += 1 }
        var width: Int?
        while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII {
            width = Swift.min((width ?? 0) * 10 + d, TemplateLimits.outputBytes + 1)
            i += 1
        }
        if i < chars.count, chars[i] == "," || chars[i] == "_" { p.grouping = chars[i]; i += 1 }
        if i < chars.count, chars[i] == "." {
            i += 1
            var precision: Int?
            while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII {
                precision = Swift.min((precision ?? 0) * 10 + d, Int(Int32.max))
                i += 1
            }
            guard let precision else { throw TemplateError(message: "Format specifier missing precision") }
            try checkPrecision(precision)
            p.precision = precision
        }
        if i < chars.count { p.type = chars[i]; i += 1 }
        guard i == chars.count else { throw TemplateError(message: "Invalid format specifier '\(UserText.quote(text))'") }
        if let grouping = p.grouping, let type = p.type {
            let allowed: Set<Character> = grouping == "," ? ["d", "e", "f", "g", "E", "F", "G", "%"] : ["d", "e", "f", "g", "E", "F", "G", "%", "b", "o", "x", "X"]
            guard allowed.contains(type) else { throw TemplateError(message: "Cannot specify '\(grouping)' with '\(type)'.") }
        }
        p.layout.width = width
        p.layout.align = p.align
        p.layout.sign = p.sign
        if p.zeroFlag && p.align == nil { p.layout.zero = true }
        if p.zeroFlag && !explicitFill { p.layout.fill = "0" }
        return p
    }

    private static func grouped(_ digits: String, _ separator: Character?, every: Int = 3) -> String {
        guard let separator else { return digits }
        var out = ""
        for (index, c) in digits.enumerated() {
            if index > 0 && (digits.count - index) % every == 0 { out.append(separator) }
            out.append(c)
        }
        return out
    }

    private static func formatInt(_ i: Int, _ p: ParsedSpec) throws -> String {
        let type = p.type ?? "d"
        switch type {
        case "e", "E", "f", "F", "g", "G", "%":
            return try formatFloat(Double(i), p)
        case "d", "n", "b", "o", "x", "X", "c":
            guard p.precision == nil else { throw TemplateError(message: "Precision not allowed in integer format specifier") }
            if type == "c" {
                if p.sign != nil { throw TemplateError(message: "Sign not allowed with integer format specifier 'c'") }
                if p.layout.alternate { throw TemplateError(message: "Alternate form (#) not allowed with integer format specifier 'c'") }
                guard i >= 0, let scalar = Unicode.Scalar(UInt32(clamping: i)) else { throw TemplateError(message: "%c arg not in range(0x110000)") }
                return p.layout.padded(sign: "", body: String(Character(scalar)), numeric: false)
            }
            let radix = type == "b" ? 2 : (type == "o" ? 8 : (type == "x" || type == "X" ? 16 : 10))
            let digits = grouped(String(i.magnitude, radix: radix, uppercase: type == "X"), p.grouping, every: radix == 10 ? 3 : 4)
            let prefix = p.layout.alternate && radix != 10 ? "0" + (type == "X" ? "X" : String(type)) : ""
            return zeroPadded(p, sign: signText(negative: i < 0, p.layout) + prefix, digits: digits)
        default:
            throw TemplateError(message: "Unknown format code '\(type)' for object of type 'int'")
        }
    }

    /// With `0` and grouping Python also groups the zero padding (`{:010,}` gives `00,001,234`).
    private static func zeroPadded(_ p: ParsedSpec, sign: String, digits: String) -> String {
        let zeroFill = p.layout.fill == "0" && (p.align == "=" || (p.align == nil && p.zeroFlag))
        if zeroFill, let width = p.layout.width, let separator = p.grouping {
            let every = ["b", "o", "x", "X"].contains(p.type ?? "d") ? 4 : 3
            let integerEnd = digits.firstIndex { !$0.isHexDigit && $0 != separator || $0 == "e" || $0 == "E" } ?? digits.endIndex
            var raw = String(digits[..<integerEnd].filter { $0 != separator })
            let rest = digits[integerEnd...]
            var body = grouped(raw, separator, every: every)
            while sign.count + body.count + rest.count < width {
                raw = "0" + raw
                body = grouped(raw, separator, every: every)
            }
            return sign + body + rest
        }
        return p.layout.padded(sign: sign, body: digits, numeric: true)
    }

    private static func formatFloat(_ d: Double, _ p: ParsedSpec) throws -> String {
        let negative = d.sign == .minus && !d.isNaN
        let magnitude = Swift.abs(d)
        var body: String
        switch p.type {
        case nil:
            if let precision = p.precision {
                body = shortFloat(magnitude, precision: Swift.max(precision, 1), alternate: p.layout.alternate)
            } else {
                body = TemplateValue.pythonFloat(magnitude)
                if p.layout.alternate, magnitude.isFinite, !body.contains("."), let e = body.firstIndex(of: "e") { body.insert(".", at: e) }
            }
        case "e", "E", "f", "F", "g", "G":
            let type = Unicode.Scalar(String(p.type ?? "f")) ?? "f"
            body = floatBody(magnitude, type: type, precision: p.precision ?? 6, alternate: p.layout.alternate)
        case "n":
            body = floatBody(magnitude, type: "g", precision: p.precision ?? 6, alternate: p.layout.alternate)
        case "%":
            body = floatBody(magnitude * 100, type: "f", precision: p.precision ?? 6, alternate: p.layout.alternate) + "%"
        case let other?:
            throw TemplateError(message: "Unknown format code '\(other)' for object of type 'float'")
        }
        if p.grouping != nil, magnitude.isFinite, !body.contains("e") {
            let integerEnd = body.firstIndex(where: { !$0.isNumber }) ?? body.endIndex
            body = grouped(String(body[..<integerEnd]), p.grouping) + body[integerEnd...]
        }
        return zeroPadded(p, sign: signText(negative: negative, p.layout), digits: body)
    }

    /// `format(x, '.N')`: like `g`, but fixed notation keeps one decimal and switches to exponent at exp >= N - 1.
    private static func shortFloat(_ d: Double, precision: Int, alternate: Bool) -> String {
        if !d.isFinite { return TemplateValue.pythonFloat(d) }
        let flag = alternate ? "#" : ""
        let scientific = String(format: "%\(flag).\(precision - 1)e", d)
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...]) else { return scientific }
        if exponent < -4 || exponent >= precision - 1 {
            var mantissa = String(scientific[..<e])
            if mantissa.contains("."), !alternate {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let sign = exponent < 0 ? "-" : "+"
            let digits = String(Swift.abs(exponent))
            return mantissa + "e" + sign + (digits.count < 2 ? "0" + digits : digits)
        }
        var fixed = String(format: "%\(flag).\(Swift.max(0, precision - 1 - exponent))f", d)
        if fixed.contains("."), !alternate {
            while fixed.hasSuffix("0") { fixed.removeLast() }
        }
        if fixed.hasSuffix(".") { fixed += "0" } else if !fixed.contains(".") { fixed += ".0" }
        return fixed
    }

    // MARK: numbers for filters

    /// Python's `float(text)`: surrounding whitespace, `_` between digits, `inf`, `nan`; no hexadecimal.
    static func parseFloat(_ text: String) -> Double? {
        var s = TemplateText.strip(text, characters: nil, leading: true, trailing: true)
        if s.contains("_") {
            let chars = Array(s)
            for (i, c) in chars.enumerated() where c == "_" {
                guard i > 0, i + 1 < chars.count, chars[i - 1].isNumber, chars[i + 1].isNumber else { return nil }
            }
            s = s.replacingOccurrences(of: "_", with: "")
        }
        guard !s.isEmpty, s.allSatisfy(\.isASCII), !s.contains(where: { $0 == "x" || $0 == "X" || $0 == "p" || $0 == "P" }) else { return nil }
        let lower = s.lowercased()
        let body = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
        if body == "inf" || body == "infinity" { return lower.hasPrefix("-") ? -.infinity : .infinity }
        if body == "nan" { return .nan }
        guard body.first.map({ $0.isNumber || $0 == "." }) ?? false else { return nil }
        return Double(s)
    }

    /// Jinja's `round(value, precision, method)`: `common` is Python's `round` (an int stays an int),
    /// `ceil` and `floor` give floats.
    static func round(_ value: TemplateValue, precision: Int, method: String) throws -> TemplateValue {
        guard ["common", "ceil", "floor"].contains(method) else { throw TemplateError(message: "method must be common, ceil or floor") }
        let x: Double
        switch value {
        case .int(let i) where method == "common":
            guard precision < 0 else { return value }
            guard precision > -19 else { return .int(0) }
            var scale = 1
            for _ in 0..<(-precision) { scale *= 10 }
            let quotient = CivilCalendar.floorDiv(i, scale), remainder = i - quotient * scale
            var rounded = quotient
            if remainder * 2 > scale || (remainder * 2 == scale && quotient % 2 != 0) { rounded += 1 }
            let (result, overflow) = rounded.multipliedReportingOverflow(by: scale)
            guard !overflow else { throw TemplateError(message: "the number is too large") }
            return .int(result)
        case .int(let i): x = Double(i)
        case .bool(let b): x = b ? 1 : 0
        case .double(let d): x = d
        default: throw TemplateError(message: "a '\(value.typeName)' value cannot be rounded")
        }
        if method == "common" {
            guard x.isFinite else { return .double(x) }
            if precision >= 0 {
                return .double(Double(String(format: "%.\(Swift.min(precision, 400))f", x)) ?? x)
            }
            let scale = pow(10.0, -Double(precision))
            if scale.isInfinite { return .double(x.sign == .minus ? -0.0 : 0.0) }
            return .double((x / scale).rounded(.toNearestOrEven) * scale)
        }
        let scale = pow(10.0, Double(precision))
        guard scale != 0 else { throw TemplateError(message: "float division by zero") }
        let scaled = x * scale
        guard scaled.isFinite else { throw TemplateError(message: "cannot convert float infinity to integer") }
        return .double((method == "ceil" ? scaled.rounded(.up) : scaled.rounded(.down)) / scale)
    }

    /// Jinja's `filesizeformat`.
    static func fileSize(_ value: TemplateValue, binary: Bool) throws -> String {
        let bytes: Double
        switch value {
        case .string(let s):
            guard let d = parseFloat(s) else { throw TemplateError(message: "could not convert string to float: \(value.reprText)") }
            bytes = d
        default:
            guard let d = PythonOrder.number(value) else { throw TemplateError(message: "float() argument must be a string or a real number, not '\(value.typeName)'") }
            bytes = d
        }
        let base: Double = binary ? 1024 : 1000
        let prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        if bytes == 1 { return "1 Byte" }
        if bytes < base {
            guard let i = try TemplateRenderer.truncatedInt(bytes, describing: value) else { throw TemplateError(message: "cannot convert float \(bytes) to integer") }
            return "\(i) Bytes"
        }
        var unit = base
        for prefix in prefixes {
            unit *= base
            if bytes < unit || prefix == prefixes.last { return String(format: "%.1f ", base * bytes / unit) + prefix }
        }
        return ""
    }
}
