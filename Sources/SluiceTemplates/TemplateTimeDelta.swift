/// A duration, Python's `datetime.timedelta`: what `macros.timedelta(days=1)` returns and what
/// subtracting two datetimes gives. It renders as Python does: `1 day, 0:00:00`, `0:05:00`,
/// `-1 day, 23:00:00`.
public struct TemplateTimeDelta: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// The whole duration in microseconds.
    public var microseconds: Int
    /// Set when this is a pendulum `Interval` (the difference of two pendulum datetimes).
    let interval: PendulumInterval?
    /// Set when this is a pendulum `Duration` (what arithmetic on an Interval gives), which prints in words.
    let isPendulumDuration: Bool

    public init(microseconds: Int) {
        self.microseconds = microseconds
        interval = nil
        isPendulumDuration = false
    }

    /// A pendulum `Interval`.
    init(_ interval: PendulumInterval) {
        microseconds = interval.microseconds
        self.interval = interval
        isPendulumDuration = false
    }

    /// A pendulum `Duration` (`pendulum: true`) or a plain timedelta of this length.
    init(microseconds: Int, pendulum: Bool) {
        self.microseconds = microseconds
        interval = nil
        isPendulumDuration = pendulum
    }

    /// Whether this is one of pendulum's durations (an Interval or a Duration).
    var isPendulum: Bool { interval != nil || isPendulumDuration }

    /// Durations are equal when they are as long (an Interval equals a timedelta of its length).
    public static func == (lhs: TemplateTimeDelta, rhs: TemplateTimeDelta) -> Bool {
        lhs.microseconds == rhs.microseconds
    }

    public init(weeks: Int = 0, days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Int = 0, microseconds: Int = 0) {
        let totalSeconds = ((weeks * 7 + days) * 24 + hours) * 3600 + minutes * 60 + seconds
        self.microseconds = totalSeconds * CivilCalendar.microsecondsPerSecond + microseconds
        interval = nil
        isPendulumDuration = false
    }

    /// Python's normalised `days` (may be negative).
    public var days: Int { CivilCalendar.floorDiv(microseconds, CivilCalendar.microsecondsPerDay) }
    /// Python's normalised `seconds` (0..<86400).
    public var seconds: Int {
        CivilCalendar.floorMod(microseconds, CivilCalendar.microsecondsPerDay) / CivilCalendar.microsecondsPerSecond
    }
    /// Python's normalised `microseconds` (0..<1_000_000).
    public var microsecondPart: Int { CivilCalendar.floorMod(microseconds, CivilCalendar.microsecondsPerSecond) }

    public var totalSeconds: Double { Double(microseconds) / 1_000_000 }

    public var description: String {
        if let interval { return interval.description }
        if isPendulumDuration {
            let duration = PendulumDuration(microseconds: microseconds)
            return PendulumDuration.words(of: duration.wordParts, microseconds: duration.microsecondPart, fractionUnit: "seconds", separator: " ")
        }
        var out = ""
        let d = days
        if d != 0 {
            out += "\(d) day"
            if d != 1 && d != -1 { out += "s" }
            out += ", "
        }
        let s = seconds
        out += String(s / 3600)
        out += ":"
        CivilCalendar.appendPadded(s / 60 % 60, width: 2, to: &out)
        out += ":"
        CivilCalendar.appendPadded(s % 60, width: 2, to: &out)
        let us = microsecondPart
        if us != 0 {
            out += "."
            CivilCalendar.appendPadded(us, width: 6, to: &out)
        }
        return out
    }

    public static func < (lhs: TemplateTimeDelta, rhs: TemplateTimeDelta) -> Bool {
        lhs.microseconds < rhs.microseconds
    }
}
