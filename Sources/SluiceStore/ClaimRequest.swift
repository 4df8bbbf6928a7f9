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
    /// The claim's token: the try that starts under it is `startClaimed` with it (or started with the claim, `start`).
    public var attemptId: String
    /// The DAG's `max_active_tasks` across processes: the claim is made only while fewer of the DAG's instances
    /// are claimed (nil: not counted, as on a store of one process, whose own counts hold it).
    public var maxActiveTasks: Int?
    /// The connection the try uses, whose pool is counted the same way (nil: none counted).
    public var pool: Pool?
    /// The try to start under the claim, written by the claim's own statement: the instance as the try starts
    /// (running, its try number; what `startClaimed` would write). For a caller that starts what it claims at
    /// once: one round trip instead of two, and no `queued` instance left between them. nil: the claim leaves the
    /// instance `queued`, its try not used, until `startClaimed`.
    public var start: TaskInstance?

    public init(key: TaskInstanceKey, expectedState: TaskState, expectedTry: Int, attemptId: String,
                maxActiveTasks: Int? = nil, pool: Pool? = nil, start: TaskInstance? = nil) {
        self.key = key
        self.expectedState = expectedState
        self.expectedTry = expectedTry
        self.attemptId = attemptId
        self.maxActiveTasks = maxActiveTasks
        self.pool = pool
        self.start = start
    }
}

/// The answer to one `ClaimRequest`.
public enum ClaimReadyOutcome: Sendable, Equatable {
    /// The instance is claimed under the claim's lease, counted against its limits: started as the request's
    /// `start`, or `queued` (start it with `startClaimed`).
    case claimed
    /// Another process holds it or is claiming it right now, or it moved on: the stored instance (nil when it
    /// is gone).
    case taken(TaskInstance?)
    /// A limit is reached by live claims of any process (`dag:<id>` for the DAG's max_active_tasks, or the
    /// connection's id): the instance stays ready for whoever finds room first.
    case full(limit: String)
}

/// The end of a try to record with claims (`MetadataStore.claimReady(_:recordingEnds:at:)`): the instance as the try
/// ended, written only while the claim `attemptId` holds its lease.
public struct TryEnd: Sendable, Equatable {
    public var instance: TaskInstance
    public var attemptId: String

    public init(instance: TaskInstance, attemptId: String) {
        (self.instance, self.attemptId) = (instance, attemptId)
    }
}
