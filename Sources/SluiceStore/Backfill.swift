import Foundation
import SluiceCore

/// A backfill created through the API: its range of logical dates, how finished runs are treated, how many
/// of its runs may run at once, and whether it is paused. The scheduler carries its runs out.
public struct Backfill: Sendable, Equatable {
    public var id: Int64
    public var dagId: String
    public var from: Date
    public var through: Date
    /// Airflow's `reprocess_behavior`: none, failed or completed.
    public var reprocessBehavior: String
    public var maxActiveRuns: Int
    /// The runs' `conf`, JSON text.
    public var conf: String
    public var isPaused: Bool
    public var createdAt: Date
    public var updatedAt: Date
    /// When it was cancelled, or when its last run ended; nil while it has runs to carry out.
    public var completedAt: Date?

    public init(id: Int64, dagId: String, from: Date, through: Date, reprocessBehavior: String, maxActiveRuns: Int, conf: String,
                isPaused: Bool, createdAt: Date, updatedAt: Date, completedAt: Date?) {
        self.id = id
        self.dagId = dagId
        self.from = from
        self.through = through
        self.reprocessBehavior = reprocessBehavior
        self.maxActiveRuns = maxActiveRuns
        self.conf = conf
        self.isPaused = isPaused
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
    }
}

/// What creating a backfill writes: new runs, finished runs to clear and queue again, unfinished runs
/// to adopt, with the DAG's task ids and retries for the new runs' instances.
public struct BackfillCreation: Sendable {
    public var dagId: String
    public var from: Date
    public var through: Date
    public var reprocessBehavior: String
    public var maxActiveRuns: Int
    public var conf: String
    public var newRuns: [DagRun]
    public var rerunIds: [String]
    public var rerunOnlyFailed: Bool
    public var adoptIds: [String]
    public var taskIds: [String]
    public var maxTries: [String: Int]

    public init(dagId: String, from: Date, through: Date, reprocessBehavior: String, maxActiveRuns: Int, conf: String, newRuns: [DagRun],
                rerunIds: [String], rerunOnlyFailed: Bool, adoptIds: [String], taskIds: [String], maxTries: [String: Int]) {
        self.dagId = dagId
        self.from = from
        self.through = through
        self.reprocessBehavior = reprocessBehavior
        self.maxActiveRuns = maxActiveRuns
        self.conf = conf
        self.newRuns = newRuns
        self.rerunIds = rerunIds
        self.rerunOnlyFailed = rerunOnlyFailed
        self.adoptIds = adoptIds
        self.taskIds = taskIds
        self.maxTries = maxTries
    }
}

/// What the scheduler needs of an unfinished backfill: whether it is paused, how many of its runs may
/// run at once, and which runs are its.
public struct BackfillGate: Sendable, Equatable {
    public var id: Int64
    public var isPaused: Bool
    public var maxActiveRuns: Int
    /// `dag_id + "\0" + run_id` of its runs.
    public var runKeys: Set<String>

    public init(id: Int64, isPaused: Bool, maxActiveRuns: Int, runKeys: Set<String>) {
        self.id = id
        self.isPaused = isPaused
        self.maxActiveRuns = maxActiveRuns
        self.runKeys = runKeys
    }
}
