/// HTML escaping as markupsafe does it (Jinja's `escape` filter): `&`, `<`, `>`, `"` and `'` as entities
/// (`&#34;`, `&#39;` for the quotes). The result is safe as element text and as a quoted attribute value.
public enum HTMLEscape {
    public static func escape(_ value: String) -> String {
        var out = ""
        escape(value, into: &out)
        return out
    }

    public static func escape(_ value: String, into out: inout String) {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            out += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
