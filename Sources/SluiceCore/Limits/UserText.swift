/// Quoting a value a user wrote (a dag_id, a task_id, a path, a template name) inside a message.
///
/// It exists so that no message echoes user input whole: a 1 MB dag_id shows as its first 60
/// characters and its length, e.g. `aaaa…(1048576 characters)`. Every module that puts user values
/// into messages calls `UserText.quote`; it does not escape or mask secrets (see `SecretMasker`).
public enum UserText {
    /// How many characters of a value a message shows.
    public static let shownCharacters = 60

    /// The value itself when short, else its first `limit` characters, `…` and its length.
    public static func quote(_ value: some StringProtocol, limit: Int = shownCharacters) -> String {
        // Counting stops just past the limit, so a huge value costs only its prefix here.
        var index = value.startIndex
        var shown = 0
        while index < value.endIndex, shown < limit {
            value.formIndex(after: &index)
            shown += 1
        }
        if index == value.endIndex { return String(value) }
        return String(value[value.startIndex..<index]) + "…(\(value.count) characters)"
    }
}
