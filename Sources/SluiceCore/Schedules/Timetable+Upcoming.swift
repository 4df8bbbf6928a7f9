import Foundation

extension Timetable {
    /// The first `count` runs still to come at `now`: those whose `runAfter` is later than `now`, in
    /// order, within the start and end dates (`dags next-runs` without `--from`). A run due already
    /// (its interval complete) is not among them, whether or not it was created.
    public func upcomingRuns(at now: Date, startDate: Date?, endDate: Date?, count: Int) -> [DagRunInfo] {
        var result: [DagRunInfo] = []
        // catchup false starts at the latest interval complete at `now` (or the first one after start_date).
        var current = nextRun(after: nil, startDate: startDate, endDate: endDate, catchup: false, now: now)
        var steps = 0
        while let run = current, result.count < count, steps <= count + 2 {
            if run.runAfter > now { result.append(run) }
            current = nextRun(after: run, startDate: startDate, endDate: endDate, catchup: true, now: now)
            steps += 1
        }
        return result
    }
}
