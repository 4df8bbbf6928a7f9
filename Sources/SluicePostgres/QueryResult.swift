/// The complete, text-format result of one statement run by `PostgresConnection.execute`.
///
/// Meant for control statements and small results; large results are streamed with `copyOut` instead.
public struct QueryResult: Sendable, Equatable {
    /// The result columns (empty for commands that return no rows).
    public var columns: [ColumnDescription]
    /// Every row as text values, `nil` for SQL NULL.
    public var rows: [[String?]]
    /// The command tag, e.g. `SELECT 3`, `INSERT 0 5`, `COPY 1234` (also CrateDB's server-side `COPY TO`).
    public var commandTag: String
    /// The number of rows the command touched or returned (`PQcmdTuples`), `nil` when the tag has none.
    public var affectedRows: Int?

    public init(columns: [ColumnDescription], rows: [[String?]], commandTag: String, affectedRows: Int?) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }

    /// The value of the first column of the first row, a convenience for `SELECT count(*)` and the like.
    public var scalar: String? {
        rows.first?.first ?? nil
    }
}
