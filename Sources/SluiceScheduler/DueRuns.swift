import Foundation
import SluiceCore

/// Which scheduled runs a DAG should get now: a pure function of its timetable, its last
/// scheduled run, how many of its runs are unfinished, and the time.
public enum DueRuns {
    /// Runs whose `run_after` has passed, after `last`, without exceeding `max_active_runs`; logical
    /// dates in `taken` (a manual or backfill run has them already) are passed over, not counted.
    /// The first one is always `NextRun.after(last, ...)`: what `sluice status` shows as next.
    public static func due(for dag: Dag, last: DagRunInfo?, unfinished: Int, now: Date, taken: Set<Date> = []) -> [DagRunInfo] {
        var result: [DagRunInfo] = []
        var previous = last
        var open = unfinished
        while open < dag.maxActiveRuns,
              let next = NextRun.after(previous, of: dag, taken: taken, now: now),
              next.runAfter <= now {
            result.append(next)
            previous = next
            open += 1
        }
        return result
    }

    /// When the next scheduled run of the DAG becomes due, if ever.
    public static func nextDue(for dag: Dag, last: DagRunInfo?, now: Date) -> Date? {
        dag.timetable.nextRun(after: last, startDate: dag.startDate, endDate: dag.endDate, catchup: dag.catchup, now: now)?.runAfter
    }

    /// Whether the scheduler executes this unfinished run: every `queued` run whatever its type (a
    /// cleared backfill run too: nothing else would run it), and every `running` run except a
    /// backfill's, which the `dags backfill` process that started it is executing. Claims make
    /// sure a try that two processes both reach still runs once (docs/decisions/0006).
    public static func isExecutedByScheduler(_ run: DagRun) -> Bool {
        switch run.state {
        case .queued: return true
        case .running: return run.runType != .backfill
        default: return false
        }
    }
}
