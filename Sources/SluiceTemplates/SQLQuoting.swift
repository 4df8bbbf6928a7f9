/// Quoting for the `sql_literal` and `sql_identifier` filters, so that values pasted into SQL are
/// always one literal or one identifier, whatever they contain.
enum SQLQuoting {
    /// A SQL literal: strings single-quoted with `'` doubled, numbers as they are, booleans as
    /// `TRUE`/`FALSE`, none as `NULL`, datetimes as quoted text; a list gives its literals joined
    /// by `, ` (for `IN (...)`).
    static func literal(_ value: TemplateValue) throws -> String {
        switch value {
        case .none: return "NULL"
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .int(let i): return String(i)
        case .double(let d):
            guard d.isFinite else { throw TemplateError(message: "\(TemplateValue.pythonFloat(d)) has no SQL literal") }
            return TemplateValue.pythonFloat(d)
        case .string(let s): return quoted(s, by: "'")
        case .datetime, .date, .timezone: return quoted(value.text, by: "'")
        case .timedelta(let t):
            var out = "\(t.days) days "
            out += TemplateTimeDelta(microseconds: CivilCalendar.floorMod(t.microseconds, CivilCalendar.microsecondsPerDay)).description
            return quoted(out, by: "'")
        case .list(let items):
            return try items.map { try literal($0) }.joined(separator: ", ")
        case .dict, .function:
            throw TemplateError(message: "a '\(value.typeName)' value has no SQL literal")
        }
    }

    /// A SQL identifier: double-quoted with `"` doubled; `schema.table` quotes each part.
    static func identifier(_ name: String) throws -> String {
        var out = ""
        var first = true
        for part in name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !part.isEmpty else {
                throw TemplateError(message: "'\(name)' has an empty name part")
            }
            if !first { out += "." }
            first = false
            appendQuoted(Substring(part), by: "\"", to: &out)
        }
        return out
    }

    static func quoted(_ s: String, by quote: Unicode.Scalar) -> String {
        var out = ""
        appendQuoted(Substring(s), by: quote, to: &out)
        return out
    }

    /// Appends `s` between quotes with each quote doubled. Works on Unicode scalars, not
    /// characters: a quote followed by a combining mark is one Swift `Character` but still a
    /// quote to the database.
    static func appendQuoted(_ s: Substring, by quote: Unicode.Scalar, to out: inout String) {
        out.unicodeScalars.append(quote)
        if !s.utf8.contains(UInt8(quote.value)) {
            out += s
        } else {
            for c in s.unicodeScalars {
                if c == quote { out.unicodeScalars.append(quote) }
                out.unicodeScalars.append(c)
            }
        }
        out.unicodeScalars.append(quote)
    }
}
