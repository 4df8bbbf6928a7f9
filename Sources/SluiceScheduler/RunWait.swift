import Foundation
import SluiceCore

/// Whether a run followed by `dags trigger --wait` can still reach its end under a scheduler: the
/// pure rule, given what the follower observed. A run that cannot is reported at once with the
/// reason, instead of being waited for forever.
public enum RunWait {
    /// What the follower saw at one moment.
    public struct Observation: Sendable {
        public var run: DagRun
        /// Whether a scheduler holds the lock of the Sluice home (`SchedulerLock.holder`).
        public var schedulerRunning: Bool
        public var home: String
        public var isPaused: Bool
        /// Whether the DAG loads from the DAG folder now.
        public var dagLoads: Bool
        /// The problems of the DAG's file when it does not load.
        public var problems: [String]

        public init(run: DagRun, schedulerRunning: Bool, home: String, isPaused: Bool, dagLoads: Bool, problems: [String]) {
            self.run = run
            self.schedulerRunning = schedulerRunning
            self.home = home
            self.isPaused = isPaused
            self.dagLoads = dagLoads
            self.problems = problems
        }
    }

    /// Why the run cannot progress, or nil while it can (or has finished). A run already running
    /// keeps running in the scheduler whatever happens to its DAG; a queued one is never started
    /// while its DAG is paused or does not load; nothing happens without a scheduler.
    public static func blocker(_ seen: Observation) -> SchedulerError? {
        let run = seen.run
        if run.state.isFinished { return nil }
        if !seen.schedulerRunning { return .schedulerStopped(home: seen.home, runId: run.runId, state: run.state) }
        guard run.state == .queued else { return nil }
        if seen.isPaused { return .pausedWhileWaiting(dagId: run.dagId, runId: run.runId) }
        if !seen.dagLoads { return .dagNotLoaded(dagId: run.dagId, runId: run.runId, problems: seen.problems) }
        return nil
    }
}
