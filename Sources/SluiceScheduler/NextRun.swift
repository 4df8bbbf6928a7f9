import Foundation
import SluiceCore
import SluiceStore

/// The next scheduled run of a DAG, from its schedule and what the store already holds: the one
/// computation behind the scheduler's "next run of ..." line, `sluice status` and `dags list`.
///
/// The scheduler continues from the DAG's newest *scheduled* run (manual and backfill runs do not
/// move it), asks the timetable for the run after it (honouring start/end dates and catchup at
/// `now`), and skips logical dates that already have a run of another type (a manual trigger of
/// that date): those it never creates. A run that is due but not created yet (max_active_runs
/// reached, the scheduler not running, the DAG paused) is still the next run: its `runAfter` is past.
public enum NextRun {
    /// The interval of the DAG's newest scheduled run in the store, or nil before the first one.
    public static func lastScheduled(of dagId: String, in store: any MetadataStore) async throws -> DagRunInfo? {
        let newest = try await store.runs(matching: RunFilter(dagId: dagId, types: [.scheduled], limit: 1)).first
        return newest.map(info(of:))
    }

    /// The next run the scheduler creates for `dag`, or nil when it creates none (no schedule, past end_date).
    public static func of(_ dag: Dag, in store: any MetadataStore, now: Date) async throws -> DagRunInfo? {
        if dag.timetable.isManualOnly { return nil }
        let last = try await lastScheduled(of: dag.dagId, in: store)
        return after(last, of: dag, taken: try await takenDates(of: dag.dagId, after: last, in: store), now: now)
    }

    /// Logical dates of the DAG's runs from `last` on: dates the scheduler must not create again.
    public static func takenDates(of dagId: String, after last: DagRunInfo?, in store: any MetadataStore) async throws -> Set<Date> {
        Set(try await store.runs(matching: RunFilter(dagId: dagId, logicalFrom: last?.logicalDate)).map(\.logicalDate))
    }

    /// The pure rule: the timetable's run after `last`, skipping logical dates in `taken`.
    public static func after(_ last: DagRunInfo?, of dag: Dag, taken: Set<Date>, now: Date) -> DagRunInfo? {
        let takenMicros = Set(taken.map(micros))
        var previous = last
        // Each taken date is skipped at most once; the bound also stops a timetable that stalls.
        for _ in 0...taken.count {
            guard let next = dag.timetable.nextRun(after: previous, startDate: dag.startDate, endDate: dag.endDate, catchup: dag.catchup, now: now)
            else { return nil }
            if !takenMicros.contains(micros(next.logicalDate)) { return next }
            previous = next
        }
        return nil
    }

    /// Instants compared to the microsecond, as the store keeps them.
    private static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// A stored run's schedule values.
    public static func info(of run: DagRun) -> DagRunInfo {
        DagRunInfo(logicalDate: run.logicalDate, dataIntervalStart: run.dataIntervalStart, dataIntervalEnd: run.dataIntervalEnd, runAfter: run.runAfter)
    }
}
