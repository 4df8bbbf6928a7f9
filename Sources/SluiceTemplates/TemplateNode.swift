/// A statement of a parsed template: text, an output `{{ }}`, or a block tag.
indirect enum TemplateNode: Sendable {
    case text(String)
    case output(TemplateExpression)
    /// `if`/`elif` branches in order, then the `else` body (empty when there is none).
    case conditional([(TemplateExpression, [TemplateNode])], otherwise: [TemplateNode])
    case loop(TemplateLoop)
    /// `{% set a = expr %}` or `{% set a, b = expr %}`.
    case assign([String], TemplateExpression, at: Int)
    /// `{% set ns.name = expr %}`: changes an attribute of the namespace bound to `ns`.
    case assignAttribute(String, String, TemplateExpression, at: Int)
    /// `{% set a %}...{% endset %}`.
    case assignBlock(String, [TemplateNode])
    case include(TemplateExpression, ignoreMissing: Bool, at: Int)
}

/// `{% for targets in iterable [if condition] %} body {% else %} otherwise {% endfor %}`.
struct TemplateLoop: Sendable {
    var targets: [String]
    var iterable: TemplateExpression
    var condition: TemplateExpression?
    var body: [TemplateNode]
    var otherwise: [TemplateNode]
    var at: Int
}
