import SluiceCore

extension Template {
    /// What the template reads from its context (see `TemplateReads`).
    public var reads: TemplateReads {
        var walker = TemplateReadWalker(source: source)
        walker.walk(nodes)
        return walker.result()
    }

    /// Renders the template to a value rather than text when it is one expression (`{{ item.columns }}`,
    /// blank text around it allowed), as Airflow's native rendering does: a list stays a list. Any
    /// other template renders to its text, as a `.string`.
    public func renderValue(_ context: TemplateContext) throws -> TemplateValue {
        let meaningful = nodes.filter {
            if case .text(let text) = $0 { return !text.allSatisfy(\.isWhitespace) }
            return true
        }
        guard meaningful.count == 1, case .output(let expression) = meaningful[0] else {
            return .string(try render(context))
        }
        var renderer = TemplateRenderer(context: context, source: source)
        return try renderer.evaluateTop(expression)
    }
}

/// The names a piece of template refers to, bound there or not (`loop`, `caller`, `varargs`...).
enum TemplateNameScan {
    static func referencedNames(in nodes: [TemplateNode], _ expressions: [TemplateExpression]) -> Set<String> {
        var walker = TemplateReadWalker(source: TemplateSource(text: "", name: ""))
        walker.recordsKeys = false
        walker.walk(nodes)
        for expression in expressions { walker.walk(expression) }
        return walker.names
    }
}

/// Walks a template's nodes and expressions once, collecting the names and literal keys it reads.
private struct TemplateReadWalker {
    let source: TemplateSource
    var names: Set<String> = []
    var bound: Set<String> = []
    var keyReads: [String: [TemplateReads.KeyRead]] = [:]
    /// False when only the names matter (no positions computed).
    var recordsKeys = true

    func result() -> TemplateReads {
        TemplateReads(names: names.subtracting(bound), keyReads: keyReads.filter { !bound.contains($0.key) })
    }

    mutating func walk(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text: break
            case .output(let expression): walk(expression)
            case .conditional(let branches, let otherwise):
                for (condition, body) in branches {
                    walk(condition)
                    walk(body)
                }
                walk(otherwise)
            case .loop(let loop):
                bound.formUnion(loop.targets.flatMap(\.boundNames))
                bound.insert("loop")
                walk(loop.iterable)
                if let condition = loop.condition { walk(condition) }
                walk(loop.body)
                walk(loop.otherwise)
            case .assign(let targets, let expression, _):
                bound.formUnion(targets.flatMap(\.boundNames))
                walk(expression)
            case .assignBlock(let target, let body, let filters, _):
                bound.formUnion(target.boundNames)
                walk(body)
                walk(filters)
            case .include(let expression, _, _, _), .evaluate(let expression, _):
                walk(expression)
            case .with(let bindings, let body):
                for (name, expression) in bindings {
                    bound.insert(name)
                    walk(expression)
                }
                walk(body)
            case .macro(let definition):
                bound.insert(definition.name)
                walk(definition)
            case .callBlock(let caller, let call, _):
                walk(call)
                bound.insert("caller")
                walk(caller)
            case .filterBlock(let filters, let body):
                walk(filters)
                walk(body)
            case .importModule(let expression, let alias, _, _):
                bound.insert(alias)
                walk(expression)
            case .importNames(let expression, let names, _, _):
                bound.formUnion(names.map(\.1))
                walk(expression)
            }
        }
    }

    private mutating func walk(_ definition: TemplateMacroDefinition) {
        bound.formUnion(definition.parameters)
        bound.formUnion(["varargs", "kwargs", "caller"])
        for expression in definition.defaults.compactMap({ $0 }) { walk(expression) }
        walk(definition.body)
    }

    private mutating func walk(_ filters: [TemplateFilterCall]) {
        for filter in filters { walk(filter.arguments) }
    }

    private mutating func record(_ variable: String, key: String, at offset: Int, guarded: Bool) {
        guard recordsKeys else { return }
        let (line, column) = source.position(ofOffset: offset)
        keyReads[variable, default: []].append(TemplateReads.KeyRead(key: key, line: line + source.lineOffset, column: column, isGuarded: guarded))
    }

    /// `guarded`: the value may be absent without an error (the operand of `default` or `is defined`);
    /// it carries down an attribute or item chain only, as an absent base is what such a test copes with.
    mutating func walk(_ expression: TemplateExpression, guarded: Bool = false) {
        switch expression {
        case .literal: break
        case .name(let name, _): names.insert(name.text)
        case .attribute(let base, let name, _):
            if case .name(let root, let at) = base {
                names.insert(root.text)
                record(root.text, key: name.text, at: at, guarded: guarded)
            } else {
                walk(base, guarded: guarded)
            }
        case .item(let base, let key, _):
            if case .name(let root, let at) = base, case .literal(.string(let text)) = key {
                names.insert(root.text)
                record(root.text, key: text, at: at, guarded: guarded)
            } else {
                walk(base, guarded: guarded)
                walk(key)
            }
        case .slice(let base, let start, let stop, let step, _):
            walk(base)
            for part in [start, stop, step] { if let part { walk(part) } }
        case .call(let callee, let arguments, _):
            // Jinja's globals (`range(3)`) are not read from the context.
            if case .name(let name, _) = callee, TemplateRenderer.globalNames.contains(name.text) {} else { walk(callee) }
            walk(arguments)
        case .method(let base, let name, let arguments, _):
            if name.text == "get", case .name(let root, let at) = base,
               case .literal(.string(let key))? = arguments.positional.first {
                names.insert(root.text)
                let fallback = arguments.positional.count > 1 || arguments.keywords.contains { $0.0 == "default" }
                record(root.text, key: key, at: at, guarded: guarded || fallback)
            } else {
                walk(base)
            }
            walk(arguments)
        case .filter(let base, let filter, let arguments, _):
            walk(base, guarded: guarded || filter == .default)
            walk(arguments)
        case .test(let base, let test, _, let arguments, _):
            walk(base, guarded: guarded || test == .defined || test == .undefined)
            walk(arguments)
        case .negate(let operand, _), .plus(let operand, _), .not(let operand):
            walk(operand)
        case .binary(_, let left, let right, _), .and(let left, let right), .or(let left, let right):
            walk(left)
            walk(right)
        case .compare(let left, let comparisons):
            for comparison in comparisons {
                // `'key' in params` tests for the key: it is optional from then on.
                if comparison.op == .in || comparison.op == .notIn, case .name(let root, let at) = comparison.right,
                   case .literal(.string(let key)) = left {
                    record(root.text, key: key, at: at, guarded: true)
                }
            }
            walk(left)
            for comparison in comparisons { walk(comparison.right) }
        case .conditional(let then, let condition, let otherwise, _):
            walk(then)
            walk(condition)
            if let otherwise { walk(otherwise) }
        case .list(let items), .tuple(let items):
            for item in items { walk(item) }
        case .dict(let pairs, _):
            for (key, value) in pairs {
                walk(key)
                walk(value)
            }
        }
    }

    private mutating func walk(_ arguments: TemplateArguments) {
        for argument in arguments.positional { walk(argument) }
        for (_, argument) in arguments.keywords { walk(argument) }
        for argument in [arguments.spread, arguments.spreadKeywords] { if let argument { walk(argument) } }
    }
}
