import SluiceCore

/// A run to execute, with the DAG it belongs to.
public struct RunWork: Sendable {
    public var dag: Dag
    public var run: DagRun
    public var paramOverrides: [(String, JSONValue)]

    public init(dag: Dag, run: DagRun, paramOverrides: [(String, JSONValue)] = []) {
        self.dag = dag
        self.run = run
        self.paramOverrides = paramOverrides
    }
}
