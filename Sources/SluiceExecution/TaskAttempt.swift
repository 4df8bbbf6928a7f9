import SluiceCore

/// One try of one task: everything a runner needs to carry it out.
public struct TaskAttempt: Sendable {
    public var dag: Dag
    public var task: TaskSpec
    public var run: DagRun
    public var instance: TaskInstance
    /// `--param` overrides of the run (manual triggers).
    public var paramOverrides: [(String, JSONValue)]
    /// The DAG's latest successful run before this one, read from the store as the try starts.
    public var previousSuccess: PreviousSuccessfulRun?
    /// Throws `LeaseLost` when this try no longer holds its task instance (its lease ran out and another
    /// process may run it): a runner calls it right before it publishes anything. Nil: nothing to check.
    public var confirmOwnership: (@Sendable () async throws -> Void)?

    public init(dag: Dag, task: TaskSpec, run: DagRun, instance: TaskInstance, paramOverrides: [(String, JSONValue)] = []) {
        self.dag = dag
        self.task = task
        self.run = run
        self.instance = instance
        self.paramOverrides = paramOverrides
    }

    public var key: TaskInstanceKey { instance.key }
}

/// The try's lease on its task instance ran out (or its claim was taken back): it must not publish.
public struct LeaseLost: Error, CustomStringConvertible {
    public let key: TaskInstanceKey

    public init(key: TaskInstanceKey) { self.key = key }

    public var description: String {
        "this try of \(key) lost its lease (no heartbeat reached the metadata store in time; another process may run it): nothing was published"
    }
}

/// Carries out attempts of one kind of task. Runners are shared by concurrent attempts.
public protocol TaskAttemptRunner: Sendable {
    func run(_ attempt: TaskAttempt, log: TaskLog) async throws -> TaskResult

    /// Removes what a failed, cancelled or revoked try staged (never published files). Best effort:
    /// problems go to the try's log.
    func discardStaging(_ attempt: TaskAttempt, log: TaskLog) async
}

extension TaskAttemptRunner {
    /// Runners that stage nothing have nothing to discard.
    public func discardStaging(_ attempt: TaskAttempt, log: TaskLog) async {}
}
