import Foundation

/// The runs a timetable produces: Airflow's `next_dagrun_info`, `infer_manual_data_interval` and
/// the loops built on them.
///
/// The rules, as Airflow 3 applies them:
/// - `start_date` is aligned to the schedule: a start date on a tick is that tick, otherwise the
///   next tick.
/// - `interval`: run i covers [tick_i, tick_i+1), logical date = tick_i, due at tick_i+1. After a
///   run, the next interval starts at the previous run's end (aligned back onto the schedule).
/// - `trigger`: a run at each tick, run_after = the tick, data interval [tick - triggerInterval, tick],
///   logical date = the data interval's start (the tick itself without `interval:`), as Airflow 3.3.2's
///   `CronTriggerTimetable(..., interval=...)` stores it. A manual run at logical date D instead gets
///   `infer_manual_data_interval`'s [D - triggerInterval, D] (`manualRun(forLogicalDate:)`).
/// - `catchup == false`: missed intervals are skipped; the first run considered is the latest one
///   that is already complete at `now` (`interval`) or the latest tick at or before `now` (`trigger`),
///   never earlier than the start date.
/// - every run's logical date is later than the previous run's, even where Airflow's DST
///   arithmetic would propose the same interval again (it then stalls; Sluice moves on).
/// - `endDate`: no run whose logical date (interval) or tick (trigger) is after it.
/// - `@once`: one run at the start date (or `now` without one), whatever catchup says; null: none.
extension Timetable {
    /// Airflow's `next_dagrun_info`: the run after `last` (nil = the first run), honouring the start
    /// and end dates and catchup. nil means no run is due to be created (ever, or until asked again).
    public func nextRun(after last: DagRunInfo?, startDate: Date?, endDate: Date?, catchup: Bool, now: Date) -> DagRunInfo? {
        switch plan {
        case .manual:
            return nil
        case .once:
            guard last == nil else { return nil }
            let at = startDate ?? now
            if let endDate, at > endDate { return nil }
            return .exact(at)
        case .cron(let cron):
            var offsets = offsetCache.load()
            defer { offsetCache.store(offsets) }
            return nextCronRun(cron, after: last, startDate: startDate, endDate: endDate, catchup: catchup, now: now, offsets: &offsets)
        }
    }

    /// When the scheduler should wake for the next due run: its `runAfter`, or nil when none is due.
    public func nextWakeUp(after last: DagRunInfo?, startDate: Date?, endDate: Date?, catchup: Bool, now: Date) -> Date? {
        nextRun(after: last, startDate: startDate, endDate: endDate, catchup: catchup, now: now)?.runAfter
    }

    /// The first `count` runs from `startDate` with catchup semantics (for `dags next-runs`).
    public func runs(startDate: Date, endDate: Date?, count: Int) -> [DagRunInfo] {
        chain(startDate: startDate, endDate: endDate, limit: count)
    }

    /// Every run whose logical date (`interval`) or tick (`trigger`, as Airflow's backfill selects them)
    /// lies in [from, through], in order (backfills). `@once` gives one
    /// run at `from`; a manual-only DAG gives none.
    public func runs(logicalDatesFrom from: Date, through: Date) -> [DagRunInfo] {
        guard from <= through else { return [] }
        return chain(startDate: from, endDate: through, limit: Int.max)
    }

    /// The run that a scheduled run with this logical date has. A date that is not on a tick still
    /// gets [date, next tick) under `interval`; under `trigger` the run is the one whose data interval
    /// starts at the date: [date, date + interval], due at its end.
    public func run(forLogicalDate date: Date) -> DagRunInfo {
        guard case .cron(let cron) = plan else { return .exact(date) }
        var offsets = offsetCache.load()
        defer { offsetCache.store(offsets) }
        switch kind {
        case .interval:
            let end = cron.next(after: date, offsets: &offsets) ?? date
            return DagRunInfo(logicalDate: date, dataIntervalStart: date, dataIntervalEnd: end, runAfter: end)
        case .trigger:
            return scheduledTriggerRun(at: date.addingTimeInterval(triggerInterval))
        }
    }

    /// The run a manual trigger (or `dags test`/`tasks test`) with logical date `date` gets. `trigger`:
    /// Airflow's `infer_manual_data_interval`, [date - interval, date] with the logical date `date`;
    /// otherwise the same run as `run(forLogicalDate:)`.
    public func manualRun(forLogicalDate date: Date) -> DagRunInfo {
        guard case .cron = plan, kind == .trigger else { return run(forLogicalDate: date) }
        return manualTriggerRun(at: date)
    }

    /// The run a manual trigger at `now` without a logical date gets: the latest COMPLETE data
    /// interval. `interval`: [previous tick, tick) for the latest tick <= now; `trigger`: the latest
    /// tick <= now with its interval. `runAfter` is `now`. `@once` and null give [now, now].
    /// nil only when the schedule has no tick in the 50 years before `now`.
    public func latestCompleteRun(at now: Date) -> DagRunInfo? {
        guard case .cron(let cron) = plan else { return .exact(now) }
        var offsets = offsetCache.load()
        defer { offsetCache.store(offsets) }
        guard let tick = cron.alignedToPrevious(now, offsets: &offsets) else { return nil }
        switch kind {
        case .interval:
            guard let start = cron.previous(before: tick, offsets: &offsets) else { return nil }
            return DagRunInfo(logicalDate: start, dataIntervalStart: start, dataIntervalEnd: tick, runAfter: now)
        case .trigger:
            var run = manualTriggerRun(at: tick)
            run.runAfter = now
            return run
        }
    }

    // MARK: - Airflow's two cron timetables

    func nextCronRun(
        _ cron: CronExpression, after last: DagRunInfo?, startDate: Date?, endDate: Date?, catchup: Bool, now: Date,
        offsets: inout ZoneOffsets
    ) -> DagRunInfo? {
        switch kind {
        case .interval:
            return nextIntervalRun(cron, after: last, startDate: startDate, endDate: endDate, catchup: catchup, now: now, offsets: &offsets)
        case .trigger:
            return nextTriggerRun(cron, after: last, startDate: startDate, endDate: endDate, catchup: catchup, now: now, offsets: &offsets)
        }
    }

    /// `CronDataIntervalTimetable.next_dagrun_info`.
    func nextIntervalRun(
        _ cron: CronExpression, after last: DagRunInfo?, startDate: Date?, endDate: Date?, catchup: Bool, now: Date,
        offsets: inout ZoneOffsets
    ) -> DagRunInfo? {
        var earliest = startDate
        if !catchup {
            guard let latest = skipToLatest(cron, earliest: earliest, now: now, offsets: &offsets) else { return nil }
            earliest = latest
        } else if let startDate {
            guard let aligned = cron.alignedToNext(startDate, offsets: &offsets) else { return nil }
            earliest = aligned
        }
        return intervalRun(cron, after: last, alignedEarliest: earliest, endDate: endDate, offsets: &offsets)
    }

    /// The rest of `next_dagrun_info` once the earliest start is known (and aligned).
    func intervalRun(
        _ cron: CronExpression, after last: DagRunInfo?, alignedEarliest earliest: Date?, endDate: Date?,
        offsets: inout ZoneOffsets
    ) -> DagRunInfo? {
        var start: Date
        if let last {
            guard let aligned = cron.alignedToPrevious(last.dataIntervalEnd, offsets: &offsets) else { return nil }
            start = earliest.map { max(aligned, $0) } ?? aligned
            if start <= last.logicalDate {
                // Airflow's arithmetic can fall back onto (or before) the last run for schedules
                // that cover every hour in zones whose DST shift is not a whole hour, or whose
                // minute field mixes '*' with values; Airflow then keeps proposing a run that
                // already exists and the DAG stalls. Sluice moves on from the last run's end.
                start = last.dataIntervalEnd > last.logicalDate ? last.dataIntervalEnd : start
                if start <= last.logicalDate {
                    guard let next = cron.next(after: last.logicalDate, offsets: &offsets) else { return nil }
                    start = next
                }
            }
        } else {
            guard let earliest else { return nil }
            start = earliest
        }
        if let endDate, start > endDate { return nil }
        guard let end = cron.next(after: start, offsets: &offsets) else { return nil }
        return DagRunInfo(logicalDate: start, dataIntervalStart: start, dataIntervalEnd: end, runAfter: end)
    }

    /// `CronDataIntervalTimetable._skip_to_latest`: the start of the latest interval that is complete
    /// at `now` (the one ending exactly at `now` counts), but not before the aligned start date.
    func skipToLatest(_ cron: CronExpression, earliest: Date?, now: Date, offsets: inout ZoneOffsets) -> Date? {
        guard let lastStart = cron.previous(before: now, offsets: &offsets),
              let nextStart = cron.next(after: lastStart, offsets: &offsets) else { return nil }
        let newStart: Date
        if nextStart > now {
            guard let previous = cron.previous(before: lastStart, offsets: &offsets) else { return nil }
            newStart = previous
        } else {
            newStart = lastStart  // `now` is on a boundary
        }
        guard let earliest else { return newStart }
        guard let aligned = cron.alignedToNext(earliest, offsets: &offsets) else { return nil }
        return max(newStart, aligned)
    }

    /// `CronTriggerTimetable.next_dagrun_info`.
    func nextTriggerRun(
        _ cron: CronExpression, after last: DagRunInfo?, startDate: Date?, endDate: Date?, catchup: Bool, now: Date,
        offsets: inout ZoneOffsets
    ) -> DagRunInfo? {
        let tick: Date?
        if catchup {
            if let last {
                tick = cron.next(after: last.dataIntervalEnd, offsets: &offsets)
            } else if let startDate {
                tick = cron.alignedToNext(startDate, offsets: &offsets)
            } else {
                tick = firstTriggerRun(cron, now: now, offsets: &offsets)
            }
        } else {
            var candidates: [Date?] = [cron.alignedToPrevious(now, offsets: &offsets)]
            if let last {
                candidates.append(cron.next(after: last.dataIntervalEnd, offsets: &offsets))
            } else if startDate == nil {
                candidates.append(firstTriggerRun(cron, now: now, offsets: &offsets))
            }
            if let startDate {
                candidates.append(cron.alignedToNext(startDate, offsets: &offsets))
            }
            tick = candidates.compactMap { $0 }.max()
        }
        guard let tick else { return nil }
        if let endDate, endDate < tick { return nil }
        return scheduledTriggerRun(at: tick)
    }

    /// `CronTriggerTimetable._calc_first_run` without a start date: the latest tick if it is at most
    /// max(10% of the gap between ticks, 5 minutes) old, else the next tick.
    func firstTriggerRun(_ cron: CronExpression, now: Date, offsets: inout ZoneOffsets) -> Date? {
        guard let past = cron.alignedToPrevious(now, offsets: &offsets) else {
            return cron.alignedToNext(now, offsets: &offsets)
        }
        guard let next = cron.alignedToNext(now, offsets: &offsets) else { return past }
        let buffer = max(next.timeIntervalSince(past) / 10, 300)
        return now.timeIntervalSince(past) <= buffer ? past : next
    }

    /// A scheduled `trigger` run at a tick: `DagRunInfo.interval(tick - interval, tick)` as Airflow's
    /// `_TriggerTimetable.next_dagrun_info` returns it, so the logical date is the interval's start
    /// (verified against Airflow 3.3.2: tick 2021-03-25T01:30Z with interval 1d → logical 03-24T01:30Z).
    func scheduledTriggerRun(at tick: Date) -> DagRunInfo {
        let start = tick.addingTimeInterval(-triggerInterval)
        return DagRunInfo(logicalDate: start, dataIntervalStart: start, dataIntervalEnd: tick, runAfter: tick)
    }

    /// A manual `trigger` run at logical date `date`: `infer_manual_data_interval(run_after=date)`.
    func manualTriggerRun(at tick: Date) -> DagRunInfo {
        DagRunInfo(
            logicalDate: tick,
            dataIntervalStart: tick.addingTimeInterval(-triggerInterval),
            dataIntervalEnd: tick,
            runAfter: tick
        )
    }

    /// Runs chained through `next_dagrun_info` with catchup, as Airflow's scheduler would create
    /// them; the aligned start date is worked out once, and the zone's offsets learnt once.
    private func chain(startDate: Date, endDate: Date?, limit: Int) -> [DagRunInfo] {
        var result: [DagRunInfo] = []
        if limit > 0 && limit < 1_000_000 { result.reserveCapacity(limit) }
        guard case .cron(let cron) = plan else {
            if let run = nextRun(after: nil, startDate: startDate, endDate: endDate, catchup: true, now: startDate), limit > 0 {
                result.append(run)
            }
            return result
        }
        var offsets = offsetCache.load()
        defer { offsetCache.store(offsets) }
        let alignedStart = cron.alignedToNext(startDate, offsets: &offsets)
        guard alignedStart != nil else { return result }
        var last: DagRunInfo?
        while result.count < limit {
            let run: DagRunInfo?
            switch kind {
            case .interval:
                run = intervalRun(cron, after: last, alignedEarliest: alignedStart, endDate: endDate, offsets: &offsets)
            case .trigger:
                run = nextTriggerRun(cron, after: last, startDate: startDate, endDate: endDate, catchup: true, now: startDate, offsets: &offsets)
            }
            guard let run else { break }
            if let last, run.logicalDate <= last.logicalDate { break }  // no progress: never loop forever
            result.append(run)
            last = run
        }
        return result
    }
}
