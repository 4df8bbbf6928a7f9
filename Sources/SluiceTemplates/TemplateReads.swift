import SluiceCore

/// What a parsed template reads from its context, found by walking its syntax tree without rendering:
/// the variables it names and the keys it reads of them (`params.table`, `params['table']`,
/// `params.get('table')`), each with its place in the template.
///
/// It exists so that a DAG loader can check, before any run, that every param a template reads is
/// declared and that every `for_each` item has the keys its templates use. It deliberately does not
/// follow `{% include %}` (the loader checks included files on their own) and does not evaluate
/// anything: a key computed at render time (`params[name]`) is not a read of a known key.
///
/// A name the template binds itself anywhere (`{% set params = ... %}`, `{% for item in ... %}`)
/// shadows the context's variable, so none of its reads are reported.
public struct TemplateReads: Sendable {
    /// One read of a key of a variable, at the 1-based line and column of the variable's name.
    public struct KeyRead: Sendable, Equatable {
        public var key: String
        public var line: Int
        public var column: Int
        /// Whether this read copes with the key being absent: under `is defined`/`is undefined`,
        /// filtered by `default`, or `get` with a fallback.
        public var isGuarded: Bool
    }

    /// The context variables the template reads (names it binds itself are left out).
    public var names: Set<String>
    /// Every read of a literal key, by variable, in template order.
    public var keyReads: [String: [KeyRead]]

    /// The keys of `variable` the template cannot do without: every read of a key that the template
    /// never reads in a guarded way (`x is defined`, `x | default(...)`, `'k' in variable`,
    /// `variable.get('k', fallback)`) anywhere. A key tested once is optional throughout, so
    /// `{% if params.x is defined %}{{ params.x }}{% endif %}` needs no `x`.
    public func requiredKeys(of variable: String) -> [KeyRead] {
        let reads = keyReads[variable] ?? []
        let optional = Set(reads.filter(\.isGuarded).map(\.key))
        return reads.filter { !optional.contains($0.key) }
    }
}
