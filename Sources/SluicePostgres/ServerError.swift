/// An error reported by the PostgreSQL (or CrateDB) server, with its fields kept as typed data.
///
/// `description` is one line such as `ERROR 42P01: relation "nope" does not exist (at character 15)`.
/// `detail` and `hint` are only in `debugDescription`, because the detail may quote row values.
public struct ServerError: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The five-character SQLSTATE code, e.g. `42P01`.
    public var sqlstate: String
    /// `ERROR`, `FATAL` or `PANIC` (the non-localized severity when the server sends it).
    public var severity: String
    /// The primary, human-readable message.
    public var message: String
    /// An optional secondary message with more detail (may contain values).
    public var detail: String?
    /// An optional suggestion of what to do.
    public var hint: String?
    /// The 1-based character offset into the statement where the error was detected.
    public var position: Int?

    public init(
        sqlstate: String, severity: String, message: String,
        detail: String? = nil, hint: String? = nil, position: Int? = nil
    ) {
        self.sqlstate = sqlstate
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
    }

    public var description: String {
        var text = "\(severity) \(sqlstate): \(message)"
        if let position { text += " (at character \(position))" }
        return text
    }

    public var debugDescription: String {
        var text = description
        if let detail { text += " DETAIL: \(detail)" }
        if let hint { text += " HINT: \(hint)" }
        return text
    }

    /// The 1-based line and column of `position` in `sql`, the statement that produced this error.
    ///
    /// PostgreSQL counts the position in characters (code points), starting at 1; lines are split at `\n`.
    /// Returns `nil` when there is no position or it lies beyond the end of `sql`.
    public func location(in sql: String) -> (line: Int, column: Int)? {
        guard let position, position >= 1 else { return nil }
        var line = 1
        var column = 1
        var offset = 1
        for scalar in sql.unicodeScalars {
            if offset == position { return (line, column) }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            offset += 1
        }
        // PostgreSQL may point just past the last character ("syntax error at end of input").
        return offset == position ? (line, column) : nil
    }
}
