/// A calendar date without a time, Python's `datetime.date`: what `logical_date.date()` returns.
/// It renders as `2021-01-15`.
public struct TemplateDate: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int
    /// Whether this is a pendulum `Date` (what a pendulum datetime's `date()` gives): two of them
    /// subtract to a pendulum Interval rather than a timedelta.
    var isPendulum = false

    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// Dates are equal when they are the same day, pendulum's or Python's.
    public static func == (lhs: TemplateDate, rhs: TemplateDate) -> Bool {
        lhs.daysSinceEpoch == rhs.daysSinceEpoch
    }

    /// Nil when the date does not exist (month 13, February 30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else { return nil }
        daysSinceEpoch = CivilCalendar.days(year: year, month: month, day: day)
    }

    public var year: Int { CivilCalendar.civil(days: daysSinceEpoch).year }
    public var month: Int { CivilCalendar.civil(days: daysSinceEpoch).month }
    public var day: Int { CivilCalendar.civil(days: daysSinceEpoch).day }

    /// The same day at midnight, naive, so that `strftime` and friends can be shared.
    var midnight: TemplateDateTime {
        TemplateDateTime(microseconds: daysSinceEpoch * CivilCalendar.microsecondsPerDay, offsetSeconds: nil, timeZone: nil)
    }

    /// The same day at midnight as a naive pendulum DateTime, to share pendulum's date methods.
    var pendulumMidnight: TemplateDateTime {
        var value = midnight
        value.isPendulum = true
        return value
    }

    public var description: String {
        var out = ""
        midnight.appendDate(separator: "-", to: &out)
        return out
    }

    public static func < (lhs: TemplateDate, rhs: TemplateDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }
}
