import Foundation
import SluiceCore

/// One ready task instance a process asks to claim in a batch (`MetadataStore.claimReady`).
public struct ClaimRequest: Sendable, Equatable {
    /// At most this many instances are claimed per transaction (a bounded batch: a transaction holds its row
    /// and limit locks briefly, whatever the caller asks for).
    public static let batchLimit = 32

    /// A connection's pool (`SLUICE_CONN_<ID>_POOL`), shared by every process on the store.
    public struct Pool: Sendable, Equatable {
        public var name: String
        public var limit: Int

        public init(name: String, limit: Int) {
            self.name = name
            self.limit = limit
        }
    }

    public var key: TaskInstanceKey
    /// The state and try number the instance must still have, unclaimed, for the claim to hold.
    public var expectedState: TaskState
    public var expectedTry: Int
    /// The claim's token: the try that starts under it is `startClaimed` with it.
    public var attemptId: String
    /// The DAG's `max_active_tasks` across processes: the claim is made only while fewer of the DAG's instances
    /// are claimed (nil: not counted, as on a store of one process, whose own counts hold it).
    public var maxActiveTasks: Int?
    /// The connection the try uses, whose pool is counted the same way (nil: none counted).
    public var pool: Pool?

    public init(key: TaskInstanceKey, expectedState: TaskState, expectedTry: Int, attemptId: String,
                maxActiveTasks: Int? = nil, pool: Pool? = nil) {
        self.key = key
        self.expectedState = expectedState
        self.expectedTry = expectedTry
        self.attemptId = attemptId
        self.maxActiveTasks = maxActiveTasks
        self.pool = pool
    }
}

/// The answer to one `ClaimRequest`.
public enum ClaimReadyOutcome: Sendable, Equatable {
    /// The instance is `queued` under the claim's lease, counted against its limits: start it with
    /// `startClaimed`.
    case claimed
    /// Another process holds it or is claiming it right now, or it moved on: the stored instance (nil when it
    /// is gone).
    case taken(TaskInstance?)
    /// A limit is reached by live claims of any process (`dag:<id>` for the DAG's max_active_tasks, or the
    /// connection's id): the instance stays ready for whoever finds room first.
    case full(limit: String)
}
