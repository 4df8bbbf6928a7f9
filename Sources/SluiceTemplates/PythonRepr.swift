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
                    let hex = String(c.value, radix: 16)
                    if c.value <= 0xFF {
                        out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    } else if c.value <= 0xFFFF {
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                    }
                }
            }
        }
        out.unicodeScalars.append(quote)
    }
}
