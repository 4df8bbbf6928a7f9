import Foundation

/// Why a DAG run exists: the scheduler made it, a person triggered it, or a backfill
/// filled in the past. The raw values are Airflow's, and they prefix run ids.
public enum RunType: String, Sendable, Hashable, Codable, CaseIterable {
    case scheduled
    case manual
    case backfill

    /// Airflow's run id for a run of this type at `logicalDate`,
    /// e.g. `scheduled__2021-01-15T00:00:00+00:00`.
    public func runId(for logicalDate: Date) -> String {
        rawValue + "__" + RunIdDateFormat.string(from: logicalDate)
    }
}
