import Foundation

/// What the metadata store holds right now, counted for the Prometheus gauges read at scrape time.
/// States are the stored raw values (`success`, `up_for_retry`, ...).
public struct StoreMetricsFigures: Sendable, Equatable {
    /// DAG runs per state.
    public var runsByState: [String: Int]
    /// Task instances per state.
    public var taskInstancesByState: [String: Int]
    /// The DAG ids marked paused.
    public var pausedDagIds: Set<String>
    /// The end of each DAG's latest successful run.
    public var lastSuccessByDag: [String: Date]
    /// Notifications in the outbox still to be sent.
    public var outboxPending: Int

    public init(runsByState: [String: Int] = [:], taskInstancesByState: [String: Int] = [:], pausedDagIds: Set<String> = [],
                lastSuccessByDag: [String: Date] = [:], outboxPending: Int = 0) {
        self.runsByState = runsByState
        self.taskInstancesByState = taskInstancesByState
        self.pausedDagIds = pausedDagIds
        self.lastSuccessByDag = lastSuccessByDag
        self.outboxPending = outboxPending
    }
}
