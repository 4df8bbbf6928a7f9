import Foundation

/// One pass of the scheduler's loop, as `SchedulerService`'s `onLoop` hears of it: how long the pass took,
/// when it ended, and the DAG folder it worked from.
public struct SchedulerLoopReport: Sendable {
    public var duration: Duration
    public var at: Date
    public var dagIds: [String]
    /// Problems (import errors) of the DAG folder.
    public var problems: Int

    public init(duration: Duration, at: Date, dagIds: [String], problems: Int) {
        self.duration = duration
        self.at = at
        self.dagIds = dagIds
        self.problems = problems
    }
}
