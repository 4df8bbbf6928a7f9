import Foundation

/// One task of one DAG run, with its current try, as the metadata store keeps it.
///
/// Try numbers follow Airflow: `tryNumber` is 0 before the first attempt and grows by one
/// each time the task is queued for an attempt; `maxTries` is Airflow's `max_tries`, the
/// number of retries allowed, so a failed try is retried while `tryNumber <= maxTries`
/// (a task with `retries: 2` starts with `maxTries == 2` and may run three times).
/// Clearing keeps the try number and extends `maxTries` by the task's retries.
///
/// A plain value with pure transitions (`TaskInstance+Transitions.swift`); `error` is
/// shown to users and stored as given, so callers mask secrets before setting it.
public struct TaskInstance: Sendable, Hashable, Codable {
    public var dagId: String
    public var runId: String
    public var taskId: String
    public var tryNumber: Int
    public var maxTries: Int
    public var state: TaskState
    public var startedAt: Date?
    public var endedAt: Date?
    /// Seconds between `startedAt` and `endedAt` of the last attempt.
    public var duration: TimeInterval?
    public var rowsAffected: Int64?
    public var error: String?
    public var host: String?
    public var pid: Int32?
    public var heartbeatAt: Date?
    public var nextRetryAt: Date?
    public var logPath: String?

    public init(
        dagId: String,
        runId: String,
        taskId: String,
        tryNumber: Int = 0,
        maxTries: Int = 0,
        state: TaskState = .none,
        startedAt: Date? = nil,
        endedAt: Date? = nil,
        duration: TimeInterval? = nil,
        rowsAffected: Int64? = nil,
        error: String? = nil,
        host: String? = nil,
        pid: Int32? = nil,
        heartbeatAt: Date? = nil,
        nextRetryAt: Date? = nil,
        logPath: String? = nil
    ) {
        self.dagId = dagId
        self.runId = runId
        self.taskId = taskId
        self.tryNumber = tryNumber
        self.maxTries = maxTries
        self.state = state
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.duration = duration
        self.rowsAffected = rowsAffected
        self.error = error
        self.host = host
        self.pid = pid
        self.heartbeatAt = heartbeatAt
        self.nextRetryAt = nextRetryAt
        self.logPath = logPath
    }

    /// The key naming this task instance.
    public var key: TaskInstanceKey {
        TaskInstanceKey(dagId: dagId, runId: runId, taskId: taskId)
    }
}
