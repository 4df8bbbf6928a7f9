/// Jinja 3.1's `urlize`: links for `http(s)://` and `www.` URLs, bare domains of the common top-level
/// domains, `mailto:` and e-mail addresses, in text that is HTML-escaped first.
extension TemplateText {
    struct UrlizeOptions {
        var trimLimit: Int?
        var rel: String?
        var target: String?
        var extraSchemes: [String] = []
    }

    static func urlize(_ text: String, _ options: UrlizeOptions) -> String {
        let relAttribute = options.rel.map { " rel=\"\(htmlEscape($0))\"" } ?? ""
        let targetAttribute = options.target.map { " target=\"\(htmlEscape($0))\"" } ?? ""
        func trim(_ s: String) -> String {
            guard let limit = options.trimLimit, s.unicodeScalars.count > limit else { return s }
            return String(String.UnicodeScalarView(s.unicodeScalars.prefix(Swift.max(0, limit)))) + "..."
        }
        var out = ""
        for (word, isSpace) in runs(htmlEscape(text)) {
            if isSpace {
                out += word
                continue
            }
            var (head, middle, tail) = ("", word, "")
            while true {
                if middle.hasPrefix("(") || middle.hasPrefix("<") { head += String(middle.removeFirst()) } else if middle.hasPrefix("&lt;") { head += "&lt;"; middle.removeFirst(4) } else { break }
            }
            while true {
                if let last = middle.last, ")>.,\n".contains(last) { tail = String(middle.removeLast()) + tail } else if middle.hasSuffix("&gt;") { tail = "&gt;" + tail; middle.removeLast(4) } else { break }
            }
            for (open, close) in [("(", ")"), ("<", ">"), ("&lt;", "&gt;")] {
                let opens = middle.components(separatedBy: open).count - 1
                guard opens > middle.components(separatedBy: close).count - 1 else { continue }
                for _ in 0..<Swift.min(opens, tail.components(separatedBy: close).count - 1) {
                    guard let range = tail.range(of: close) else { break }
                    middle += tail[..<range.upperBound]
                    tail = String(tail[range.upperBound...])
                }
            }
            if isHTTPURL(middle) {
                let href = middle.hasPrefix("https://") || middle.hasPrefix("http://") ? middle : "https://" + middle
                middle = "<a href=\"\(href)\"\(relAttribute)\(targetAttribute)>\(trim(middle))</a>"
            } else if middle.hasPrefix("mailto:"), isEmail(String(middle.dropFirst(7))) {
                middle = "<a href=\"\(middle)\">\(middle.dropFirst(7))</a>"
            } else if middle.contains("@"), !middle.hasPrefix("www."), !middle.hasPrefix("@"), !middle.contains(":"), isEmail(middle) {
                middle = "<a href=\"mailto:\(middle)\">\(middle)</a>"
            } else {
                for scheme in options.extraSchemes where middle != scheme && middle.hasPrefix(scheme) {
                    middle = "<a href=\"\(middle)\"\(relAttribute)\(targetAttribute)>\(middle)</a>"
                }
            }
            out += head + middle + tail
        }
        return out
    }

    /// `scheme:`, `scheme:/` or `scheme://` with a scheme of two or more word characters, `.`, `+` or `-`.
    static func isSchemePrefix(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":") else { return false }
        let name = s[..<colon], slashes = s[s.index(after: colon)...]
        return name.count >= 2 && name.allSatisfy { isWord($0) || ".+-".contains($0) } && slashes.count <= 2 && slashes.allSatisfy { $0 == "/" }
    }

    /// The text cut into runs of whitespace and of everything else.
    private static func runs(_ s: String) -> [(String, Bool)] {
        var out: [(String, Bool)] = []
        for c in s.unicodeScalars {
            let space = isPythonSpace(c)
            if let last = out.last, last.1 == space {
                out[out.count - 1].0.unicodeScalars.append(c)
            } else {
                out.append((String(Character(c)), space))
            }
        }
        return out
    }

    private static func isWord(_ c: Character) -> Bool {
        c == "_" || c.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    /// A URL Jinja links: a host (by scheme or `www.`, a bare domain of a common top-level domain, or an
    /// IP address after a scheme), then an optional port, then an optional path, query or fragment.
    private static func isHTTPURL(_ s: String) -> Bool {
        let lower = s.lowercased()
        var scheme = ""
        for prefix in ["https://", "http://", "www."] where lower.hasPrefix(prefix) {
            scheme = prefix
            break
        }
        let rest = Substring(s.dropFirst(scheme.count))
        let hostEnd = rest.firstIndex { !(isWord($0) || $0 == "%" || $0 == "-" || $0 == ".") } ?? rest.endIndex
        let host = rest[..<hostEnd]
        var after = rest[hostEnd...]
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        var hostMatches = false
        if !scheme.isEmpty, let tld = labels.last, labels.dropLast().allSatisfy({ !$0.isEmpty }) {
            let tldLower = tld.lowercased()
            let letters = (2...63).contains(tld.count) && tld.allSatisfy { $0.isASCII && $0.isLetter }
            let idna = tldLower.hasPrefix("xn--") && (2...59).contains(tld.count - 4) && tld.dropFirst(4).allSatisfy { isWord($0) || $0 == "%" }
            hostMatches = letters || idna
        }
        if !hostMatches, scheme.isEmpty, labels.count >= 2, let tld = labels.last,
           ["com", "net", "int", "edu", "gov", "org", "info", "mil"].contains(tld.lowercased()),
           labels.dropLast().allSatisfy({ (2...63).contains($0.count) }) {
            hostMatches = true
        }
        if !hostMatches, scheme.hasPrefix("http") {
            let parts = host.split(separator: ".", omittingEmptySubsequences: false)
            if host == rest[..<hostEnd], parts.count == 4, parts.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
                hostMatches = true
            } else if host.isEmpty, after.hasPrefix("["), let close = after.firstIndex(of: "]") {
                let inside = after[after.index(after: after.startIndex)..<close]
                if inside.allSatisfy({ $0.isHexDigit || $0 == ":" }), inside.filter({ $0 == ":" }).count >= 2 {
                    hostMatches = true
                    after = after[after.index(after: close)...]
                }
            }
        }
        guard hostMatches else { return false }
        if after.hasPrefix(":") {
            let digits = after.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard (1...5).contains(digits.count) else { return false }
            after = after.dropFirst(1 + digits.count)
        }
        guard let first = after.first else { return true }
        return "/?#".contains(first) && !after.contains { $0.isWhitespace }
    }

    /// `^\S+@\w[\w.-]*\.\w+$`, as Jinja recognizes an e-mail address.
    private static func isEmail(_ s: String) -> Bool {
        guard !s.contains(where: { $0.isWhitespace }) else { return false }
        var at = s.endIndex
        while let found = s[..<at].lastIndex(of: "@") {
            at = found
            let local = s[..<found], domain = s[s.index(after: found)...]
            guard !local.isEmpty, let first = domain.first, isWord(first), domain.allSatisfy({ isWord($0) || $0 == "." || $0 == "-" }),
                  let dot = domain.lastIndex(of: "."), dot > domain.startIndex else { continue }
            let topLevel = domain[domain.index(after: dot)...]
            if !topLevel.isEmpty, topLevel.allSatisfy(isWord) { return true }
        }
        return false
    }
}
