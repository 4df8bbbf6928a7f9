/// Which of Airflow's two cron timetables a DAG uses.
///
/// - `interval` (Airflow's `CronDataIntervalTimetable`): each run covers the data interval between
///   two ticks, its logical date is the interval's start, and it becomes due at the interval's end.
/// - `trigger` (Airflow's `CronTriggerTimetable`): a run at each tick, due at the tick, with an
///   empty data interval unless a trigger interval is given.
public enum TimetableKind: String, Sendable, Codable, CaseIterable {
    case interval
    case trigger
}
