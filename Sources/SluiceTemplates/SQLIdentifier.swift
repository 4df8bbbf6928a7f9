import SluiceCore

/// Quotes names spliced into SQL: by Sluice itself (export tables, timestamp and audit columns, cursors)
/// and by templates (the `sql_identifier` filter).
///
/// The one place identifiers are quoted: each part is wrapped in double quotes with any double quote
/// inside doubled, so a name can never end the identifier and add SQL (`metrics"; DROP TABLE x; --`
/// becomes the name of a table that does not exist). Names are case-sensitive as written, because
/// quoting turns off PostgreSQL's folding to lower case.
public enum SQLIdentifier {
    /// `"name"`, with embedded quotes doubled. Throws for an empty name or a NUL character.
    public static func quote(_ name: String) throws -> String {
        guard !name.isEmpty else { throw SQLIdentifierError(name: name, reason: "it has an empty name part") }
        guard !name.utf8.contains(0) else { throw SQLIdentifierError(name: name, reason: "it contains a NUL character") }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A possibly schema-qualified name, `schema.table` -> `"schema"."table"`. Each dot-separated part is
    /// quoted on its own; a part that is itself written in double quotes (`"my.schema".t`) keeps its dots.
    public static func quoteQualified(_ name: String) throws -> String {
        let parts = try split(name)
        guard (1...3).contains(parts.count) else {
            throw SQLIdentifierError(name: name, reason: "it has \(parts.count) dot-separated parts; write table, schema.table or database.schema.table")
        }
        return try parts.map(quote).joined(separator: ".")
    }

    /// Splits on dots outside double-quoted parts; a quoted part loses its quotes (`""` becomes `"`).
    static func split(_ name: String) throws -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var wasQuoted = false
        var chars = Array(name)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" && current.isEmpty && !wasQuoted {
                quoted = true
                wasQuoted = true
            } else if c == "." {
                parts.append(current)
                current = ""
                wasQuoted = false
            } else {
                current.append(c)
            }
        }
        if quoted { throw SQLIdentifierError(name: name, reason: "it has an unterminated double quote") }
        parts.append(current)
        return parts
    }
}

/// A name that cannot be one SQL identifier; the description says which and why, with the name shortened.
public struct SQLIdentifierError: Error, CustomStringConvertible, Sendable {
    public let name: String
    public let reason: String

    public var description: String {
        "'\(UserText.quote(name))' is not a usable SQL identifier: \(reason)"
    }
}
