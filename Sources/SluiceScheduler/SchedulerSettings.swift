import Foundation

/// How the scheduler daemon paces itself.
public struct SchedulerSettings: Sendable {
    /// How often, at most, the DAG folder and manual triggers are checked while nothing is due.
    /// Between checks the scheduler sleeps: no busy polling.
    public var pollInterval: TimeInterval
    /// Task instances whose heartbeat is older than this are taken as dead on start.
    public var staleAfter: TimeInterval
    /// False for `sluice worker`: it creates no runs and writes no deadlines, it only executes the runs
    /// the schedulers created (and recovers the tries of processes that are gone, as every process does).
    public var createsRuns: Bool
    /// Whether several processes share the store (PostgreSQL): then only leases decide that a try's process
    /// is gone, never a local pid check.
    public var sharedStore = false
    /// A wake (a run of this process ended, another process changed runs) begins the next pass no sooner than
    /// this after the last one began, so a burst of wakes (16 runs ending together, each announced to every
    /// scheduler) costs one pass, not one each.
    public var minimumPassSpacing: TimeInterval = 0.05
    /// A wake by another process's change alone (heard through a shared store) begins the next pass no sooner than
    /// this after the last one began: the process that made the change acts on it at once, and every other one
    /// hears it too (at 0.05 s, three schedulers made 3.7 times the passes of one for the same runs).
    public var relaxedPassSpacing: TimeInterval = 0.5

    public init(pollInterval: TimeInterval = 2, staleAfter: TimeInterval = 60, createsRuns: Bool = true) {
        self.pollInterval = pollInterval
        self.staleAfter = staleAfter
        self.createsRuns = createsRuns
    }
}
