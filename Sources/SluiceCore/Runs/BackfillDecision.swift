/// What `dags backfill` does with one logical date, given the run that date already has (if any); the
/// same answer for `--dry-run` and for the real backfill, so the dry run never lists a date the backfill
/// then skips.
public enum BackfillDecision: String, Sendable, Equatable {
    /// No run yet: create one and run it.
    case run
    /// A finished run that `--reprocess` does not cover: left as it is.
    case skip
    /// A finished run that `--reprocess` covers: cleared and run again.
    case rerun
    /// A queued or running run (another process or an earlier backfill left it): continued.
    case resume = "continue"

    /// Which finished runs to run again.
    public enum Reprocess: String, Sendable, CaseIterable {
        case none, failed, all
    }

    public static func decide(existing: RunState?, reprocess: Reprocess) -> BackfillDecision {
        switch (existing, reprocess) {
        case (nil, _): return .run
        case (.success?, .all), (.failed?, .all), (.failed?, .failed): return .rerun
        case (.success?, _), (.failed?, _): return .skip
        default: return .resume
        }
    }
}
