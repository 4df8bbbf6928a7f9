import SluiceCore
import Synchronization

/// A problem found while rendering, at a UTF-8 offset of the template being rendered; turned into
/// a `TemplateError` with line and column by `renderTop`.
struct RenderFailure: Error {
    var offset: Int
    var message: String
}

/// Walks a parsed template and appends its output to one string.
///
/// Names resolve through the local scopes (`set`, loop variables, macro arguments), innermost
/// first, then the context's variables: one dictionary lookup in the common case. Jinja's scoping
/// rules: a loop iteration, a `with` block, a macro body and an included template each have a scope
/// of their own; `if` blocks do not.
struct TemplateRenderer {
    static let maximumIncludeDepth = 20
    /// How deep includes, imports, macro calls and recursive loops may nest together.
    static let maximumCallDepth = 40
    private static let idCounter = Atomic<Int>(0)

    let context: TemplateContext
    /// The template being rendered and its scopes: names resolve through `frame.scopes`, innermost
    /// first, then the context's variables (when `frame.seesContext`).
    var frame: TemplateFrame
    /// How many includes, imports, macro calls and recursive loops this renderer runs inside.
    let depth: Int
    let budget: TemplateBudget

    var source: TemplateSource { frame.source }
    var moduleID: Int { frame.moduleID }
    var topLevelCount: Int { frame.topLevelCount }
    var seesContext: Bool { frame.seesContext }
    var scopes: [[String: TemplateValue]] {
        get { frame.scopes }
        _modify { yield &frame.scopes }
    }
    var scopeIDs: [Int] {
        get { frame.scopeIDs }
        _modify { yield &frame.scopeIDs }
    }

    /// A renderer for a whole template.
    init(context: TemplateContext, source: TemplateSource) {
        self.init(context: context, frame: TemplateFrame(source: source, scopes: [], scopeIDs: [], topLevelCount: 1,
                                                         moduleID: Self.newScopeID(), seesContext: true),
                  depth: 0, budget: TemplateBudget())
    }

    /// A renderer nested in another (an include, an import, a macro body).
    init(context: TemplateContext, frame: TemplateFrame, depth: Int, budget: TemplateBudget) {
        self.context = context
        self.frame = frame
        self.depth = depth
        self.budget = budget
    }

    /// Renders and converts failures to `TemplateError`s naming this template.
    mutating func renderTop(_ nodes: [TemplateNode], into out: inout TemplateOutput) throws {
        try locatingFailures { try $0.render(nodes, into: &out) }
    }

    /// Evaluates one expression to its value (native rendering), failures located as `renderTop` does.
    mutating func evaluateTop(_ expression: TemplateExpression) throws -> TemplateValue {
        try locatingFailures { try $0.evaluate(expression) }
    }

    mutating func locatingFailures<T>(_ body: (inout TemplateRenderer) throws -> T) throws -> T {
        do {
            return try body(&self)
        } catch let failure as RenderFailure {
            throw source.error(at: failure.offset, failure.message)
        } catch let error as TemplateError where error.line == 0 {
            // A budget ran out (TemplateOutput): the whole template is to blame, from its start.
            throw source.error(at: 0, error.message)
        }
    }

    func lookup(_ name: TemplateIdentifier) -> TemplateValue? {
        var i = scopes.count
        while i > 0 {
            i -= 1
            if !scopes[i].isEmpty, let v = scopes[i][name.text] {
                // A macro parameter not given, a name a module does not export: undefined here.
                if case .function(let f) = v, f.isUndefinedMarker { return nil }
                return v
            }
        }
        guard seesContext else { return nil }
        return context.table.value(forKey: name.text, hash: name.hash)
    }

    mutating func assign(_ name: String, _ value: TemplateValue) {
        openTopLevelScope()
        scopes[scopes.count - 1][name] = value
    }

    /// Makes sure there is a scope to set top-level names in (a template that set nothing has none).
    mutating func openTopLevelScope() {
        if scopes.isEmpty {
            scopes.append([:])
            scopeIDs.append(-1)
        }
    }

    /// Opens a scope of its own for a loop, a `with`, a captured block; `closeScope` ends it.
    mutating func openScope(_ scope: [String: TemplateValue] = [:]) {
        scopes.append(scope)
        scopeIDs.append(Self.newScopeID())
    }

    /// A number no other scope or module of this process has.
    static func newScopeID() -> Int {
        idCounter.add(1, ordering: .relaxed).newValue
    }

    mutating func closeScope() {
        scopes.removeLast()
        scopeIDs.removeLast()
    }

    /// This renderer's template and scopes, for a macro or recursive loop made here.
    var capturedFrame: TemplateFrame {
        var captured = frame
        (captured.scopes, captured.scopeIDs) = padded
        return captured
    }

    /// A renderer one level deeper that runs in `frame` with `scopes`.
    func running(in frame: TemplateFrame, scopes: [[String: TemplateValue]], scopeIDs: [Int]) -> TemplateRenderer {
        var frame = frame
        frame.scopes = scopes
        frame.scopeIDs = scopeIDs
        return TemplateRenderer(context: context, frame: frame, depth: depth + 1, budget: budget)
    }

    /// The scopes with the top level padded to `topLevelCount` (a template that set nothing yet has none).
    var paddedScopes: [[String: TemplateValue]] { padded.scopes }

    /// `paddedScopes` with their identities.
    var padded: (scopes: [[String: TemplateValue]], ids: [Int]) {
        guard scopes.count < topLevelCount else { return (scopes, scopeIDs) }
        return (scopes + Array(repeating: [:], count: topLevelCount - scopes.count),
                scopeIDs + (scopes.count..<topLevelCount).map { -($0 + 1) })
    }

    mutating func render(_ nodes: [TemplateNode], into out: inout TemplateOutput) throws {
        for node in nodes {
            switch node {
            case .text(let t):
                try out.append(t)
            case .output(let expr):
                if case .method(_, let name, _, _) = expr, Self.inPlaceMethods.contains(name.text) {
                    try out.append(try evaluateStatement(expr))  // `{{ xs.pop() }}` changes xs
                } else {
                    try out.append(try evaluate(expr))
                }
            case .conditional(let branches, let otherwise):
                var done = false
                for (condition, body) in branches where try evaluate(condition).isTruthy {
                    try render(body, into: &out)
                    done = true
                    break
                }
                if !done { try render(otherwise, into: &out) }
            case .loop(let loop):
                try renderLoop(loop, over: try evaluate(loop.iterable), depth: 1, into: &out)
            case .assign(let targets, let expr, let at):
                try bind(targets, to: try evaluateStatement(expr), at: at)
            case .assignBlock(let target, let body, let filters, let at):
                try assign(target, try renderCaptured(body, filters: filters), at: at)
            case .include(let nameExpr, let ignoreMissing, let withContext, let at):
                try include(nameExpr, ignoreMissing: ignoreMissing, withContext: withContext, at: at, into: &out)
            case .with(let bindings, let body):
                var scope: [String: TemplateValue] = [:]
                for (name, expr) in bindings { scope[name] = try evaluate(expr) }
                openScope(scope)
                defer { closeScope() }
                try render(body, into: &out)
            case .macro(let definition):
                assign(definition.name, makeMacro(definition))
            case .callBlock(let caller, let call, let at):
                try out.append(try callWithCaller(call, caller: makeMacro(caller), at: at))
            case .filterBlock(let filters, let body):
                try out.append(try renderCaptured(body, filters: filters))
            case .evaluate(let expr, _):
                _ = try evaluateStatement(expr)
            case .importModule(let nameExpr, let alias, let withContext, let at):
                let (_, module) = try importModule(nameExpr, withContext: withContext, at: at)
                assign(alias, .dict(module))
            case .importNames(let nameExpr, let names, let withContext, let at):
                let (moduleName, module) = try importModule(nameExpr, withContext: withContext, at: at)
                // A name the module does not export is undefined: using it is an error, as in
                // Jinja with StrictUndefined.
                for (name, alias) in names {
                    assign(alias, module[name] ?? .undefined("the template '\(UserText.quote(moduleName))' does not export the requested name '\(UserText.quote(name))'"))
                }
            }
        }
    }

    /// Renders `body` in a scope of its own (block `set`, `filter` blocks) and applies `filters` to the text.
    private mutating func renderCaptured(_ body: [TemplateNode], filters: [TemplateFilterCall]) throws -> TemplateValue {
        var captured = TemplateOutput(capacity: 256)
        openScope()
        defer { closeScope() }
        try render(body, into: &captured)
        var value = TemplateValue.string(captured.string)
        for call in filters {
            let (positional, keywords) = try evaluateArguments(call.arguments)
            value = try apply(call.filter, to: value, positional, keywords, at: call.at)
        }
        return value
    }

    /// `{% set name = value %}` or `{% set ns.attribute = value %}`.
    private mutating func assign(_ target: TemplateTarget, _ value: TemplateValue, at: Int) throws {
        guard let attribute = target.attribute else {
            assign(target.name, value)
            return
        }
        let name = UserText.quote(target.name)
        guard case .namespace(let namespace)? = lookup(TemplateIdentifier(target.name)) else {
            throw RenderFailure(offset: at, message: "cannot set '\(name).\(UserText.quote(attribute))': '\(name)' is not a namespace (make it with namespace())")
        }
        guard !value.containsNamespace else {
            throw RenderFailure(offset: at, message: "cannot set '\(name).\(UserText.quote(attribute))' to a value holding a namespace: Sluice does not support that")
        }
        namespace.set(attribute, value)
    }

    private func unpack(_ value: TemplateValue, into count: Int, at: Int) throws -> [TemplateValue] {
        let items = try iterate(value, at: at)
        guard items.count == count else {
            throw RenderFailure(offset: at, message: items.count > count ? "too many values to unpack (expected \(count))" : "not enough values to unpack (expected \(count), got \(items.count))")
        }
        return items
    }

    /// Binds `value` to `targets`, unpacking it when there are several (or one nested tuple).
    private mutating func bind(_ targets: [TemplateTarget], to value: TemplateValue, at: Int) throws {
        guard targets.count == 1 else { return try unpack(value, into: targets, at: at) }
        if let nested = targets[0].nested {
            try unpack(value, into: nested, at: at)
        } else {
            try assign(targets[0], value, at: at)
        }
    }

    private mutating func unpack(_ value: TemplateValue, into targets: [TemplateTarget], at: Int) throws {
        for (target, item) in zip(targets, try unpack(value, into: targets.count, at: at)) {
            if let nested = target.nested {
                try unpack(item, into: nested, at: at)
            } else {
                try assign(target, item, at: at)
            }
        }
    }

    /// The items a `for` loop visits: list and tuple items, dict keys, or the characters of a string.
    func iterate(_ value: TemplateValue, at: Int) throws -> [TemplateValue] {
        switch value {
        case .list(let items), .tuple(let items): return items
        case .object(let o as TemplateDictView): return o.items
        case .dict(let d): return d.keys.map { .string($0) }
        case .string(let s):
            guard s.utf8.count <= TemplateLimits.listItems else {
                throw RenderFailure(offset: at, message: "a string longer than \(TemplateLimits.listItems) bytes cannot be looped over")
            }
            return s.unicodeScalars.map { .string(String($0)) }
        default: throw RenderFailure(offset: at, message: "a '\(value.typeName)' value cannot be looped over")
        }
    }

    mutating func renderLoop(_ loop: TemplateLoop, over iterable: TemplateValue, depth loopDepth: Int, into out: inout TemplateOutput) throws {
        var items = try iterate(iterable, at: loop.at)
        let outerFrame = loop.recursive ? capturedFrame : nil
        // Jinja's scoping: each iteration runs in a scope of its own, so a `set` inside the body
        // is seen by the rest of that iteration only, neither by the next one nor after the loop
        // (and the `else` block has a scope of its own too). One scope is emptied at the start of
        // each iteration, keeping its storage, rather than a new one allocated.
        openScope()
        defer { closeScope() }
        let iterationScope = scopes.count - 1
        if let condition = loop.condition {
            var kept: [TemplateValue] = []
            for item in items {
                try budget.countIteration()
                scopes[iterationScope].removeAll(keepingCapacity: true)
                try bind(loop.targets, to: item, at: loop.at)
                if try evaluate(condition).isTruthy { kept.append(item) }
            }
            items = kept
        }
        guard !items.isEmpty else {
            scopes[iterationScope].removeAll()
            try render(loop.otherwise, into: &out)
            return
        }
        var state: TemplateLoopState?
        if loop.usesLoopState {
            var recursion: TemplateFunction?
            if let outerFrame {
                recursion = TemplateFunction(name: "loop", callable: .recursiveLoop(TemplateRecursiveLoop(loop: loop, frame: outerFrame, depth: loopDepth)))
            }
            state = TemplateLoopState(items: items, depth: loopDepth, recursion: recursion)
        }
        for (index, item) in items.enumerated() {
            try budget.countIteration()
            scopes[iterationScope].removeAll(keepingCapacity: true)
            try bind(loop.targets, to: item, at: loop.at)
            if let state { assign("loop", state.value(at: index)) }
            try render(loop.body, into: &out)
        }
    }

    private mutating func include(_ nameExpr: TemplateExpression, ignoreMissing: Bool, withContext: Bool, at: Int, into out: inout TemplateOutput) throws {
        let names: [TemplateValue]
        switch try evaluate(nameExpr) {
        case .string(let name): names = [.string(name)]
        case .list(let items), .tuple(let items): names = items
        default: throw RenderFailure(offset: at, message: "include needs a template name (a string) or a list of names")
        }
        var template: Template?
        var reasons: [String] = []
        for case .string(let name) in names {
            do {
                template = try load(name, at: at)
                break
            } catch let failure as RenderFailure {
                reasons.append(failure.message)
            }
        }
        guard let template else {
            if ignoreMissing { return }
            throw RenderFailure(offset: at, message: reasons.count == 1 ? reasons[0] : "none of the templates \(names.map(\.text).joined(separator: ", ")) could be included: \(reasons.joined(separator: "; "))")
        }
        // An included template sees the includer's names, except the `loop` of its loops (as in Jinja).
        let passed = withContext ? scopes.map { scope in scope["loop"] == nil ? scope : scope.filter { $0.key != "loop" } } : []
        var inner = nested(template.source, scopes: passed, scopeIDs: withContext ? scopeIDs : [], seesContext: withContext && seesContext)
        try inner.renderTop(template.nodes, into: &out)
    }

    /// The parsed template called `name`, from the context's loader.
    private func load(_ name: String, at: Int) throws -> Template {
        guard let loader = context.loader else {
            throw RenderFailure(offset: at, message: "cannot include '\(UserText.quote(name))': no template folder is configured")
        }
        guard depth < Self.maximumIncludeDepth else {
            throw RenderFailure(offset: at, message: "cannot include '\(UserText.quote(name))': includes are nested more than \(Self.maximumIncludeDepth) deep (does a template include itself?)")
        }
        let text: String
        do {
            text = try loader.source(named: name)
        } catch {
            let reason = (error as? TemplateError)?.message ?? "\(error)"
            throw RenderFailure(offset: at, message: "cannot include '\(UserText.quote(name))': \(reason)")
        }
        return try Template(source: text, name: name)
    }

    /// A renderer for another template (include, import) run from this one.
    /// A renderer for another template run from this one, given `scopes` of this one, with a
    /// top-level scope of its own after them.
    private func nested(_ source: TemplateSource, scopes: [[String: TemplateValue]], scopeIDs: [Int], seesContext: Bool) -> TemplateRenderer {
        let frame = TemplateFrame(source: source, scopes: scopes + [[:]], scopeIDs: scopeIDs + [-(scopes.count + 1)],
                                  topLevelCount: scopes.count + 1, moduleID: Self.newScopeID(), seesContext: seesContext)
        return TemplateRenderer(context: context, frame: frame, depth: depth + 1, budget: budget)
    }

    /// Renders the template `nameExpr` names as a module: its top-level names (macros, `set`s),
    /// except those starting with `_`. Its output is dropped.
    private mutating func importModule(_ nameExpr: TemplateExpression, withContext: Bool, at: Int) throws -> (String, TemplateDictionary) {
        guard case .string(let name) = try evaluate(nameExpr) else {
            throw RenderFailure(offset: at, message: "import needs a template name (a string)")
        }
        let template = try load(name, at: at)
        let (passed, passedIDs) = withContext ? padded : ([], [])
        var inner = nested(template.source, scopes: passed, scopeIDs: passedIDs, seesContext: withContext && seesContext)
        var discarded = TemplateOutput(capacity: 0)
        try inner.renderTop(template.nodes, into: &discarded)
        let finalScopes = inner.paddedScopes
        var module = TemplateDictionary()
        let exported = finalScopes[finalScopes.count - 1]
        for key in exported.keys.sorted() where !key.hasPrefix("_") {
            guard let value = exported[key] else { continue }
            if case .function(let function) = value, case .macro(var macro)? = function.callable, macro.frame.moduleID == inner.moduleID {
                // Called from here, the macro sees its module's top level as the module left it.
                macro.frame.scopes = finalScopes + macro.frame.scopes.dropFirst(finalScopes.count)
                macro.frame.scopeIDs = inner.padded.ids + macro.frame.scopeIDs.dropFirst(finalScopes.count)
                module[key] = .function(TemplateFunction(name: function.name, callable: .macro(macro)))
            } else {
                module[key] = value
            }
        }
        return (name, module)
    }
}
