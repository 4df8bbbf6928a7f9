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
        let candidates = expansions.map(\.name) + ["@once"]
        let lowered = name.lowercased()
        return candidates.min { DidYouMean.distance(lowered, $0) < DidYouMean.distance(lowered, $1) }
            .flatMap { DidYouMean.distance(lowered, $0) <= 3 ? $0 : nil }
    }
}
