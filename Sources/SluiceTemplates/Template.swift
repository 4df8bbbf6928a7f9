/// A parsed Jinja template, ready to render many times.
///
/// It accepts the subset of Jinja that Airflow SQL uses (`{{ }}`, `if`, `for`, `set`, `include`,
/// `raw`, comments, whitespace control, filters and tests) with Jinja's defaults as Airflow uses
/// them: `trim_blocks` and `lstrip_blocks` off, one trailing newline dropped, and `StrictUndefined`
/// (naming something that does not exist is an error, except under `is defined` and `default`).
/// It does not support template inheritance, macros or autoescaping.
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
        self.name = name
        self.source = TemplateSource(name: name, raw: source)
        self.isStatic = !Template.containsTag(source)
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
        var renderer = TemplateRenderer(context: context, source: source, scopes: [], depth: 0)
        try renderer.renderTop(nodes, into: &out)
        return out.string
    }
}
