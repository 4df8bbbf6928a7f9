/// The filters a template may use (`x | name(args)`), resolved when the template is parsed so that
/// an unknown filter is a syntax error and rendering does no name lookup.
enum TemplateFilter: String, Sendable, CaseIterable {
    case upper, lower, trim, replace, join, length, int, float, string, first, last
    case `default`
    case abs, round, capitalize, title, list
    // Airflow's datetime filters.
    case ds, dsNodash = "ds_nodash", ts, tsNodash = "ts_nodash", tsNodashWithTz = "ts_nodash_with_tz"
    // Sluice's SQL quoting filters.
    case sqlLiteral = "sql_literal", sqlIdentifier = "sql_identifier"

    init?(name: String) {
        switch name {
        case "d": self = .default
        case "count": self = .length
        default:
            guard let filter = TemplateFilter(rawValue: name) else { return nil }
            self = filter
        }
    }

    /// The names a user may write, for the "unknown filter" message.
    static var knownNames: String {
        allCases.map(\.rawValue).sorted().joined(separator: ", ")
    }
}
