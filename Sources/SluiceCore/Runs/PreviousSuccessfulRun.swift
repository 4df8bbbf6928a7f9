import Foundation

/// The latest successful run of a DAG before a run's logical date: what Airflow's template context
/// calls `prev_data_interval_start_success`, `prev_data_interval_end_success`,
/// `prev_start_date_success` and `prev_end_date_success` (each `None` when there is no such run).
public struct PreviousSuccessfulRun: Sendable, Equatable {
    public var dataIntervalStart: Date
    public var dataIntervalEnd: Date
    /// When the run started and ended (nil when the store has no time for it, e.g. marked by hand).
    public var startedAt: Date?
    public var endedAt: Date?

    public init(dataIntervalStart: Date, dataIntervalEnd: Date, startedAt: Date?, endedAt: Date?) {
        self.dataIntervalStart = dataIntervalStart
        self.dataIntervalEnd = dataIntervalEnd
        self.startedAt = startedAt
        self.endedAt = endedAt
    }

    /// The values of a stored run.
    public init(_ run: DagRun) {
        self.init(dataIntervalStart: run.dataIntervalStart, dataIntervalEnd: run.dataIntervalEnd,
                  startedAt: run.startedAt, endedAt: run.endedAt)
    }
}
