import SluiceCore
import SluiceExecution

/// Sends each attempt to the runner of its task type: `export` tasks to one runner, everything else
/// (`sql`, `empty`, ...) to another. Lets the executor stay unaware of exports.
public struct CompositeTaskRunner: TaskAttemptRunner {
    let export: any TaskAttemptRunner
    let other: any TaskAttemptRunner

    public init(export: any TaskAttemptRunner, other: any TaskAttemptRunner) {
        self.export = export
        self.other = other
    }

    public func run(_ attempt: TaskAttempt, log: TaskLog) async throws -> TaskResult {
        attempt.task.type == .export ? try await export.run(attempt, log: log) : try await other.run(attempt, log: log)
    }

    public func discardStaging(_ attempt: TaskAttempt, log: TaskLog) async {
        attempt.task.type == .export ? await export.discardStaging(attempt, log: log) : await other.discardStaging(attempt, log: log)
    }
}
