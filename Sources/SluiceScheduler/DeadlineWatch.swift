import Foundation
import SluiceCore

/// Which unfinished runs have missed their DAG's `deadline:` (issue 12's `deadline_missed`), and when
/// the next one will: the scheduler's rule, a value type without I/O or clock.
///
/// A run is late at the end of its data interval plus the DAG's deadline, when it is still `queued` or
/// `running` then: every run the store lists as unfinished counts, whoever created it (schedule,
/// trigger, backfill) and whether its DAG is paused or not. A run that finished before that moment is
/// never late. Each tick hands in the unfinished runs read from the store (`watch`); the late ones
/// (`due`) are written to the outbox by the caller and then reported back (`markWritten`), so a run is
/// due once per process. Across restarts the outbox's event id keeps it to one notification: this
/// memory only saves writing it again every tick. What is remembered is dropped once a run leaves the
/// unfinished runs, so memory stays bounded by the open runs.
public struct DeadlineWatch: Sendable, Equatable {
    /// An unfinished run of a DAG with a deadline, and the moment it is late.
    public struct Watched: Sendable, Equatable {
        /// The run as the store last showed it (its state is the one the notification tells).
        public var run: DagRun
        public var deadline: Date
    }

    private struct RunKey: Hashable, Sendable {
        var dagId: String
        var runId: String

        init(_ run: DagRun) {
            dagId = run.dagId
            runId = run.runId
        }
    }

    /// The unfinished runs with a deadline whose notification is not written yet, earliest deadline first.
    private var watched: [Watched] = []
    /// Unfinished runs whose `deadline_missed` this process has written.
    private var writtenRuns: Set<RunKey> = []

    public init() {}

    /// The moment a run is late: the end of its data interval plus `deadline`.
    public static func deadline(of run: DagRun, after deadline: TimeInterval) -> Date {
        run.dataIntervalEnd.addingTimeInterval(deadline)
    }

    /// Takes the unfinished runs as the store lists them now; `deadline` gives a DAG's `deadline:` (nil:
    /// none, or the DAG is no longer loaded). Finished runs in `runs` are ignored.
    public mutating func watch(_ runs: [DagRun], deadline: (String) -> TimeInterval?) {
        let open = runs.filter { !$0.state.isFinished }
        writtenRuns.formIntersection(open.map(RunKey.init))
        watched = open.compactMap { run in
            guard !writtenRuns.contains(RunKey(run)), let seconds = deadline(run.dagId) else { return nil }
            return Watched(run: run, deadline: Self.deadline(of: run, after: seconds))
        }
        .sorted { ($0.deadline, $0.run.dagId, $0.run.runId) < ($1.deadline, $1.run.dagId, $1.run.runId) }
    }

    /// The watched runs late at `now` (deadline at or before it) whose notification is not written yet.
    public func due(now: Date) -> [Watched] {
        watched.filter { $0.deadline <= now }
    }

    /// Records that these runs' `deadline_missed` is in the outbox: they are not due again.
    public mutating func markWritten(_ runs: [Watched]) {
        let keys = Set(runs.map { RunKey($0.run) })
        writtenRuns.formUnion(keys)
        watched.removeAll { keys.contains(RunKey($0.run)) }
    }

    /// The earliest deadline after `now` of a watched run: the scheduler must be awake then. Deadlines
    /// already passed are not returned (the tick that sees them writes them).
    public func nextDeadline(after now: Date) -> Date? {
        watched.first { $0.deadline > now }?.deadline
    }
}
