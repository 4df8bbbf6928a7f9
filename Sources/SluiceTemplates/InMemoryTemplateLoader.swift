import SluiceCore

/// A `TemplateLoader` over a fixed map of names to texts, for tests and for templates held in
/// memory (a DAG file's inline SQL snippets).
public struct InMemoryTemplateLoader: TemplateLoader {
    public var templates: [String: String]

    public init(_ templates: [String: String]) {
        self.templates = templates
    }

    public func source(named name: String) throws -> String {
        guard let text = templates[name] else {
            throw TemplateError(message: "there is no template named '\(UserText.quote(name))'")
        }
        return text
    }
}
