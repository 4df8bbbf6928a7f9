import SluiceCore

/// A parsed Jinja template, ready to render many times.
///
/// It accepts Jinja as Airflow configures it (`SandboxedEnvironment`, `StrictUndefined`, the `do`
/// extension): every statement (`if`, `for` with `else`/filter/`recursive`, `set`, `with`, `macro`,
/// `call`, `filter`, `include`, `import`, `from`, `do`, `raw`), comments and whitespace control, with
/// Jinja's defaults: `trim_blocks` and `lstrip_blocks` off, one trailing newline dropped, and naming
/// something that does not exist is an error (except under `is defined` and `default`). It does not
/// support template inheritance (`extends`/`block`) or autoescaping: those are load-time errors.
public struct Template: Sendable {
    /// The name used in error messages, usually the file name.
    public let name: String
    /// True when the text has no tag at all, so rendering returns it unchanged (after Jinja's
    /// newline handling) and callers may skip rendering.
    public let isStatic: Bool
    let source: TemplateSource
    let nodes: [TemplateNode]

    /// Parses `source`; throws a `TemplateError` with the line and column of the first syntax error.
    public init(source: String, name: String) throws {
        try self.init(TemplateSource(text: source, name: name))
    }

    /// Parses a template that may start inside another file (inline SQL in a DAG file): errors,
    /// at parse and render time, count lines from `source.lineOffset`.
    public init(_ source: TemplateSource) throws {
        self.name = source.name
        self.source = source.normalizingNewlines()
        self.isStatic = !Template.containsTag(source.text)
        self.nodes = try TemplateParser.parse(self.source)
    }

    /// Whether `text` contains `{{`, `{%` or `{#`, a cheap check for callers that hold raw text.
    public static func containsTag(_ text: String) -> Bool {
        var previousWasBrace = false
        for b in text.utf8 {
            if previousWasBrace && (b == UInt8(ascii: "{") || b == UInt8(ascii: "%") || b == UInt8(ascii: "#")) {
                return true
            }
            previousWasBrace = b == UInt8(ascii: "{")
        }
        return false
    }

    /// Renders with `context`; throws a `TemplateError` naming the template (or the included
    /// template), the line, the column and the problem.
    public func render(_ context: TemplateContext) throws -> String {
        var out = TemplateOutput(capacity: source.text.utf8.count + source.text.utf8.count / 2 + 64)
        var renderer = TemplateRenderer(context: context, source: source)
        try renderer.renderTop(nodes, into: &out)
        return out.string
    }
}

extension Template {
    /// The names of templates this one includes by a literal name (`{% include 'where.sql' %}`),
    /// in order, so a loader of DAG files can watch them for changes. Computed names are not known
    /// before rendering and are left out.
    public var includedNames: [String] {
        var names: [String] = []
        var pending = nodes[...]
        var stack: [ArraySlice<TemplateNode>] = []
        while true {
            guard let node = pending.popFirst() else {
                guard let next = stack.popLast() else { return names }
                pending = next
                continue
            }
            switch node {
            case .include(.literal(.string(let name)), _, _, _), .importModule(.literal(.string(let name)), _, _, _),
                 .importNames(.literal(.string(let name)), _, _, _):
                names.append(name)
            case .include(.list(let items), _, _, _), .include(.tuple(let items), _, _, _):
                for case .literal(.string(let name)) in items { names.append(name) }
            case .conditional(let branches, let otherwise):
                stack.append(contentsOf: branches.map { $0.1[...] })
                stack.append(otherwise[...])
            case .loop(let loop):
                stack.append(loop.body[...])
                stack.append(loop.otherwise[...])
            case .assignBlock(_, let body, _, _), .with(_, let body), .filterBlock(_, let body): stack.append(body[...])
            case .macro(let definition): stack.append(definition.body[...])
            case .callBlock(let caller, _, _): stack.append(caller.body[...])
            default: break
            }
        }
    }
}
