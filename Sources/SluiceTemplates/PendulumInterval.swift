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

    /// Whether the ends are dates (pendulum `Date`s, held as midnights), which print without a time.
    let ofDates: Bool

    /// `Interval(start, end, absolute)`: with `absolute`, the earlier end comes first.
    init(start: TemplateDateTime, end: TemplateDateTime, absolute: Bool, ofDates: Bool = false) throws {
        self.ofDates = ofDates
        guard start.isNaive == end.isNaive else { throw TemplateError(message: "can't compare offset-naive and offset-aware datetimes") }
        inverted = start.microseconds > end.microseconds
        let reversed = absolute && inverted
        self.start = reversed ? end : start
        self.end = reversed ? start : end
        self.absolute = absolute
        let diff = PreciseDiff(self.start, self.end)
        (years, months, days, hours, minutes, totalDays) = (diff.years, diff.months, diff.days, diff.hours, diff.minutes, diff.totalDays)
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

/// pendulum's `precise_diff` (its compiled version, which Airflow runs): the calendar difference of two
/// datetimes in years, months, days, hours and minutes. Each end is read on its own wall clock; an end
/// whose zone differs from the other's (and whose offset is not zero), or both when they fall on the same
/// date, is first moved back by its offset, field by field, as pendulum does (an hour can reach 24 and a
/// day 0 there, which the results keep).
struct PreciseDiff {
    var years = 0, months = 0, days = 0, hours = 0, minutes = 0, totalDays = 0

    private struct End: Comparable {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, microsecond: Int

        var key: [Int] { [year, month, day, hour, minute, second, microsecond] }

        static func < (a: End, b: End) -> Bool { a.key.lexicographicallyPrecedes(b.key) }

        init(_ f: TemplateDateTime.Fields) {
            (year, month, day, hour, minute, second, microsecond) = (f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond)
        }

        /// Moves the clock back by `offset` seconds, carrying only into the next larger field.
        mutating func moveBack(by offset: Int) {
            hour -= offset / 3600
            minute -= offset % 3600 / 60
            second -= offset % 60
            if second < 0 { second += 60; minute -= 1 } else if second > 60 { second -= 60; minute += 1 }
            if minute < 0 { minute += 60; hour -= 1 } else if minute > 60 { minute -= 60; hour += 1 }
            if hour < 0 { hour += 24; day -= 1 } else if hour > 24 { hour -= 24; day += 1 }
        }
    }

    init(_ start: TemplateDateTime, _ end: TemplateDateTime) {
        let zone1 = start.timeZone?.name ?? "", zone2 = end.timeZone?.name ?? ""
        let sameZone = !zone1.isEmpty && zone1 == zone2
        var e1 = End(start.fields), e2 = End(end.fields)
        var total = end.fields.days - start.fields.days
        let offset1 = start.offsetSeconds ?? 0, offset2 = end.offsetSeconds ?? 0
        if (!sameZone && offset1 != 0) || total == 0 { e1.moveBack(by: offset1) }
        if (!sameZone && offset2 != 0) || total == 0 { e2.moveBack(by: offset2) }
        var sign = 1
        if e1 > e2 {
            sign = -1
            swap(&e1, &e2)
            total = -total
        }
        var yearDiff = e2.year - e1.year, monthDiff = e2.month - e1.month, dayDiff = e2.day - e1.day
        var hourDiff = e2.hour - e1.hour, minuteDiff = e2.minute - e1.minute
        var secondDiff = e2.second - e1.second
        if e2.microsecond < e1.microsecond { secondDiff -= 1 }
        if secondDiff < 0 { minuteDiff -= 1 }
        if minuteDiff < 0 { minuteDiff += 60; hourDiff -= 1 }
        if hourDiff < 0 { hourDiff += 24; dayDiff -= 1 }
        if dayDiff < 0 {
            let (lastYear, lastMonth) = e2.month == 1 ? (e2.year - 1, 12) : (e2.year, e2.month - 1)
            let daysInLastMonth = CivilCalendar.daysInMonth(year: lastYear, month: lastMonth)
            let daysInMonth = CivilCalendar.daysInMonth(year: e2.year, month: e2.month)
            if dayDiff < daysInMonth - daysInLastMonth {
                dayDiff += daysInLastMonth < e1.day ? e1.day : daysInLastMonth
            } else if dayDiff == daysInMonth - daysInLastMonth {
                dayDiff = 0
                monthDiff += 1
            } else {
                dayDiff += daysInLastMonth
            }
            monthDiff -= 1
        }
        if monthDiff < 0 { monthDiff += 12; yearDiff -= 1 }
        (years, months, days, hours, minutes, totalDays) = (yearDiff * sign, monthDiff * sign, dayDiff * sign, hourDiff * sign, minuteDiff * sign, total * sign)
    }
}
