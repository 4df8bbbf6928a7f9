/// What a template is rendered with: the variables it can name (for Airflow, built once per task
/// run by `AirflowContext.variables(for:)`) and the loader `{% include %}` uses.
public struct TemplateContext: Sendable {
    public var variables: [String: TemplateValue] {
        didSet { table = Self.table(of: variables) }
    }
    public var loader: (any TemplateLoader)?
    /// The variables in a table the renderer can search without rehashing names.
    private(set) var table: TemplateNameTable

    public init(variables: [String: TemplateValue], loader: (any TemplateLoader)? = nil) {
        self.variables = variables
        self.loader = loader
        self.table = Self.table(of: variables)
    }

    private static func table(of variables: [String: TemplateValue]) -> TemplateNameTable {
        var table = TemplateNameTable(minimumCapacity: variables.count)
        for (key, value) in variables { table.set(value, forKey: key) }
        return table
    }
}
