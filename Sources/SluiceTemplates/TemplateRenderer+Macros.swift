import SluiceCore

/// Macros, `{% call %}` blocks and recursive loops: values the renderer made and runs itself.
extension TemplateRenderer {
    /// The value `{% macro %}` binds (or the `caller` of a `{% call %}` block): it keeps the scopes
    /// it was defined in.
    func makeMacro(_ definition: TemplateMacroDefinition) -> TemplateValue {
        .function(TemplateFunction(name: definition.name, callable: .macro(TemplateMacro(definition: definition, frame: capturedFrame))))
    }

    /// Runs a macro or a recursive loop with evaluated arguments; its text is the result.
    func invoke(_ callable: TemplateCallable, _ positional: [TemplateValue], _ keywords: [(String, TemplateValue)], at: Int) throws -> TemplateValue {
        guard depth < Self.maximumCallDepth else {
            throw RenderFailure(offset: at, message: "macro calls, includes and recursive loops nest more than \(Self.maximumCallDepth) deep; does a macro call itself without end?")
        }
        switch callable {
        case .macro(let macro):
            return try invokeMacro(macro, positional, keywords, at: at)
        case .undefined(let reason):
            throw RenderFailure(offset: at, message: reason)
        case .recursiveLoop(let recursion):
            guard positional.count == 1, keywords.isEmpty else {
                throw RenderFailure(offset: at, message: "loop() of a recursive loop takes exactly one argument, the items to loop over")
            }
            var inner = running(in: recursion.frame, scopes: recursion.frame.scopes, scopeIDs: recursion.frame.scopeIDs)
            var out = TemplateOutput(capacity: 256)
            try inner.locatingFailures { try $0.renderLoop(recursion.loop, over: positional[0], depth: recursion.depth + 1, into: &out) }
            return .string(out.string)
        }
    }

    /// Binds the arguments as Jinja's `Macro.__call__` does (positions, then names, the rest into
    /// `varargs` and `kwargs` when the body uses them) and renders the body in a scope of its own.
    private func invokeMacro(_ macro: TemplateMacro, _ positional: [TemplateValue], _ keywords: [(String, TemplateValue)], at: Int) throws -> TemplateValue {
        let definition = macro.definition
        let name = UserText.quote(definition.name)
        let parameters = definition.parameters
        guard positional.count <= parameters.count || definition.catchesVarargs else {
            throw RenderFailure(offset: at, message: "macro '\(name)' takes not more than \(parameters.count) argument(s), \(positional.count) were given")
        }
        var scope: [String: TemplateValue] = [:]
        for (parameter, value) in zip(parameters, positional) { scope[parameter] = value }
        var kwargs = TemplateDictionary()
        for (keyword, value) in keywords {
            if keyword == "caller" && definition.acceptsCaller {
                scope["caller"] = value
            } else if let index = parameters.firstIndex(of: keyword), index >= positional.count, scope[keyword] == nil {
                scope[keyword] = value
            } else if definition.catchesKwargs && !parameters.contains(keyword) {
                kwargs[keyword] = value
            } else if parameters.contains(keyword) {
                throw RenderFailure(offset: at, message: "macro '\(name)' got multiple values for the argument '\(UserText.quote(keyword))'")
            } else {
                throw RenderFailure(offset: at, message: "macro '\(name)' takes no keyword argument '\(UserText.quote(keyword))'")
            }
        }
        for parameter in parameters where scope[parameter] == nil {
            scope[parameter] = .undefined("parameter '\(UserText.quote(parameter))' of macro '\(name)' was not provided")
        }
        if definition.acceptsCaller && scope["caller"] == nil { scope["caller"] = .undefined("no caller defined: call macro '\(name)' from a '{% call %}' block") }
        if definition.catchesVarargs { scope["varargs"] = .tuple(Array(positional.dropFirst(parameters.count))) }
        if definition.catchesKwargs { scope["kwargs"] = .dict(kwargs) }
        let frame = macro.frame
        var scopes = frame.scopes
        if frame.moduleID == moduleID {
            // Called from its own template: the scopes it was defined in that are still open (its
            // top level at least) are read as they are now, as Python closures read variables.
            let (current, currentIDs) = padded
            for i in 0..<min(scopes.count, current.count) where currentIDs[i] == frame.scopeIDs[i] { scopes[i] = current[i] }
        }
        scopes.append(scope)
        var inner = running(in: frame, scopes: scopes, scopeIDs: frame.scopeIDs + [Self.newScopeID()])
        var out = TemplateOutput(capacity: 256)
        try inner.locatingFailures { renderer in
            for (index, (parameter, fallback)) in zip(parameters, definition.defaults).enumerated() where index >= positional.count {
                if let fallback, keywords.allSatisfy({ $0.0 != parameter }) {
                    renderer.assign(parameter, try renderer.evaluate(fallback))
                }
            }
            try renderer.render(definition.body, into: &out)
        }
        return .string(out.string)
    }

    /// `{% call(params) callee(args) %}`: calls the macro `call` names with `caller` bound to the block.
    func callWithCaller(_ call: TemplateExpression, caller: TemplateValue, at: Int) throws -> TemplateValue {
        let callee: TemplateValue
        let arguments: TemplateArguments
        switch call {
        case .call(let expression, let args, _):
            callee = try evaluate(expression)
            arguments = args
        case .method(let base, let member, let args, let memberAt):
            let receiver = try evaluate(base)
            guard let value = try attribute(member, of: receiver, at: memberAt) else {
                throw RenderFailure(offset: memberAt, message: "\(describe(base, receiver)) has no macro '\(UserText.quote(member.text))'")
            }
            callee = value
            arguments = args
        default:
            throw RenderFailure(offset: at, message: "a call block needs a macro call")
        }
        guard case .function(let function) = callee, let callable = function.callable, case .macro(let macro) = callable else {
            throw RenderFailure(offset: at, message: "a call block needs a macro to call, not a '\(callee.typeName)'")
        }
        guard macro.definition.acceptsCaller else {
            throw RenderFailure(offset: at, message: "macro '\(UserText.quote(macro.definition.name))' does not use caller(), so it cannot take a call block")
        }
        var (positional, keywords) = try evaluateArguments(arguments)
        keywords.append(("caller", caller))
        return try invoke(callable, positional, keywords, at: at)
    }
}
