/// Python 3.11's `repr()` of a string: single quotes unless the text holds a single quote and no
/// double quote, backslash escapes for `\\`, `\n`, `\r`, `\t`, and `\xNN`, `\uNNNN`, `\UNNNNNNNN` for
/// characters Python does not print.
enum PythonRepr {
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: return false
        case .spaceSeparator: return c == " "
        default: return true
        }
    }

    static func appendString(_ s: String, to out: inout String) {
        let quote: Unicode.Scalar = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        out.unicodeScalars.append(quote)
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c == quote {
                    out += "\\"
                    out.unicodeScalars.append(c)
                } else if c.value < 0x7F ? c.value >= 0x20 : isPrintable(c) {
                    out.unicodeScalars.append(c)
                } else {
                    appendEscape(c, to: &out)
                }
            }
        }
        out.unicodeScalars.append(quote)
    }

    /// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, as Python escapes a character.
    static func appendEscape(_ c: Unicode.Scalar, to out: inout String) {
        let (prefix, width) = c.value <= 0xFF ? ("\\x", 2) : (c.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8))
        let hex = String(c.value, radix: 16)
        out += prefix + String(repeating: "0", count: width - hex.count) + hex
    }
}
