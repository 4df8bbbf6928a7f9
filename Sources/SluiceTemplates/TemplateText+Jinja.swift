import Foundation
import SluiceCore

/// The text algorithms of Jinja's filters (`center`, `indent`, `truncate`, `wordwrap`, `wordcount`,
/// `striptags`, `escape`, `urlencode`, `xmlattr`, `title`), as Jinja 3.1.6 and markupsafe compute them.
extension TemplateText {
    /// Pads to `width` code points: `<` left-aligns, `>` right-aligns, `^` centres (Python's
    /// `str.center` puts the odd space on the left when `width` is odd, `format` on the right).
    static func pad(_ s: String, width: Int, fill: String, align: Character, pythonCenter: Bool = true) -> String {
        let length = s.unicodeScalars.count
        guard width > length else { return s }
        let margin = width - length
        let left: Int
        switch align {
        case "<": left = 0
        case ">": left = margin
        default: left = margin / 2 + (pythonCenter ? (margin & width & 1) : 0)
        }
        return String(repeating: fill, count: left) + s + String(repeating: fill, count: margin - left)
    }

    /// markupsafe's `escape`: `&`, `<`, `>`, `"` and `'` as HTML entities.
    static func htmlEscape(_ s: String) -> String {
        HTMLEscape.escape(s)
    }

    /// markupsafe's `Markup.striptags`: drops comments and tags, collapses whitespace, unescapes entities.
    static func stripTags(_ s: String) -> String {
        let chars = Array(s.unicodeScalars)
        var parts = String.UnicodeScalarView()
        var pos = 0
        var found = false
        while let start = (pos < chars.count ? chars[pos...].firstIndex(of: "<") : nil) {
            let isComment = chars[start...].starts(with: "<!--".unicodeScalars)
            let end: Int
            if isComment {
                let from = start + 4
                guard from <= chars.count, let e = PythonText.find(chars, Array("-->".unicodeScalars), from, chars.count, fromRight: false) as Int?, e >= 0 else { break }
                end = e + 3
            } else {
                guard let e = chars[start...].firstIndex(of: ">") else { break }
                end = e + 1
            }
            parts.append(contentsOf: chars[pos..<start])
            pos = end
            found = true
        }
        var value = found ? String(parts) + String(String.UnicodeScalarView(chars[pos...])) : s
        value = PythonText.split(value, separator: nil, maxsplit: -1, fromRight: false).joined(separator: " ")
        return htmlUnescape(value)
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "raquo": "\u{BB}", "laquo": "\u{AB}",
        "copy": "\u{A9}", "reg": "\u{AE}", "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}", "euro": "\u{20AC}",
    ]

    /// `html.unescape` for numeric references and the common named ones.
    static func htmlUnescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let chars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            if chars[i] == "&", let semi = chars[i...].prefix(34).firstIndex(of: ";") {
                let name = String(String.UnicodeScalarView(chars[(i + 1)..<semi]))
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = entities[name]
                }
                if let replacement {
                    out.append(contentsOf: replacement.unicodeScalars)
                    i = semi + 1
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.numericType != nil || c.properties.isAlphabetic
    }

    /// The number of `\w+` runs.
    static func wordCount(_ s: String) -> Int {
        var count = 0, inWord = false
        for c in s.unicodeScalars {
            let word = isWordCharacter(c)
            if word && !inWord { count += 1 }
            inWord = word
        }
        return count
    }

    /// Jinja's `title` filter: each run after `-`, whitespace, `(`, `{`, `[` or `<` starts upper case.
    static func jinjaTitle(_ s: String) -> String {
        var out = ""
        var atStart = true
        for c in s {
            let delimiter = c == "-" || c == "(" || c == "{" || c == "[" || c == "<" || c.unicodeScalars.allSatisfy(isPythonSpace)
            if delimiter {
                out.append(c)
                atStart = true
            } else {
                out += atStart ? String(c).uppercased() : String(c).lowercased()
                atStart = false
            }
        }
        return out
    }

    static func indent(_ s: String, _ indention: String, first: Bool, blank: Bool) throws -> String {
        let lines = PythonText.splitlines(s + "\n", keepends: false)
        var out: String
        if blank {
            out = lines.joined(separator: "\n" + indention)
        } else {
            out = lines.first ?? ""
            let rest = lines.dropFirst()
            if !rest.isEmpty { out += "\n" + rest.map { $0.isEmpty ? $0 : indention + $0 }.joined(separator: "\n") }
        }
        if first { out = indention + out }
        try TemplateArithmetic.checkLength(out.utf8.count)
        return out
    }

    static func truncate(_ s: String, length: Int, killwords: Bool, end: String, leeway: Int) throws -> String {
        let endCount = end.unicodeScalars.count
        guard length >= endCount else { throw TemplateError(message: "expected length >= \(endCount), got \(length)") }
        guard leeway >= 0 else { throw TemplateError(message: "expected leeway >= 0, got \(leeway)") }
        let chars = s.unicodeScalars
        if chars.count - length <= leeway { return s }
        let head = String(String.UnicodeScalarView(chars.prefix(length - endCount)))
        if killwords { return head + end }
        return (PythonText.split(head, separator: " ", maxsplit: 1, fromRight: true).first ?? "") + end
    }

    /// Jinja's `wordwrap`: Python's `textwrap.wrap` of each line (tabs and whitespace kept as they are).
    static func wordwrap(_ s: String, width: Int, breakLongWords: Bool, wrapstring: String, breakOnHyphens: Bool) throws -> String {
        guard width > 0 else { throw TemplateError(message: "invalid width \(width) (must be > 0)") }
        let wrapped = PythonText.splitlines(s, keepends: false).map { line in
            wrapLine(line, width: width, breakLongWords: breakLongWords, breakOnHyphens: breakOnHyphens).joined(separator: wrapstring)
        }
        let out = wrapped.joined(separator: wrapstring)
        try TemplateArithmetic.checkLength(out.utf8.count)
        return out
    }

    private static func chunks(_ line: String, breakOnHyphens: Bool) -> [[Unicode.Scalar]] {
        var out: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var currentIsSpace = false
        for c in line.unicodeScalars {
            let space = isPythonSpace(c)
            if !current.isEmpty && space != currentIsSpace {
                out.append(current)
                current = []
            }
            current.append(c)
            currentIsSpace = space
        }
        if !current.isEmpty { out.append(current) }
        guard breakOnHyphens else { return out }
        // textwrap splits hyphenated words after a hyphen between letters ("well-known" -> "well-", "known").
        return out.flatMap { chunk -> [[Unicode.Scalar]] in
            guard let first = chunk.first, !isPythonSpace(first) else { return [chunk] }
            // Runs of two or more hyphens (dashes) are chunks of their own.
            var pieces: [[Unicode.Scalar]] = []
            var piece: [Unicode.Scalar] = []
            var i = 0
            while i < chunk.count {
                let c = chunk[i]
                if c == "-", i + 1 < chunk.count, chunk[i + 1] == "-" {
                    var end = i
                    while end < chunk.count, chunk[end] == "-" { end += 1 }
                    if !piece.isEmpty { pieces.append(piece) }
                    pieces.append(Array(chunk[i..<end]))
                    piece = []
                    i = end
                    continue
                }
                piece.append(c)
                if c == "-", i > 0, i + 1 < chunk.count, chunk[i - 1].properties.isAlphabetic, chunk[i + 1].properties.isAlphabetic {
                    pieces.append(piece)
                    piece = []
                }
                i += 1
            }
            if !piece.isEmpty { pieces.append(piece) }
            return pieces
        }
    }

    private static func wrapLine(_ line: String, width: Int, breakLongWords: Bool, breakOnHyphens: Bool) -> [String] {
        var pending = Array(chunks(line, breakOnHyphens: breakOnHyphens).reversed())
        var lines: [String] = []
        func isBlank(_ chunk: [Unicode.Scalar]) -> Bool { chunk.allSatisfy(isPythonSpace) }
        while !pending.isEmpty {
            var current: [[Unicode.Scalar]] = []
            var length = 0
            if let last = pending.last, isBlank(last), !lines.isEmpty { pending.removeLast() }
            while let last = pending.last, length + last.count <= width {
                current.append(pending.removeLast())
                length += last.count
            }
            if let last = pending.last, last.count > width {
                let spaceLeft = Swift.max(1, width - length)
                if breakLongWords {
                    var end = spaceLeft
                    if breakOnHyphens, last.count > spaceLeft,
                       let hyphen = last[0..<spaceLeft].lastIndex(of: "-"), hyphen > 0, last[..<hyphen].contains(where: { $0 != "-" }) {
                        end = hyphen + 1
                    }
                    current.append(Array(last[..<end]))
                    pending[pending.count - 1] = Array(last[end...])
                } else if current.isEmpty {
                    current.append(pending.removeLast())
                }
            }
            if let last = current.last, isBlank(last) { current.removeLast() }
            if !current.isEmpty { lines.append(String(String.UnicodeScalarView(current.joined()))) }
        }
        return lines
    }

    /// `urllib.parse.quote` of UTF-8 bytes; `/` stays unless `forQuery`, where spaces become `+`.
    static func urlQuote(_ s: String, forQuery: Bool) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where !forQuery:
                out += "/"
            case UInt8(ascii: " ") where forQuery:
                out += "+"
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func urlencode(_ value: TemplateValue) throws -> String {
        let pairs: [(TemplateValue, TemplateValue)]
        switch value {
        case .dict(let d): pairs = d.keys.map { (.string($0), d[$0] ?? .none) }
        case .list, .tuple, .object(is TemplateDictView):
            pairs = try (value.sequenceItems ?? []).map { item in
                guard let pair = item.sequenceItems, pair.count == 2 else {
                    throw TemplateError(message: "urlencode needs a string, a dict or (key, value) pairs")
                }
                return (pair[0], pair[1])
            }
        default: return urlQuote(value.text, forQuery: false)
        }
        return pairs.map { urlQuote($0.0.text, forQuery: true) + "=" + urlQuote($0.1.text, forQuery: true) }.joined(separator: "&")
    }

    static func xmlattr(_ value: TemplateValue, autospace: Bool) throws -> String {
        guard case .dict(let d) = value else { throw TemplateError(message: "xmlattr needs a dict, not a '\(value.typeName)'") }
        var items: [String] = []
        for key in d.keys {
            guard let v = d[key], v != .none else { continue }
            if key.unicodeScalars.contains(where: { $0 == "/" || $0 == ">" || $0 == "=" || ($0.isASCII && isPythonSpace($0)) }) {
                var repr = ""
                PythonRepr.appendString(key, to: &repr)
                throw TemplateError(message: "Invalid character in attribute name: \(repr)")
            }
            items.append("\(htmlEscape(key))=\"\(htmlEscape(v.text))\"")
        }
        let out = items.joined(separator: " ")
        return autospace && !out.isEmpty ? " " + out : out
    }
}
