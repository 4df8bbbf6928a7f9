/// Where `{% include 'name' %}` finds the text of another template.
///
/// Sluice resolves names against the project's `include/` folder; tests use an in-memory map.
public protocol TemplateLoader: Sendable {
    /// The text of the template called `name`; throws when there is none.
    func source(named name: String) throws -> String
}
