/// A statement of a parsed template: text, an output `{{ }}`, or a block tag.
indirect enum TemplateNode: Sendable {
    case text(String)
    case output(TemplateExpression)
    /// `if`/`elif` branches in order, then the `else` body (empty when there is none).
    case conditional([(TemplateExpression, [TemplateNode])], otherwise: [TemplateNode])
    case loop(TemplateLoop)
    /// `{% set a = expr %}`, `{% set a, ns.b = expr %}`.
    case assign([TemplateTarget], TemplateExpression, at: Int)
    /// `{% set a | filters %}...{% endset %}`.
    case assignBlock(TemplateTarget, [TemplateNode], filters: [TemplateFilterCall], at: Int)
    /// `{% include name [ignore missing] [with|without context] %}`; `name` may give a list of names.
    case include(TemplateExpression, ignoreMissing: Bool, withContext: Bool, at: Int)
    /// `{% with a = 1, b = 2 %}...{% endwith %}`: the names hold in the body only.
    case with([(String, TemplateExpression)], [TemplateNode])
    /// `{% macro name(params) %}...{% endmacro %}`.
    case macro(TemplateMacroDefinition)
    /// `{% call(params) callee(args) %}body{% endcall %}`: calls `callee` with the body as `caller`.
    case callBlock(caller: TemplateMacroDefinition, call: TemplateExpression, at: Int)
    /// `{% filter f | g(x) %}...{% endfilter %}`.
    case filterBlock([TemplateFilterCall], [TemplateNode])
    /// `{% do expr %}` (Airflow enables `jinja2.ext.do`).
    case evaluate(TemplateExpression, at: Int)
    /// `{% import name as alias [with context] %}`.
    case importModule(TemplateExpression, alias: String, withContext: Bool, at: Int)
    /// `{% from name import a as b, c [with context] %}`: (name in the module, name bound here).
    case importNames(TemplateExpression, [(String, String)], withContext: Bool, at: Int)
}

/// `{% for targets in iterable [if condition] [recursive] %} body {% else %} otherwise {% endfor %}`.
struct TemplateLoop: Sendable {
    var targets: [TemplateTarget]
    var iterable: TemplateExpression
    var condition: TemplateExpression?
    var body: [TemplateNode]
    var otherwise: [TemplateNode]
    var recursive: Bool
    /// Whether the body names `loop` at all; when it does not, no loop state is built.
    var usesLoopState: Bool
    var at: Int
}

/// What a `for` or `set` binds: a name, an attribute of the namespace a name holds (`ns.count`,
/// in `set` only), or a nested tuple of targets (`for k, (a, b) in ...`).
struct TemplateTarget: Sendable {
    var name: String
    var attribute: String?
    /// The targets of a nested tuple; `name` is then unused.
    var nested: [TemplateTarget]?

    /// The names bound, nested tuples included, namespace attributes left out.
    var boundNames: [String] {
        if let nested { return nested.flatMap(\.boundNames) }
        return attribute == nil ? [name] : []
    }
}

/// One filter of a `{% filter %}` block or a block `{% set x | filter %}`.
struct TemplateFilterCall: Sendable {
    var filter: TemplateFilter
    var arguments: TemplateArguments
    var at: Int
}

/// A `{% macro %}` (or the body of a `{% call %}` block, named `caller`) as parsed: its parameters
/// with their default expressions, its body, and what the body refers to of Jinja's special names.
final class TemplateMacroDefinition: Sendable {
    let name: String
    let parameters: [String]
    /// The default of each parameter, nil when it has none; evaluated at each call, in order.
    let defaults: [TemplateExpression?]
    let body: [TemplateNode]
    /// The body names `varargs`: extra positional arguments are collected there.
    let catchesVarargs: Bool
    /// The body names `kwargs`: unknown keyword arguments are collected there.
    let catchesKwargs: Bool
    /// The body names `caller`: the macro accepts a `{% call %}` body.
    let acceptsCaller: Bool
    let at: Int

    init(name: String, parameters: [String], defaults: [TemplateExpression?], body: [TemplateNode], at: Int) {
        self.name = name
        self.parameters = parameters
        self.defaults = defaults
        self.body = body
        self.at = at
        let names = TemplateNameScan.referencedNames(in: body, defaults.compactMap { $0 })
        catchesVarargs = names.contains("varargs")
        catchesKwargs = names.contains("kwargs")
        acceptsCaller = names.contains("caller")
    }
}
