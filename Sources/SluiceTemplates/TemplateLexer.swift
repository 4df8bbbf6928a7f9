import SluiceCore

/// Splits a template into tokens: text between tags, and the expression tokens inside `{{ }}` and
/// `{% %}`. Comments `{# #}` are dropped here; whitespace control (`{%-`, `-%}`, `{{-`, `-}}`,
/// `{#-`, `-#}`) trims the neighbouring text here; `{% raw %}...{% endraw %}` becomes plain text.
///
/// Like Jinja, a closing `}}` only counts when every bracket opened inside the tag is closed, so
/// `{{ {'a': {'b': 1}} }}` works.
struct TemplateLexer {
    private let source: TemplateSource
    private let bytes: [UInt8]
    private var pos = 0
    private var tokens: [TemplateToken] = []
    /// Whether the previous tag ended with `-`, so the next text loses its leading whitespace.
    private var stripNextText = false

    init(source: TemplateSource) {
        self.source = source
        self.bytes = Array(source.text.utf8)
    }

    static func tokenize(_ source: TemplateSource) throws -> [TemplateToken] {
        var lexer = TemplateLexer(source: source)
        try lexer.run()
        return lexer.tokens
    }

    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let percent = UInt8(ascii: "%")
    private static let hash = UInt8(ascii: "#")
    private static let dash = UInt8(ascii: "-")
    private static let plus = UInt8(ascii: "+")

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 32 || b == 9 || b == 10 || b == 13 || b == 12 || b == 11
    }

    private mutating func run() throws {
        let n = bytes.count
        while pos < n {
            // Find the next tag start.
            var i = pos
            var tagKind: UInt8 = 0
            while i + 1 < n {
                if bytes[i] == Self.openBrace {
                    let next = bytes[i + 1]
                    if next == Self.openBrace || next == Self.percent || next == Self.hash {
                        tagKind = next
                        break
                    }
                }
                i += 1
            }
            if tagKind == 0 { i = n }
            let stripBefore = tagKind != 0 && i + 2 < n && bytes[i + 2] == Self.dash
            emitText(from: pos, to: i, stripTrailing: stripBefore)
            if tagKind == 0 { break }
            let tagStart = i
            pos = i + 2
            if pos < n, bytes[pos] == Self.dash || bytes[pos] == Self.plus { pos += 1 }
            switch tagKind {
            case Self.hash:
                try skipComment(openedAt: tagStart)
            case Self.openBrace:
                tokens.append(TemplateToken(kind: .variableBegin, offset: tagStart))
                try lexInside(closer: Self.closeBrace, openedAt: tagStart)
            default:
                let first = tokens.count
                tokens.append(TemplateToken(kind: .blockBegin, offset: tagStart))
                try lexInside(closer: Self.percent, openedAt: tagStart)
                if tokens.count == first + 3, case .name("raw") = tokens[first + 1].kind {
                    tokens.removeLast(3)
                    try lexRaw(openedAt: tagStart)
                }
            }
        }
    }

    /// Appends the text `bytes[start..<end]`, trimmed as whitespace control asks.
    private mutating func emitText(from start: Int, to end: Int, stripTrailing: Bool) {
        var s = start
        var e = end
        if stripNextText {
            while s < e, Self.isSpace(bytes[s]) { s += 1 }
            stripNextText = false
        }
        if stripTrailing {
            while e > s, Self.isSpace(bytes[e - 1]) { e -= 1 }
        }
        if s < e {
            tokens.append(TemplateToken(kind: .text(String(decoding: bytes[s..<e], as: UTF8.self)), offset: s))
        }
    }

    private mutating func skipComment(openedAt start: Int) throws {
        let n = bytes.count
        while pos + 1 < n {
            if bytes[pos] == Self.hash && bytes[pos + 1] == Self.closeBrace {
                stripNextText = pos > 0 && bytes[pos - 1] == Self.dash
                pos += 2
                return
            }
            pos += 1
        }
        throw source.error(at: start, "the comment '{#' is never closed; end it with '#}'")
    }

    /// Everything up to the matching `{% endraw %}` becomes text.
    private mutating func lexRaw(openedAt start: Int) throws {
        let n = bytes.count
        var i = pos
        while i + 1 < n {
            if bytes[i] == Self.openBrace && bytes[i + 1] == Self.percent {
                var j = i + 2
                let stripBefore = j < n && bytes[j] == Self.dash
                if j < n, bytes[j] == Self.dash || bytes[j] == Self.plus { j += 1 }
                while j < n, Self.isSpace(bytes[j]) { j += 1 }
                let word = Array("endraw".utf8)
                if j + word.count <= n, Array(bytes[j..<(j + word.count)]) == word {
                    j += word.count
                    while j < n, Self.isSpace(bytes[j]) { j += 1 }
                    var stripAfter = false
                    if j < n, bytes[j] == Self.dash || bytes[j] == Self.plus {
                        stripAfter = bytes[j] == Self.dash
                        j += 1
                    }
                    if j + 1 < n, bytes[j] == Self.percent, bytes[j + 1] == Self.closeBrace {
                        emitText(from: pos, to: i, stripTrailing: stripBefore)
                        stripNextText = stripAfter
                        pos = j + 2
                        return
                    }
                }
            }
            i += 1
        }
        throw source.error(at: start, "the 'raw' block is never closed; end it with '{% endraw %}'")
    }

    /// Lexes expression tokens until the tag's closing delimiter (`}}` or `%}`).
    private mutating func lexInside(closer: UInt8, openedAt start: Int) throws {
        let n = bytes.count
        var depth = 0
        let closeText = closer == Self.closeBrace ? "}}" : "%}"
        let openText = closer == Self.closeBrace ? "{{" : "{%"
        while true {
            while pos < n, Self.isSpace(bytes[pos]) { pos += 1 }
            guard pos < n else {
                throw source.error(at: start, "the tag '\(UserText.quote(openText))' is never closed; end it with '\(closeText)'")
            }
            let b = bytes[pos]
            if depth == 0 {
                // `-}}` / `-%}`, `+%}`, `}}` / `%}`.
                var j = pos
                var strip = false
                if b == Self.dash || b == Self.plus, j + 2 < n, bytes[j + 1] == closer, bytes[j + 2] == Self.closeBrace {
                    strip = b == Self.dash
                    j += 1
                }
                if bytes[j] == closer, j + 1 < n, bytes[j + 1] == Self.closeBrace {
                    tokens.append(TemplateToken(kind: closer == Self.closeBrace ? .variableEnd : .blockEnd, offset: pos))
                    pos = j + 2
                    stripNextText = strip
                    return
                }
            }
            if depth == 0, b == Self.openBrace, pos + 1 < n,
               bytes[pos + 1] == Self.percent || bytes[pos + 1] == Self.openBrace {
                throw source.error(at: start, "the tag '\(UserText.quote(openText))' is never closed before the next tag; end it with '\(closeText)'")
            }
            let tokenStart = pos
            if let first = nameScalarLength(at: pos, start: true) {
                var e = pos + first
                while e < n, let more = nameScalarLength(at: e, start: false) { e += more }
                tokens.append(TemplateToken(kind: .name(String(decoding: bytes[pos..<e], as: UTF8.self)), offset: tokenStart))
                pos = e
            } else if Self.isDigit(b) {
                try lexNumber()
            } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                try lexString(quote: b)
            } else {
                let op = try lexOperator()
                switch op {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(0, depth - 1)
                default: break
                }
                tokens.append(TemplateToken(kind: .op(op), offset: tokenStart))
            }
        }
    }

    private static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
    }

    /// The UTF-8 length of the identifier character at `i` (Python's rule: XID_Start first, then
    /// XID_Continue), or nil when there is none.
    private func nameScalarLength(at i: Int, start: Bool) -> Int? {
        let b = bytes[i]
        if b < 0x80 { return Self.isNameStart(b) || (!start && Self.isDigit(b)) ? 1 : nil }
        let width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        guard i + width <= bytes.count,
              let scalar = String(decoding: bytes[i..<(i + width)], as: UTF8.self).unicodeScalars.first,
              start ? scalar.properties.isXIDStart : scalar.properties.isXIDContinue else { return nil }
        return width
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private mutating func lexNumber() throws {
        let n = bytes.count
        let start = pos
        if bytes[pos] == UInt8(ascii: "0"), pos + 1 < n, let radix = Self.radix(bytes[pos + 1]) {
            // 0b1001, 0o17, 0x1F, with underscores between digits.
            pos += 2
            let digitsStart = pos
            while pos < n, bytes[pos] == 95 || Self.isNameStart(bytes[pos]) || Self.isDigit(bytes[pos]) { pos += 1 }
            let digits = String(decoding: bytes[digitsStart..<pos].filter { $0 != 95 }, as: UTF8.self)
            guard let value = try Self.integerToken(digits, radix: radix) else {
                throw source.error(at: start, "'\(UserText.quote(String(decoding: bytes[start..<pos], as: UTF8.self)))' is not a valid number")
            }
            tokens.append(TemplateToken(kind: value, offset: start))
            return
        }
        var isFloat = false
        while pos < n, Self.isDigit(bytes[pos]) || bytes[pos] == 95 { pos += 1 }
        // A fraction only when a digit follows the dot (so `foo.0.bar` style access keeps working).
        if pos + 1 < n, bytes[pos] == UInt8(ascii: "."), Self.isDigit(bytes[pos + 1]),
           !(start > 0 && bytes[start - 1] == UInt8(ascii: ".")) {
            isFloat = true
            pos += 1
            while pos < n, Self.isDigit(bytes[pos]) || bytes[pos] == 95 { pos += 1 }
        }
        if pos < n, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            var j = pos + 1
            if j < n, bytes[j] == Self.plus || bytes[j] == Self.dash { j += 1 }
            if j < n, Self.isDigit(bytes[j]) {
                isFloat = true
                pos = j
                while pos < n, Self.isDigit(bytes[pos]) || bytes[pos] == 95 { pos += 1 }
            }
        }
        let text = String(decoding: bytes[start..<pos].filter { $0 != 95 }, as: UTF8.self)
        if isFloat {
            guard let d = Double(text) else { throw source.error(at: start, "'\(UserText.quote(text))' is not a valid number") }
            tokens.append(TemplateToken(kind: .float(d), offset: start))
        } else {
            let value: TemplateToken.Kind?
            do {
                value = try Self.integerToken(text, radix: 10)
            } catch let error as TemplateError {
                throw source.error(at: start, error.message)
            }
            guard let value else { throw source.error(at: start, "'\(UserText.quote(text))' is not a valid number") }
            tokens.append(TemplateToken(kind: value, offset: start))
        }
    }

    /// An integer token: `.integer` when it fits 64 bits, else `.bigInteger`; nil when not digits.
    private static func integerToken(_ digits: String, radix: Int) throws -> TemplateToken.Kind? {
        if let i = Int(digits, radix: radix) { return .integer(i) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit && Int(String($0), radix: radix) != nil }) else { return nil }
        guard case .object(let o as TemplateBigInteger)? = try TemplateBigInteger.parse(digits, radix: radix) else { return nil }
        return .bigInteger(o)
    }

    private static func radix(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "b"), UInt8(ascii: "B"): return 2
        case UInt8(ascii: "o"), UInt8(ascii: "O"): return 8
        case UInt8(ascii: "x"), UInt8(ascii: "X"): return 16
        default: return nil
        }
    }

    /// A quoted string with Python's escapes (`\n \t \r \\ \' \" \xhh \uhhhh`); other escapes stay as written.
    private mutating func lexString(quote: UInt8) throws {
        let n = bytes.count
        let start = pos
        pos += 1
        var out: [UInt8] = []
        while pos < n {
            let b = bytes[pos]
            if b == quote {
                pos += 1
                tokens.append(TemplateToken(kind: .string(String(decoding: out, as: UTF8.self)), offset: start))
                return
            }
            if b == UInt8(ascii: "\\"), pos + 1 < n {
                let e = bytes[pos + 1]
                pos += 2
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "0"): out.append(0)
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
                case UInt8(ascii: "\n"): break
                case UInt8(ascii: "x"), UInt8(ascii: "u"):
                    let width = e == UInt8(ascii: "x") ? 2 : 4
                    guard pos + width <= n,
                          let code = UInt32(String(decoding: bytes[pos..<(pos + width)], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else {
                        throw source.error(at: pos - 2, "the escape '\\\(Character(Unicode.Scalar(e)))' needs \(width) hexadecimal digits")
                    }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    pos += width
                default:
                    out.append(UInt8(ascii: "\\"))
                    out.append(e)
                }
                continue
            }
            out.append(b)
            pos += 1
        }
        throw source.error(at: start, "the string starting here is never closed")
    }

    private mutating func lexOperator() throws -> String {
        let n = bytes.count
        let b = bytes[pos]
        if pos + 1 < n {
            let pair = String(decoding: bytes[pos..<(pos + 2)], as: UTF8.self)
            switch pair {
            case "//", "**", "==", "!=", "<=", ">=":
                pos += 2
                return pair
            default: break
            }
        }
        switch b {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
             UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "."),
             UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            pos += 1
            return String(UnicodeScalar(b))
        default:
            throw source.error(at: pos, "unexpected character '\(Character(UnicodeScalar(b)))' in an expression")
        }
    }
}
