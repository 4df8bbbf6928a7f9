/// What the DAG folder holds, for the gauges read at scrape time: the DAGs it defines and how many
/// problems (import errors) its files have.
public struct DagFolderFigures: Sendable, Equatable {
    public var dagIds: [String]
    public var importErrors: Int

    public init(dagIds: [String] = [], importErrors: Int = 0) {
        self.dagIds = dagIds
        self.importErrors = importErrors
    }
}
