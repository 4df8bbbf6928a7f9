/// The filters a template may use (`x | name(args)`), resolved when the template is parsed so that
/// an unknown filter is a syntax error and rendering does no name lookup. Filters named by a string
/// (`map('upper')`, `'upper' is filter`) are resolved from the same table at render time.
enum TemplateFilter: String, Sendable, CaseIterable {
    // Jinja 3.1's built-in filters, except `random` (not deterministic).
    case abs, attr, batch, capitalize, center, `default`, dictsort, escape, filesizeformat, first, float
    case forceescape, format, groupby, indent, int, items, join, last, length, list, lower, map, max, min
    case pprint, reject, rejectattr, replace, reverse, round, safe, select, selectattr, slice, sort, string
    case striptags, sum, title, tojson, trim, truncate, unique, upper, urlencode, urlize, wordcount, wordwrap
    case xmlattr
    // Airflow's datetime filters.
    case ds, dsNodash = "ds_nodash", ts, tsNodash = "ts_nodash", tsNodashWithTz = "ts_nodash_with_tz"
    // Sluice's SQL quoting filters.
    case sqlLiteral = "sql_literal", sqlIdentifier = "sql_identifier"

    init?(name: String) {
        switch name {
        case "d": self = .default
        case "count": self = .length
        case "e": self = .escape
        default:
            guard let filter = TemplateFilter(rawValue: name) else { return nil }
            self = filter
        }
    }

    /// The names a user may write, for the "unknown filter" message.
    static var knownNames: String {
        (allCases.map(\.rawValue) + ["count", "d", "e"]).sorted().joined(separator: ", ")
    }
}
