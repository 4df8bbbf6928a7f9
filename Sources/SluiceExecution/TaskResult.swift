import SluiceNotifications

/// What one successful attempt of a task produced.
public struct TaskResult: Sendable {
    /// Rows the statement affected or the export wrote, when known.
    public var rowsAffected: Int64?
    /// The command tag (`INSERT 0 5`, `COPY 1234`), when there was a statement.
    public var commandTag: String?
    /// The partition an export made live, when the try published one: the try's `published` notification
    /// reports it.
    public var publication: PublishedPartition?

    public init(rowsAffected: Int64? = nil, commandTag: String? = nil, publication: PublishedPartition? = nil) {
        self.rowsAffected = rowsAffected
        self.commandTag = commandTag
        self.publication = publication
    }
}
