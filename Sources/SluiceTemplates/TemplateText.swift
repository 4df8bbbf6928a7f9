/// Python's string operations (`strip`, `replace`, `split`, `title`, `capitalize`) on Swift
/// strings, shared by methods and filters.
enum TemplateText {
    static func isPythonSpace(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace
    }

    static func strip(_ s: String, characters: String?, leading: Bool, trailing: Bool) -> String {
        let scalars = Array(s.unicodeScalars)
        let set = characters.map { Set($0.unicodeScalars) }
        func drop(_ c: Unicode.Scalar) -> Bool { set.map { $0.contains(c) } ?? isPythonSpace(c) }
        var start = 0, end = scalars.count
        if leading { while start < end, drop(scalars[start]) { start += 1 } }
        if trailing { while end > start, drop(scalars[end - 1]) { end -= 1 } }
        if start == 0 && end == scalars.count { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }

    /// Python's `str.replace(old, new[, count])`, matching by Unicode scalars.
    /// Throws when the result would pass `TemplateLimits.outputBytes`.
    static func replace(_ s: String, _ old: String, _ new: String, count: Int? = nil) throws -> String {
        var remaining = count.map { $0 < 0 ? Int.max : $0 } ?? Int.max
        let newBytes = new.utf8.count
        var added = s.utf8.count
        func grow() throws {
            added += newBytes
            try TemplateArithmetic.checkLength(added)
        }
        let source = Array(s.unicodeScalars)
        let pattern = Array(old.unicodeScalars)
        var out = String.UnicodeScalarView()
        if pattern.isEmpty {
            for c in source {
                if remaining > 0 { try grow(); out.append(contentsOf: new.unicodeScalars); remaining -= 1 }
                out.append(c)
            }
            if remaining > 0 { try grow(); out.append(contentsOf: new.unicodeScalars) }
            return String(out)
        }
        var i = 0
        while i < source.count {
            if remaining > 0, i + pattern.count <= source.count, source[i] == pattern[0],
               source[i..<(i + pattern.count)].elementsEqual(pattern) {
                try grow()
                out.append(contentsOf: new.unicodeScalars)
                i += pattern.count
                remaining -= 1
            } else {
                out.append(source[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Python's `str.split(sep)`; without a separator, splits on runs of whitespace.
    static func split(_ s: String, separator: String?) -> [String] {
        guard let separator, !separator.isEmpty else {
            return s.unicodeScalars.split(whereSeparator: isPythonSpace).map { String(String.UnicodeScalarView($0)) }
        }
        let source = Array(s.unicodeScalars), pattern = Array(separator.unicodeScalars)
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0
        while i < source.count {
            if i + pattern.count <= source.count, source[i..<(i + pattern.count)].elementsEqual(pattern) {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                i += pattern.count
            } else {
                current.append(source[i])
                i += 1
            }
        }
        parts.append(String(current))
        return parts
    }

    /// Python's `str.capitalize`: the first character in title case, the rest lower case.
    static func capitalize(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        return first.properties.titlecaseMapping + String(String.UnicodeScalarView(s.unicodeScalars.dropFirst())).lowercased()
    }

    /// Python's `str.title`: title case after a character that is not cased, lower case after one that is.
    static func title(_ s: String) -> String {
        var out = ""
        var previousIsCased = false
        for c in s.unicodeScalars {
            out += previousIsCased ? c.properties.lowercaseMapping : c.properties.titlecaseMapping
            previousIsCased = c.properties.isCased
        }
        return out
    }
}
