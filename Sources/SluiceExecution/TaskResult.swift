/// What one successful attempt of a task produced.
public struct TaskResult: Sendable {
    /// Rows the statement affected or the export wrote, when known.
    public var rowsAffected: Int64?
    /// The command tag (`INSERT 0 5`, `COPY 1234`), when there was a statement.
    public var commandTag: String?

    public init(rowsAffected: Int64? = nil, commandTag: String? = nil) {
        self.rowsAffected = rowsAffected
        self.commandTag = commandTag
    }
}
