/// Python 3.11's `str` algorithms that Swift has no twin for (`split` with `maxsplit`, `splitlines`,
/// `find` with bounds, `zfill`, `expandtabs`, the `is...` predicates), working on Unicode scalars as
/// Python works on code points.
enum PythonText {
    /// Python's slice bounds `[start:end]` from optional `start`/`end` arguments, clamped to `0...count`.
    static func bounds(_ count: Int, _ a: inout TemplateArgumentReader) throws -> (Int, Int) {
        func clamp(_ i: Int?, _ fallback: Int) -> Int {
            guard let i else { return fallback }
            return i < 0 ? Swift.max(0, count + i) : Swift.min(i, count)
        }
        let start = try a.optionalInt("start"), end = try a.optionalInt("end")
        return (clamp(start, 0), clamp(end, count))
    }

    static func find(_ chars: [Unicode.Scalar], _ pattern: [Unicode.Scalar], _ start: Int, _ end: Int, fromRight: Bool) -> Int {
        guard end - start >= pattern.count else { return -1 }
        let candidates = start...(end - pattern.count)
        for i in fromRight ? Array(candidates.reversed()) : Array(candidates) where chars[i..<(i + pattern.count)].elementsEqual(pattern) {
            return i
        }
        return -1
    }

    static func count(_ chars: [Unicode.Scalar], _ pattern: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int {
        guard end - start >= pattern.count else { return 0 }
        if pattern.isEmpty { return end - start + 1 }
        var n = 0, i = start
        while i + pattern.count <= end {
            if chars[i..<(i + pattern.count)].elementsEqual(pattern) { n += 1; i += pattern.count } else { i += 1 }
        }
        return n
    }

    /// `str.split(sep, maxsplit)` and `str.rsplit(sep, maxsplit)`.
    static func split(_ s: String, separator: String?, maxsplit: Int, fromRight: Bool) -> [String] {
        var chars = Array(s.unicodeScalars)
        var pattern = separator.map { Array($0.unicodeScalars) }
        if fromRight {
            chars.reverse()
            pattern?.reverse()
        }
        var parts: [[Unicode.Scalar]] = []
        var remaining = maxsplit < 0 ? Int.max : maxsplit
        var i = 0
        if let pattern {
            var current: [Unicode.Scalar] = []
            while i < chars.count {
                if remaining > 0, i + pattern.count <= chars.count, chars[i..<(i + pattern.count)].elementsEqual(pattern) {
                    parts.append(current)
                    current = []
                    i += pattern.count
                    remaining -= 1
                } else {
                    current.append(chars[i])
                    i += 1
                }
            }
            parts.append(current)
        } else {
            let space = TemplateText.isPythonSpace
            while i < chars.count {
                while i < chars.count, space(chars[i]) { i += 1 }
                guard i < chars.count else { break }
                if remaining == 0 {
                    parts.append(Array(chars[i...]))
                    break
                }
                var j = i
                while j < chars.count, !space(chars[j]) { j += 1 }
                parts.append(Array(chars[i..<j]))
                remaining -= 1
                i = j
            }
        }
        if fromRight {
            parts = parts.reversed().map { $0.reversed() }
        }
        return parts.map { String(String.UnicodeScalarView($0)) }
    }

    private static let lineBreaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]

    /// `str.splitlines(keepends)`.
    static func splitlines(_ s: String, keepends: Bool) -> [String] {
        let chars = Array(s.unicodeScalars)
        var lines: [String] = []
        var start = 0, i = 0
        while i < chars.count {
            guard lineBreaks.contains(chars[i].value) else { i += 1; continue }
            var end = i + 1
            if chars[i] == "\r", end < chars.count, chars[end] == "\n" { end += 1 }
            lines.append(String(String.UnicodeScalarView(chars[start..<(keepends ? end : i)])))
            start = end
            i = end
        }
        if start < chars.count { lines.append(String(String.UnicodeScalarView(chars[start...]))) }
        return lines
    }

    static func zfill(_ s: String, _ width: Int) -> String {
        let chars = Array(s.unicodeScalars)
        guard width > chars.count else { return s }
        let zeros = String(repeating: "0", count: width - chars.count)
        if let first = chars.first, first == "+" || first == "-" {
            return String(first) + zeros + String(String.UnicodeScalarView(chars.dropFirst()))
        }
        return zeros + s
    }

    static func expandTabs(_ s: String, _ size: Int) throws -> String {
        var out = String.UnicodeScalarView()
        var column = 0
        for c in s.unicodeScalars {
            if c == "\t" {
                if size > 0 {
                    let n = size - column % size
                    try TemplateArithmetic.checkLength(out.count + n)
                    out.append(contentsOf: String(repeating: " ", count: n).unicodeScalars)
                    column += n
                }
            } else {
                out.append(c)
                column = c == "\n" || c == "\r" ? 0 : column + 1
            }
        }
        return String(out)
    }

    private static func isCased(_ c: Unicode.Scalar) -> Bool { c.properties.isCased }

    /// The `str.is...()` predicates.
    static func classify(_ name: String, _ s: String) -> Bool {
        let chars = Array(s.unicodeScalars)
        let nonEmpty = !chars.isEmpty
        func numeric(_ c: Unicode.Scalar) -> Unicode.NumericType? { c.properties.numericType }
        func alpha(_ c: Unicode.Scalar) -> Bool {
            switch c.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
            default: return false
            }
        }
        switch name {
        case "isdecimal": return nonEmpty && chars.allSatisfy { numeric($0) == .decimal }
        case "isdigit": return nonEmpty && chars.allSatisfy { numeric($0) == .decimal || numeric($0) == .digit }
        case "isnumeric": return nonEmpty && chars.allSatisfy { numeric($0) != nil }
        case "isalpha": return nonEmpty && chars.allSatisfy(alpha)
        case "isalnum": return nonEmpty && chars.allSatisfy { alpha($0) || numeric($0) != nil }
        case "isspace": return nonEmpty && chars.allSatisfy(TemplateText.isPythonSpace)
        case "isascii": return chars.allSatisfy(\.isASCII)
        case "isupper": return chars.contains(where: isCased) && !chars.contains { $0.properties.isLowercase }
        case "islower": return chars.contains(where: isCased) && !chars.contains { $0.properties.isUppercase }
        case "istitle":
            var previousCased = false, sawCased = false
            for c in chars {
                if c.properties.isUppercase || c.properties.generalCategory == .titlecaseLetter {
                    if previousCased { return false }
                    previousCased = true
                    sawCased = true
                } else if c.properties.isLowercase {
                    if !previousCased { return false }
                    previousCased = true
                    sawCased = true
                } else {
                    previousCased = false
                }
            }
            return sawCased
        case "isidentifier":
            guard let first = chars.first, first == "_" || first.properties.isXIDStart else { return false }
            return chars.dropFirst().allSatisfy { $0.properties.isXIDContinue }
        case "isprintable": return chars.allSatisfy { $0 == " " || PythonRepr.isPrintable($0) }
        default: return false
        }
    }
}
