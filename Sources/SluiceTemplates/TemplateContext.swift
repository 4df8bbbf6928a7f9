/// What a template is rendered with: the variables it can name (for Airflow, built once per task
/// run by `AirflowContext.variables(for:)`) and the loader `{% include %}` uses.
public struct TemplateContext: Sendable {
    public var variables: [String: TemplateValue]
    public var loader: (any TemplateLoader)?

    public init(variables: [String: TemplateValue], loader: (any TemplateLoader)? = nil) {
        self.variables = variables
        self.loader = loader
    }
}
