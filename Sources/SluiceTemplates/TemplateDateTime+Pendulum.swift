import SluiceCore

/// pendulum's `DateTime` properties and modifiers, as pendulum 3.3 computes them.
extension TemplateDateTime {
    var intTimestamp: Int { CivilCalendar.floorDiv(microseconds, CivilCalendar.microsecondsPerSecond) }
    var dayOfWeek: Int { CivilCalendar.weekday(days: fields.days) }
    var dayOfYear: Int { let f = fields; return f.days - CivilCalendar.days(year: f.year, month: 1, day: 1) + 1 }
    var quarter: Int { (fields.month + 2) / 3 }

    /// The ISO week number (`isocalendar()[1]`).
    var weekOfYear: Int { CivilCalendar.isoWeek(days: fields.days).week }

    /// pendulum's `ceil((day + first_of_month.isoweekday() - 1) / 7)`.
    var weekOfMonth: Int {
        let f = fields
        let firstWeekday = CivilCalendar.weekday(days: f.days - f.day + 1) + 1
        return (f.day + firstWeekday - 1 + 6) / 7
    }

    /// Python's `tzname()`: `UTC`, `CET`, `CEST`; for a fixed offset `UTC+01:00` (Python) or `+01:00`
    /// (pendulum); empty for a naive value.
    var tzname: String {
        guard let offset = offsetSeconds else { return "" }
        if let zone = timeZone { return zone.abbreviation(atMicroseconds: microseconds) }
        // Python's `datetime.timezone` names itself `UTC-05:30`; pendulum's fixed offsets `-05:30`.
        var out = isPendulum ? "" : "UTC"
        Self.appendOffset(offset, colon: true, to: &out)
        return out
    }

    /// Whether daylight saving time is in force: pendulum's `dst() != timedelta()`, which is true for a naive value (its `dst()` is None).
    var isDST: Bool {
        if isNaive { return true }
        guard let zone = timeZone?.zone else { return false }
        return zone.isDaylightSavingTime(for: date)
    }

    /// pendulum's `add`/`subtract`: with years, months, weeks or days, every unit moves the wall clock
    /// (then the zone gives the offset); with only hours and smaller units, the instant moves.
    func pendulumAdding(years: Int, months: Int, weeks: Int, days: Int, clockMicroseconds: Int) throws -> TemplateDateTime {
        guard years != 0 || months != 0 || weeks != 0 || days != 0 else {
            return try adding(TemplateTimeDelta(microseconds: clockMicroseconds))
        }
        var wall = self
        wall.offsetSeconds = isNaive ? nil : 0
        wall.timeZone = nil
        wall.microseconds = localMicroseconds
        if years != 0 || months != 0 {
            wall = try wall.addingMonths(TemplateArithmetic.sum(TemplateArithmetic.product(years, 12), months))
        }
        let delta = try TemplateArithmetic.sum(
            TemplateArithmetic.product(TemplateArithmetic.sum(TemplateArithmetic.product(weeks, 7), days), CivilCalendar.microsecondsPerDay),
            clockMicroseconds)
        wall = try wall.adding(TemplateTimeDelta(microseconds: delta))
        // pendulum's `create` resolves the new wall clock with fold 1.
        return withWallClock(wall.microseconds, fold: 1)
    }

    /// `self + delta` (sign 1) or `self - delta` (sign -1): a pendulum Interval moves a pendulum datetime by
    /// its calendar parts as pendulum's `_add_timedelta_` / `_subtract_timedelta` do; anything else by its length.
    func adding(_ delta: TemplateTimeDelta, sign: Int) throws -> TemplateDateTime {
        guard isPendulum, let interval = delta.interval else {
            let micros = try TemplateArithmetic.product(sign, delta.microseconds)
            // pendulum adds a plain timedelta as `add(seconds=delta.total_seconds())`: through a float,
            // which a very long duration does not hold to the microsecond.
            return try adding(TemplateTimeDelta(microseconds: isPendulum ? Self.throughFloatSeconds(micros) : micros))
        }
        guard sign > 0 else {
            // pendulum subtracts an Interval as `subtract(years=, months=, seconds=<its whole length>)`.
            return try pendulumAdding(years: -interval.years, months: -interval.months, weeks: 0, days: 0, clockMicroseconds: -interval.microseconds)
        }
        let clock = ((interval.hours * 60 + interval.minutes) * 60 + interval.remainingSeconds) * CivilCalendar.microsecondsPerSecond
            + interval.durationMicroseconds
        return try pendulumAdding(years: interval.years, months: interval.months, weeks: interval.weeks,
                                  days: interval.remainingDays, clockMicroseconds: clock)
    }

    /// `timedelta(seconds=us / 1e6)` as Python computes it: whole seconds, then the fraction rounded half
    /// to even to microseconds. Exact for any duration under about 285 years.
    static func throughFloatSeconds(_ micros: Int) -> Int {
        // `total_seconds()`: the whole seconds exactly, plus the rest (Python divides the integers exactly).
        let seconds = Double(micros / 1_000_000) + Double(micros % 1_000_000) / 1_000_000
        let whole = seconds.rounded(.towardZero)
        guard abs(whole) < 9e12 else { return micros }
        return Int(whole) * 1_000_000 + Int(((seconds - whole) * 1_000_000).rounded(.toNearestOrEven))
    }

    /// pendulum's `set(...)`: the given fields replaced on the wall clock.
    func setting(year: Int? = nil, month: Int? = nil, day: Int? = nil, hour: Int? = nil, minute: Int? = nil,
                 second: Int? = nil, microsecond: Int? = nil) throws -> TemplateDateTime {
        let f = fields
        guard let wall = TemplateDateTime(year: year ?? f.year, month: month ?? f.month, day: day ?? f.day, hour: hour ?? f.hour,
                                          minute: minute ?? f.minute, second: second ?? f.second, microsecond: microsecond ?? f.microsecond) else {
            throw TemplateError(message: "the date or time does not exist (a field is out of range)")
        }
        return withWallClock(wall.microseconds)
    }

    static let modifierUnits = ["second", "minute", "hour", "day", "week", "month", "year", "decade", "century"]

    /// pendulum's `start_of(unit)` / `end_of(unit)`.
    func startOrEnd(of unit: String, end: Bool) throws -> TemplateDateTime {
        let f = fields
        let (h, m, s, us) = end ? (23, 59, 59, 999_999) : (0, 0, 0, 0)
        switch unit {
        case "second": return try setting(microsecond: end ? 999_999 : 0)
        case "minute": return try setting(second: s, microsecond: us)
        case "hour": return try setting(minute: m, second: s, microsecond: us)
        case "day": return try setting(hour: h, minute: m, second: s, microsecond: us)
        case "week":
            // Weeks run Monday to Sunday.
            let shift = end ? 6 - dayOfWeek : -dayOfWeek
            return try pendulumAdding(years: 0, months: 0, weeks: 0, days: shift, clockMicroseconds: 0).startOrEnd(of: "day", end: end)
        case "month":
            return try setting(day: end ? CivilCalendar.daysInMonth(year: f.year, month: f.month) : 1, hour: h, minute: m, second: s, microsecond: us)
        case "year": return try setting(month: end ? 12 : 1, day: end ? 31 : 1, hour: h, minute: m, second: s, microsecond: us)
        case "decade":
            let year = f.year - f.year % 10 + (end ? 9 : 0)
            return try setting(year: year, month: end ? 12 : 1, day: end ? 31 : 1, hour: h, minute: m, second: s, microsecond: us)
        case "century":
            let year = f.year - 1 - (f.year - 1) % 100 + (end ? 100 : 1)
            return try setting(year: year, month: end ? 12 : 1, day: end ? 31 : 1, hour: h, minute: m, second: s, microsecond: us)
        default:
            throw TemplateError(message: "Invalid unit \"\(UserText.quote(unit))\" for \(end ? "end_of" : "start_of")() (pendulum knows \(Self.modifierUnits.joined(separator: ", ")))")
        }
    }

    /// The first and last day (as day numbers) of the month, quarter or year holding this date.
    private func span(of unit: String, method: String) throws -> ClosedRange<Int> {
        let f = fields
        let (firstMonth, lastMonth): (Int, Int)
        switch unit {
        case "month": (firstMonth, lastMonth) = (f.month, f.month)
        case "quarter": (firstMonth, lastMonth) = ((f.month - 1) / 3 * 3 + 1, (f.month - 1) / 3 * 3 + 3)
        case "year": (firstMonth, lastMonth) = (1, 12)
        default: throw TemplateError(message: "Invalid unit \"\(UserText.quote(unit))\" for \(method)() (pendulum knows month, quarter, year)")
        }
        return CivilCalendar.days(year: f.year, month: firstMonth, day: 1)...CivilCalendar.days(year: f.year, month: lastMonth, day: CivilCalendar.daysInMonth(year: f.year, month: lastMonth))
    }

    /// Midnight of day number `day`, in this value's zone.
    func startOfDay(_ day: Int) -> TemplateDateTime {
        withWallClock(day * CivilCalendar.microsecondsPerDay)
    }

    /// pendulum's `first_of` / `last_of`: the first or last day of the unit, or of the given weekday in it.
    func firstOrLast(of unit: String, weekday: Int?, last: Bool) throws -> TemplateDateTime {
        let days = try span(of: unit, method: last ? "last_of" : "first_of")
        guard let weekday else { return startOfDay(last ? days.upperBound : days.lowerBound) }
        let candidates = days.filter { CivilCalendar.weekday(days: $0) == weekday }
        return startOfDay((last ? candidates.last : candidates.first) ?? days.lowerBound)
    }

    /// pendulum's `nth_of(unit, nth, day_of_week)`.
    func nth(of unit: String, nth: Int, weekday: Int) throws -> TemplateDateTime {
        let days = try span(of: unit, method: "nth_of")
        let candidates = days.filter { CivilCalendar.weekday(days: $0) == weekday }
        guard nth >= 1, nth <= candidates.count else {
            throw TemplateError(message: "Unable to find occurrence \(nth) of \(CivilCalendar.weekdayNames[weekday]) in \(unit)")
        }
        return startOfDay(candidates[nth - 1])
    }

    /// pendulum's `next` / `previous`: the next (or previous) given weekday, at midnight unless `keepTime`.
    func nextOrPrevious(weekday: Int?, keepTime: Bool, previous: Bool) throws -> TemplateDateTime {
        let target = weekday ?? dayOfWeek
        var shift = previous ? -CivilCalendar.floorMod(dayOfWeek - target, 7) : CivilCalendar.floorMod(target - dayOfWeek, 7)
        if shift == 0 { shift = previous ? -7 : 7 }
        let base = keepTime ? self : try startOrEnd(of: "day", end: false)
        return try base.pendulumAdding(years: 0, months: 0, weeks: 0, days: shift, clockMicroseconds: 0)
    }
}

extension CivilCalendar {
    /// The ISO year and week number of a day.
    static func isoWeek(days: Int) -> (year: Int, week: Int) {
        let thursday = days - weekday(days: days) + 3
        let year = civil(days: thursday).year
        let week = (thursday - CivilCalendar.days(year: year, month: 1, day: 1)) / 7 + 1
        return (year, week)
    }
}
