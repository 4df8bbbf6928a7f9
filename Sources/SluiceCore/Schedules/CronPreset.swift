/// The `@` shorthands that stand for a cron expression, and the near-miss suggestion for typos.
///
/// Airflow maps `@hourly @daily @weekly @monthly @quarterly @yearly` itself and croniter adds
/// `@midnight` and `@annually`; both are accepted here, case-insensitively. `@once` is a schedule
/// of its own (one run at the start date), not a cron expression, so it is only named for suggestions.
enum CronPreset {
    static let expansions: [(name: String, cron: String)] = [
        ("@hourly", "0 * * * *"),
        ("@daily", "0 0 * * *"),
        ("@midnight", "0 0 * * *"),
        ("@weekly", "0 0 * * 0"),
        ("@monthly", "0 0 1 * *"),
        ("@quarterly", "0 0 1 */3 *"),
        ("@yearly", "0 0 1 1 *"),
        ("@annually", "0 0 1 1 *"),
    ]

    /// The cron expression a preset stands for, or nil for an unknown name.
    static func expansion(of name: String) -> String? {
        let lowered = name.lowercased()
        return expansions.first { $0.name == lowered }?.cron
    }

    /// The known name closest to `name` when it is a plausible typo of it.
    static func suggestion(for name: String) -> String? {
        let lowered = name.lowercased()
        let candidates = expansions.map(\.name) + ["@once"]
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate)
            if distance <= 3, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance between two short strings.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
