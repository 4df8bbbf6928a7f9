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

/// Where a macro or a recursive loop was made: the template, the scopes then, and what a renderer
/// needs to run its body there again.
struct TemplateFrame: Sendable {
    let source: TemplateSource
    var scopes: [[String: TemplateValue]]
    /// An identity for each of `scopes`, so that a macro called while the scopes it was defined in
    /// are still open reads their names as they are now (Python closures, as Jinja compiles macros).
    /// Top-level scopes are -1, -2, ...; opened scopes get `TemplateRenderer.newScopeID()`.
    var scopeIDs: [Int]
    /// How many of `scopes` are the defining template's top level (read live when called from it).
    let topLevelCount: Int
    /// Which render of a template made it (`TemplateRenderer.moduleID`).
    let moduleID: Int
    /// Whether the body sees the render's context variables (false in a module imported or a
    /// template included `without context`).
    let seesContext: Bool
}

/// A macro as a value: its definition and the frame it was defined in.
///
/// Jinja's scoping: a macro sees its arguments, the names of the blocks around its definition as
/// they were then, and the top-level names of its template as they are when it is called (a
/// `set` after the macro's definition is seen). Called from another template (imported), it sees
/// its own template's top-level names as they were at the end of that template's rendering.
struct TemplateMacro: Sendable {
    let definition: TemplateMacroDefinition
    var frame: TemplateFrame
}

/// `loop(items)` inside a `{% for ... recursive %}`: renders the loop again over `items`, one level deeper.
struct TemplateRecursiveLoop: Sendable {
    let loop: TemplateLoop
    let frame: TemplateFrame
    /// The depth (`loop.depth`) of the loop whose body calls `loop(...)`.
    let depth: Int
}
