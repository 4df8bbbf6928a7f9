import Foundation

/// How the scheduler daemon paces itself.
public struct SchedulerSettings: Sendable {
    /// How often, at most, the DAG folder and manual triggers are checked while nothing is due.
    /// Between checks the scheduler sleeps: no busy polling.
    public var pollInterval: TimeInterval
    /// Task instances whose heartbeat is older than this are taken as dead on start.
    public var staleAfter: TimeInterval

    public init(pollInterval: TimeInterval = 2, staleAfter: TimeInterval = 60) {
        self.pollInterval = pollInterval
        self.staleAfter = staleAfter
    }
}
