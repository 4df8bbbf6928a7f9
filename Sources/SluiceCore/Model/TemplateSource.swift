/// Template text together with the name errors should point at.
///
/// SQL may be written inline in a DAG file or kept in a file under `include/`; either way the
/// renderer needs the text and a name (`include/copy_to_s3.sql`, or `dags/x.yaml:12` for inline
/// SQL) plus the line in that file where the text starts, so template errors say where they are.
public struct TemplateSource: Sendable, Equatable {
    /// The template text.
    public var text: String
    /// The name errors use: a path relative to the project, or the DAG file for inline text.
    public var name: String
    /// The 1-based line of the DAG file where inline text starts (0 for a separate file).
    public var lineOffset: Int

    public init(text: String, name: String, lineOffset: Int = 0) {
        self.text = text
        self.name = name
        self.lineOffset = lineOffset
    }
}
