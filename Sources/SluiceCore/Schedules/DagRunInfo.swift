import Foundation

/// When one scheduled run happens and which data it covers: Airflow's `DagRunInfo`.
///
/// All four values are instants (`Date`); render them in the DAG's zone only for display.
/// `runAfter` is the earliest moment the run may start.
public struct DagRunInfo: Sendable, Equatable, Hashable, Codable {
    public var logicalDate: Date
    public var dataIntervalStart: Date
    public var dataIntervalEnd: Date
    public var runAfter: Date

    public init(logicalDate: Date, dataIntervalStart: Date, dataIntervalEnd: Date, runAfter: Date) {
        self.logicalDate = logicalDate
        self.dataIntervalStart = dataIntervalStart
        self.dataIntervalEnd = dataIntervalEnd
        self.runAfter = runAfter
    }

    /// A run at one instant with an empty data interval (`@once`, manual runs of unscheduled DAGs).
    static func exact(_ date: Date) -> DagRunInfo {
        DagRunInfo(logicalDate: date, dataIntervalStart: date, dataIntervalEnd: date, runAfter: date)
    }
}
