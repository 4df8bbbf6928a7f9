import Foundation

/// When a DAG runs: its schedule (a cron expression, `@once`, or none) read with one of Airflow's
/// two cron timetables in the DAG's time zone.
///
/// Why it exists: the scheduler, the CLI (`dags next-runs`, backfills, manual triggers) and the
/// template context all need the same runs and data intervals Airflow 3 would produce, so the rules
/// live in one pure value type; time is always a parameter (`now`), never read from a clock.
/// What it does not do: store anything or decide whether a run already exists; callers pass the last
/// scheduled run they know of.
public struct Timetable: Sendable {
    /// What the schedule text turned out to be.
    enum Plan: Sendable, Equatable {
        case manual
        case once
        case cron(CronExpression)
    }

    let plan: Plan
    public let kind: TimetableKind
    public let timeZone: TimeZone
    /// For `trigger`: how far back each run's data interval starts before its tick (0 = empty).
    public let triggerInterval: TimeInterval
    /// The zone's offsets learnt so far, shared by copies of this timetable.
    let offsetCache: ZoneOffsetCache

    /// - Parameters:
    ///   - schedule: a cron expression, an `@` preset, `@once`, or nil / `none` / `null` for a DAG
    ///     that only runs when triggered.
    ///   - triggerInterval: the data interval length for the `trigger` timetable, in seconds.
    /// - Throws: `ScheduleError` with the offset inside `schedule` of what is wrong.
    public init(schedule: String?, kind: TimetableKind, timeZone: TimeZone, triggerInterval: TimeInterval? = nil) throws {
        self.kind = kind
        self.timeZone = timeZone
        offsetCache = ZoneOffsetCache(zone: timeZone)
        if let triggerInterval {
            guard kind == .trigger else {
                throw ScheduleError(offset: 0, message: "a trigger interval only applies to the 'trigger' timetable, not to 'interval'")
            }
            guard triggerInterval >= 0, triggerInterval.isFinite else {
                throw ScheduleError(offset: 0, message: "the trigger interval must not be negative")
            }
        }
        self.triggerInterval = triggerInterval ?? 0
        guard let schedule else {
            plan = .manual
            return
        }
        let trimmed = schedule.trimmingCharacters(in: .whitespacesAndNewlines)
        switch trimmed.lowercased() {
        case "none", "null":
            plan = .manual
        case "@once":
            plan = .once
        case "":
            throw ScheduleError(offset: 0, message: "the schedule is empty; use null for a DAG that only runs when triggered")
        default:
            plan = .cron(try CronExpression(parsing: schedule))
        }
    }

    /// True when the DAG never runs on its own (schedule null).
    public var isManualOnly: Bool { plan == .manual }

    /// The cron expression behind the schedule, if it has one.
    public var cron: CronExpression? {
        if case .cron(let expression) = plan { return expression }
        return nil
    }

    /// For people: e.g. `30 2 * * 1-5 (Europe/Berlin)`, `@once`, `None (manual triggers only)`.
    public var description: String {
        switch plan {
        case .manual: return "None (manual triggers only)"
        case .once: return "@once"
        case .cron(let expression):
            return "\(expression.text.trimmingCharacters(in: .whitespacesAndNewlines)) (\(timeZone.identifier))"
        }
    }
}
