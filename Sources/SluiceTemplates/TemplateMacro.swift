import SluiceCore

/// What the renderer runs when a template calls a value it made: a macro (or a `caller` body) or
/// the `loop(...)` of a recursive loop.
enum TemplateCallable: Sendable {
    case macro(TemplateMacro)
    case recursiveLoop(TemplateRecursiveLoop)
    /// Not a function: marks a name as undefined in a scope (a macro parameter not given), with why.
    case undefined(String)
}

extension TemplateFunction {
    var isUndefinedMarker: Bool {
        if case .undefined? = callable { return true }
        return false
    }
}

extension TemplateValue {
    /// A scope entry that makes `name` undefined there (see `TemplateCallable.undefined`).
    static func undefined(_ reason: String) -> TemplateValue {
        .function(TemplateFunction(name: "undefined", callable: .undefined(reason)))
    }
}

/// A macro as a value: its definition, the template it was written in, and the names it sees.
///
/// Jinja's scoping: a macro sees its arguments, the names of the blocks around its definition as
/// they were then, and the top-level names of its template as they are when it is called (a
/// `set` after the macro's definition is seen). Called from another template (imported), it sees
/// its own template's top-level names as they were at the end of that template's rendering.
struct TemplateMacro: Sendable {
    let definition: TemplateMacroDefinition
    let source: TemplateSource
    /// The renderer's scopes when the macro was defined (for an imported macro: at the end of its module).
    var scopes: [[String: TemplateValue]]
    /// How many of `scopes` are the defining template's top level (read live when called from it).
    let topLevelCount: Int
    /// Which render of a template defined it (`TemplateRenderer.moduleID`).
    let moduleID: Int
    /// Whether the macro's body sees the render's context variables (false for a module imported
    /// or a template included `without context`).
    let seesContext: Bool
}

/// `loop(items)` inside a `{% for ... recursive %}`: renders the loop again over `items`, one level deeper.
struct TemplateRecursiveLoop: Sendable {
    let loop: TemplateLoop
    let source: TemplateSource
    let scopes: [[String: TemplateValue]]
    let moduleID: Int
    let topLevelCount: Int
    let seesContext: Bool
    /// The depth (`loop.depth`) of the loop whose body calls `loop(...)`.
    let depth: Int
}
