import SluiceCore

/// pendulum's `Interval`: what `dt - other` and `dt.diff(other)` give for pendulum datetimes.
/// It is a `timedelta` (it travels inside `TemplateTimeDelta`) that also knows its two ends, prints as
/// `<Interval [start -> end]>`, and has pendulum's calendar-aware parts (`years`, `months`, `in_days()`).
final class PendulumInterval: Sendable {
    let start: TemplateDateTime
    let end: TemplateDateTime
    let absolute: Bool
    /// Whether the interval was given with its later end first (pendulum's `invert`).
    let inverted: Bool
    /// pendulum's `precise_diff` of the ends.
    let years: Int, months: Int, days: Int, hours: Int, minutes: Int, totalDays: Int

    /// `Interval(start, end, absolute)`: with `absolute`, the earlier end comes first.
    /// Whether the ends are dates (pendulum `Date`s, held as midnights), which print without a time.
    let ofDates: Bool

    init(start: TemplateDateTime, end: TemplateDateTime, absolute: Bool, ofDates: Bool = false) throws {
        self.ofDates = ofDates
        guard start.isNaive == end.isNaive else { throw TemplateError(message: "can't compare offset-naive and offset-aware datetimes") }
        inverted = start.microseconds > end.microseconds
        let reversed = absolute && inverted
        self.start = reversed ? end : start
        self.end = reversed ? start : end
        self.absolute = absolute
        var d1 = self.start, d2 = self.end
        var sign = 1
        if d1.microseconds > d2.microseconds {
            swap(&d1, &d2)
            sign = -1
        }
        let a = d1.fields, b = d2.fields
        let total = b.days - a.days
        let sameZone = d1.timeZone != nil && d1.timeZone?.name == d2.timeZone?.name
        // Clock parts: on the wall clock in one zone over several days, else on UTC.
        let (c1, c2): (TemplateDateTime.Fields, TemplateDateTime.Fields)
        if !sameZone || total == 0 {
            c1 = TemplateDateTime(microseconds: d1.microseconds, offsetSeconds: nil, timeZone: nil).fields
            c2 = TemplateDateTime(microseconds: d2.microseconds, offsetSeconds: nil, timeZone: nil).fields
        } else {
            (c1, c2) = (a, b)
        }
        var dayDiff = 0
        var hourDiff = c2.hour - c1.hour, minuteDiff = c2.minute - c1.minute
        var secondDiff = c2.second - c1.second, microDiff = c2.microsecond - c1.microsecond
        if microDiff < 0 { microDiff += 1_000_000; secondDiff -= 1 }
        if secondDiff < 0 { secondDiff += 60; minuteDiff -= 1 }
        if minuteDiff < 0 { minuteDiff += 60; hourDiff -= 1 }
        if hourDiff < 0 { hourDiff += 24; dayDiff -= 1 }
        var yearDiff = b.year - a.year
        var monthDiff = b.month - a.month
        dayDiff += b.day - a.day
        if dayDiff < 0 {
            let (lastYear, lastMonth) = b.month == 1 ? (b.year - 1, 12) : (b.year, b.month - 1)
            let daysInLastMonth = CivilCalendar.daysInMonth(year: lastYear, month: lastMonth)
            let daysInMonth = CivilCalendar.daysInMonth(year: b.year, month: b.month)
            if dayDiff < daysInMonth - daysInLastMonth {
                dayDiff += daysInLastMonth < a.day ? a.day : daysInLastMonth
            } else if dayDiff == daysInMonth - daysInLastMonth {
                dayDiff = 0
                monthDiff += 1
            } else {
                dayDiff += daysInLastMonth
            }
            monthDiff -= 1
        }
        if monthDiff < 0 { monthDiff += 12; yearDiff -= 1 }
        if d1.microseconds == d2.microseconds {
            (yearDiff, monthDiff, dayDiff, hourDiff, minuteDiff) = (0, 0, 0, 0, 0)
        }
        years = sign * yearDiff
        months = sign * monthDiff
        days = sign * dayDiff
        hours = sign * hourDiff
        minutes = sign * minuteDiff
        totalDays = d1.microseconds == d2.microseconds ? 0 : sign * total
    }

    /// The length as a timedelta (end minus start).
    var microseconds: Int { end.microseconds - start.microseconds }

    var description: String {
        guard ofDates else { return "<Interval [\(start) -> \(end)]>" }
        return "<Interval [\(start.calendarDate) -> \(end.calendarDate)]>"
    }

    // pendulum's Duration normalisation (toward zero) of the length, and the precise diff's weeks and days.
    private var duration: PendulumDuration { PendulumDuration(microseconds: microseconds) }
    var durationDays: Int { duration.days }
    var durationSeconds: Int { duration.seconds }
    var durationMicroseconds: Int { duration.microsecondPart }
    var weeks: Int { abs(days) / 7 * (days < 0 ? -1 : 1) }
    var remainingDays: Int { abs(days) % 7 * (durationDays < 0 ? -1 : 1) }
    var remainingSeconds: Int { duration.remainingSeconds }

    func attribute(_ name: String) -> TemplateValue? {
        switch name {
        case "start": return ofDates ? .date(pendulumDate(start)) : .datetime(start)
        case "end": return ofDates ? .date(pendulumDate(end)) : .datetime(end)
        case "years": return .int(years)
        case "months": return .int(months)
        case "weeks": return .int(weeks)
        case "days": return .int(durationDays)
        case "remaining_days": return .int(remainingDays)
        case "hours": return .int(hours)
        case "minutes": return .int(minutes)
        case "seconds": return .int(durationSeconds)
        case "remaining_seconds": return .int(remainingSeconds)
        case "microseconds": return .int(durationMicroseconds)
        case "invert": return .bool(inverted)
        default: return nil
        }
    }

    private func pendulumDate(_ midnight: TemplateDateTime) -> TemplateDate {
        var date = midnight.calendarDate
        date.isPendulum = true
        return date
    }

    /// The calendar-aware `in_*` methods; the others are its Duration's (`in_hours()`, `total_seconds()`).
    func method(_ name: String, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "in_years": return .int(years)
        case "in_months": return .int(years * 12 + months)
        case "in_weeks": return .int(totalDays / 7)
        case "in_days": return .int(totalDays)
        case "in_words": return .string(try PendulumDuration.words(of: wordParts, microseconds: durationMicroseconds, fractionUnit: "second", &a))
        default: return try duration.method(name, &a)
        }
    }

    var wordParts: [(String, Int)] {
        [("year", years), ("month", months), ("week", weeks), ("day", remainingDays), ("hour", hours), ("minute", minutes), ("second", remainingSeconds)]
    }

    /// pendulum's English `diff_for_humans` wording of this (absolute) interval: `3 days after`,
    /// `1 month before`, `a few seconds after`; with `relativeToNow`, `3 days ago` / `in 3 days`.
    /// With `absolute`, the bare amount (`3 days`, `a few seconds`).
    func forHumans(relativeToNow: Bool, absolute: Bool = false) -> String {
        let unit: String
        var count: Int
        let weekDays = weeks * 7 + remainingDays
        if years > 0 {
            (unit, count) = ("year", years + (months > 6 ? 1 : 0))
        } else if months == 11 && weekDays > 15 {
            (unit, count) = ("year", 1)
        } else if months > 0 {
            (unit, count) = ("month", months + (weekDays >= 27 ? 1 : 0))
        } else if weeks > 0 {
            (unit, count) = ("week", weeks + (remainingDays > 3 ? 1 : 0))
        } else if remainingDays > 0 {
            (unit, count) = ("day", remainingDays + (hours >= 22 ? 1 : 0))
        } else if hours > 0 {
            (unit, count) = ("hour", hours)
        } else if minutes > 0 {
            (unit, count) = ("minute", minutes)
        } else if remainingSeconds > 10 && remainingSeconds < 60 {
            (unit, count) = ("second", remainingSeconds)
        } else {
            let time = "a few seconds"
            if absolute { return time }
            if relativeToNow { return inverted ? "in \(time)" : "\(time) ago" }
            return inverted ? "\(time) after" : "\(time) before"
        }
        if count == 0 { count = 1 }
        let time = "\(count) \(unit)\(count == 1 ? "" : "s")"
        if absolute { return time }
        if relativeToNow { return inverted ? "in \(time)" : "\(time) ago" }
        return inverted ? "\(time) after" : "\(time) before"
    }
}
