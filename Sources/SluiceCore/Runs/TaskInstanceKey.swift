/// What names one task instance: its DAG, its run and its task.
/// The try number is deliberately not part of it: one row per task per run.
public struct TaskInstanceKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var dagId: String
    public var runId: String
    public var taskId: String

    public init(dagId: String, runId: String, taskId: String) {
        self.dagId = dagId
        self.runId = runId
        self.taskId = taskId
    }

    public var description: String {
        "\(dagId).\(taskId) in \(runId)"
    }
}
