import SluiceCore

/// Quoting for the `sql_literal` filter, so that values pasted into SQL are always one literal,
/// whatever they contain (identifiers: `SQLIdentifier`).
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
        case .list(let items), .tuple(let items):
            return try items.map { try literal($0) }.joined(separator: ", ")
        case .object(let o as TemplateDictView):
            return try o.items.map { try literal($0) }.joined(separator: ", ")
        case .object(let o as TemplateBigInteger): return String(o.value)
        case .dict, .function, .namespace, .object:
            throw TemplateError(message: "a '\(value.typeName)' value has no SQL literal")
        }
    }

    /// `s` between `quote`s with each `quote` doubled. Works on UTF-8 bytes, not characters: a
    /// quote followed by a combining mark is one Swift `Character` but still a quote to the database.
    static func quoted(_ s: String, by quote: Unicode.Scalar) -> String {
        let q = UInt8(quote.value)
        var out: [UInt8] = [q]
        out.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            if b == q { out.append(q) }
            out.append(b)
        }
        out.append(q)
        return String(decoding: out, as: UTF8.self)
    }
}
