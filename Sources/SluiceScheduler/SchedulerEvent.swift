import Foundation
import SluiceCore

/// What the scheduler decides, for the terminal and the logs.
public enum SchedulerEvent: Sendable {
    case started(dagCount: Int, problems: Int)
    case recovered(count: Int)
    case reloaded(dagCount: Int, problems: [String])
    case runCreated(DagRun)
    case runSubmitted(DagRun)
    case sleeping(until: Date?)
    /// The next scheduled run of a DAG changed (nil: none will be created); `NextRun` computes it.
    case nextRun(dagId: String, DagRunInfo?)
    /// An unfinished run passed its DAG's `deadline:` at `deadline`; its `deadline_missed` is in the outbox.
    case deadlineMissed(DagRun, deadline: Date)
    case stopping
}
