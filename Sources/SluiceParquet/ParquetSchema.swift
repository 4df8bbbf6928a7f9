/// The ordered columns of a Parquet file.
///
/// Validation happens in `init`, so a schema that exists can always be written.
public struct ParquetSchema: Hashable, Sendable {
    /// The deepest nesting of lists a column may have (PostgreSQL arrays have at most six dimensions).
    public static let maxListDepth = 6

    public let columns: [ParquetColumn]

    /// Checks every column and collects every problem before throwing `ParquetError.invalidSchema`.
    public init(_ columns: [ParquetColumn]) throws {
        var problems: [String] = []
        var seen = Set<String>()
        if columns.isEmpty { problems.append("a schema needs at least one column") }
        for column in columns {
            if column.name.isEmpty { problems.append("a column name is empty") }
            if !seen.insert(column.name).inserted { problems.append("column '\(column.name)' appears twice") }
            if column.type.listDepth > Self.maxListDepth {
                problems.append("column '\(column.name)' nests \(column.type.listDepth) lists, at most \(Self.maxListDepth) are supported")
            }
            if let problem = Self.problem(with: column.type.innermostElement, column: column.name) { problems.append(problem) }
        }
        if !problems.isEmpty { throw ParquetError.invalidSchema(problems.joined(separator: "; ")) }
        self.columns = columns
    }

    private static func problem(with type: ParquetColumnType, column: String) -> String? {
        if case .decimal(let precision, let scale) = type {
            if precision < 1 { return "column '\(column)' has decimal precision \(precision), which must be at least 1" }
            if precision > 76 { return "column '\(column)' has decimal precision \(precision), which must be at most 76" }
            if scale < 0 || scale > precision {
                return "column '\(column)' has decimal scale \(scale), which must be between 0 and the precision \(precision)"
            }
        }
        return nil
    }
}
