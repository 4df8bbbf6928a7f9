/// A line and column in a file as shown to the user: where a `for_each` item is written (in the DAG
/// file, or in the YAML file `for_each:` names) or where a template is, for problems about it.
struct SourcePlace: Sendable, Equatable, CustomStringConvertible {
    var file: String
    var line: Int
    var column: Int

    var description: String { "\(file):\(line):\(column)" }
}
