/// One thing wrong with a DAG file, with where it is.
///
/// Validation collects every problem of a file before giving up, so a user fixes them all in one
/// pass. `description` is the `file:line:col: message` line that `sluice dags validate` prints.
public struct DagProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as shown to the user (relative to the working folder when inside it).
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Why a set of DAG files could not be used: every problem found, in file order.
public struct DefinitionsError: Error, CustomStringConvertible, Sendable {
    public var problems: [DagProblem]

    public init(problems: [DagProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
