/// Suggests the closest known word for a misspelt key, name or preset.
public enum DidYouMean {
    /// The candidate nearest to `word` by edit distance, if it is close enough to be a typo.
    /// Words longer than `longestWord` get no suggestion: no typo is that long, and comparing a
    /// megabyte of text with every candidate would take minutes.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let length = word.count
        guard length <= longestWord else { return nil }
        let limit = max(2, length / 3)
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates where abs(candidate.count - length) <= limit {
            let d = distance(lowered, candidate.lowercased())
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// The longest word a suggestion is looked for.
    public static let longestWord = 100

    /// ` Did you mean 'x'?` or an empty string.
    public static func hint(for word: String, among candidates: [String]) -> String {
        guard let s = suggestion(for: word, among: candidates) else { return "" }
        return "; did you mean '\(s)'?"
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
