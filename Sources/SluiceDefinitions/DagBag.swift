import Foundation
import SluiceCore

/// Every DAG of a DAG folder, and every problem of the files that did not load.
///
/// One broken file never stops the others: its problems are collected and the rest load.
/// A `dag_id` used by two files is a problem of the second file (in path order).
public struct DagBag: Sendable {
    /// Loaded DAGs by id.
    public var dags: [String: Dag]
    /// Problems of the files that failed, in file order.
    public var problems: [DagProblem]
    /// Every DAG file found, with its modification time (for reloading changed files).
    public var files: [URL: Date]
    /// The other files the DAG files read (SQL includes, for_each files, included templates), with
    /// their modification times: editing one reloads the folder as editing a DAG file does.
    public var includeFiles: [URL: Date]

    public init(dags: [String: Dag] = [:], problems: [DagProblem] = [], files: [URL: Date] = [:], includeFiles: [URL: Date] = [:]) {
        self.dags = dags
        self.problems = problems
        self.files = files
        self.includeFiles = includeFiles
    }

    /// DAGs sorted by id.
    public var sortedDags: [Dag] { dags.values.sorted { $0.dagId < $1.dagId } }

    /// The DAG with this id, or an error that lists the known ones.
    public func dag(_ id: String) throws -> Dag {
        if let dag = dags[id] { return dag }
        if let problem = problems.first(where: { $0.message.contains("'\(id)'") }) {
            throw DefinitionsError(problems: [problem])
        }
        let hint = DidYouMean.hint(for: id, among: Array(dags.keys))
        let known = dags.isEmpty ? "no DAGs are loaded" : "known DAGs: \(dags.keys.sorted().joined(separator: ", "))"
        throw LookupError(message: "no DAG '\(UserText.quote(id))' in the DAG folder\(hint) (\(known))")
    }
}

/// A DAG or task that does not exist.
public struct LookupError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}
