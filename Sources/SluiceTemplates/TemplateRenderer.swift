import SluiceCore

/// A problem found while rendering, at a UTF-8 offset of the template being rendered; turned into
/// a `TemplateError` with line and column by `renderTop`.
struct RenderFailure: Error {
    var offset: Int
    var message: String
}

/// Walks a parsed template and appends its output to one string.
///
/// Names resolve through the local scopes (`set`, loop variables), innermost first, then the
/// context's variables: one dictionary lookup in the common case.
struct TemplateRenderer {
    static let maximumIncludeDepth = 20

    let context: TemplateContext
    let source: TemplateSource
    var scopes: [[String: TemplateValue]]
    let depth: Int

    /// Renders and converts failures to `TemplateError`s naming this template.
    mutating func renderTop(_ nodes: [TemplateNode], into out: inout TemplateOutput) throws {
        try locatingFailures { try $0.render(nodes, into: &out) }
    }

    /// Evaluates one expression to its value (native rendering), failures located as `renderTop` does.
    mutating func evaluateTop(_ expression: TemplateExpression) throws -> TemplateValue {
        try locatingFailures { try $0.evaluate(expression) }
    }

    private mutating func locatingFailures<T>(_ body: (inout TemplateRenderer) throws -> T) throws -> T {
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
            if let v = scopes[i][name.text] { return v }
        }
        return context.table.value(forKey: name.text, hash: name.hash)
    }

    private mutating func assign(_ name: String, _ value: TemplateValue) {
        if scopes.isEmpty { scopes.append([:]) }
        scopes[scopes.count - 1][name] = value
    }

    mutating func render(_ nodes: [TemplateNode], into out: inout TemplateOutput) throws {
        for node in nodes {
            switch node {
            case .text(let t):
                try out.append(t)
            case .output(let expr):
                if case .method = expr, let result = try evaluateInPlaceCall(expr) {
                    try out.append(result)
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
                try renderLoop(loop, into: &out)
            case .assign(let targets, let expr, let at):
                let value = try evaluateInPlaceCall(expr) ?? evaluate(expr)
                try bind(targets, to: value, at: at)
            case .assignAttribute(let name, let attribute, let expr, let at):
                guard case .namespace(let namespace) = lookup(TemplateIdentifier(name)) else {
                    throw RenderFailure(offset: at, message: "cannot set '\(UserText.quote(name)).\(UserText.quote(attribute))': '\(UserText.quote(name))' is not a namespace (make it with namespace())")
                }
                let value = try evaluate(expr)
                guard !value.containsNamespace else {
                    throw RenderFailure(offset: at, message: "cannot set '\(UserText.quote(name)).\(UserText.quote(attribute))' to a value holding a namespace: Sluice does not support that")
                }
                namespace.set(attribute, value)
            case .assignBlock(let name, let body):
                var captured = TemplateOutput(sharingBudgetOf: out)
                try render(body, into: &captured)
                out.absorbBudget(of: captured)
                assign(name, .string(captured.string))
            case .include(let nameExpr, let ignoreMissing, let at):
                try include(nameExpr, ignoreMissing: ignoreMissing, at: at, into: &out)
            }
        }
    }

    private mutating func bind(_ targets: [String], to value: TemplateValue, at: Int) throws {
        if targets.count == 1 {
            assign(targets[0], value)
            return
        }
        let items = try iterate(value, at: at)
        guard items.count == targets.count else {
            throw RenderFailure(offset: at, message: "cannot unpack \(items.count) values into \(targets.count) names (\(targets.joined(separator: ", ")))")
        }
        for (name, item) in zip(targets, items) { assign(name, item) }
    }

    /// The items a `for` loop visits: list and tuple items, dict keys, or the characters of a string.
    func iterate(_ value: TemplateValue, at: Int) throws -> [TemplateValue] {
        switch value {
        case .list(let items), .tuple(let items): return items
        case .dict(let d): return d.keys.map { .string($0) }
        case .string(let s):
            guard s.utf8.count <= TemplateLimits.listItems else {
                throw RenderFailure(offset: at, message: "a string longer than \(TemplateLimits.listItems) bytes cannot be looped over")
            }
            return s.map { .string(String($0)) }
        default: throw RenderFailure(offset: at, message: "a '\(value.typeName)' value cannot be looped over")
        }
    }

    private mutating func renderLoop(_ loop: TemplateLoop, into out: inout TemplateOutput) throws {
        var items = try iterate(try evaluate(loop.iterable), at: loop.at)
        // Jinja's scoping: each iteration runs in a scope of its own, so a `set` inside the body
        // is seen by the rest of that iteration only, neither by the next one nor after the loop
        // (and the `else` block has a scope of its own too). One scope is emptied at the start of
        // each iteration, keeping its storage, rather than a new one allocated.
        scopes.append([:])
        defer { scopes.removeLast() }
        let iterationScope = scopes.count - 1
        if let condition = loop.condition {
            var kept: [TemplateValue] = []
            for item in items {
                try out.countIteration()
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
        let length = items.count
        for (index, item) in items.enumerated() {
            try out.countIteration()
            scopes[iterationScope].removeAll(keepingCapacity: true)
            try bind(loop.targets, to: item, at: loop.at)
            var state = TemplateDictionary()
            state["index"] = .int(index + 1)
            state["index0"] = .int(index)
            state["revindex"] = .int(length - index)
            state["revindex0"] = .int(length - index - 1)
            state["first"] = .bool(index == 0)
            state["last"] = .bool(index == length - 1)
            state["length"] = .int(length)
            if index > 0 { state["previtem"] = items[index - 1] }
            if index + 1 < length { state["nextitem"] = items[index + 1] }
            assign("loop", .dict(state))
            try render(loop.body, into: &out)
        }
    }

    private mutating func include(_ nameExpr: TemplateExpression, ignoreMissing: Bool, at: Int, into out: inout TemplateOutput) throws {
        guard case .string(let name) = try evaluate(nameExpr) else {
            throw RenderFailure(offset: at, message: "include needs a template name (a string)")
        }
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
            if ignoreMissing { return }
            let reason = (error as? TemplateError)?.message ?? "\(error)"
            throw RenderFailure(offset: at, message: "cannot include '\(UserText.quote(name))': \(reason)")
        }
        let template = try Template(source: text, name: name)
        var inner = TemplateRenderer(context: context, source: template.source, scopes: scopes, depth: depth + 1)
        try inner.renderTop(template.nodes, into: &out)
    }
}
