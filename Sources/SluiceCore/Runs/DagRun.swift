import Foundation

/// One run of a DAG for one logical date and data interval, as the metadata store keeps it.
///
/// A plain value: it does not save itself. The scheduler decides a new state with the
/// pure rules (`RunStateRule`) and hands the value to a `MetadataStore`.
/// `conf` is the run's configuration as a JSON object text (`{}` when empty); callers
/// must mask secrets before putting anything in it.
public struct DagRun: Sendable, Hashable, Codable {
    public var dagId: String
    public var runId: String
    public var runType: RunType
    public var logicalDate: Date
    public var dataIntervalStart: Date
    public var dataIntervalEnd: Date
    /// The earliest instant the run may start (Airflow's `run_after`).
    public var runAfter: Date
    /// The run's configuration as JSON text.
    public var conf: String
    public var state: RunState
    public var queuedAt: Date?
    public var startedAt: Date?
    public var endedAt: Date?

    public init(
        dagId: String,
        runId: String? = nil,
        runType: RunType,
        logicalDate: Date,
        dataIntervalStart: Date,
        dataIntervalEnd: Date,
        runAfter: Date? = nil,
        conf: String = "{}",
        state: RunState = .queued,
        queuedAt: Date? = nil,
        startedAt: Date? = nil,
        endedAt: Date? = nil
    ) {
        self.dagId = dagId
        self.runId = runId ?? runType.runId(for: logicalDate)
        self.runType = runType
        self.logicalDate = logicalDate
        self.dataIntervalStart = dataIntervalStart
        self.dataIntervalEnd = dataIntervalEnd
        self.runAfter = runAfter ?? dataIntervalEnd
        self.conf = conf
        self.state = state
        self.queuedAt = queuedAt
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
