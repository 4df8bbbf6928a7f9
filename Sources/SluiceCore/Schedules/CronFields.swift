/// The parsed form of a five-field cron expression and the search for matching minutes.
///
/// Each field is a bit set (bit n set = value n allowed). The search works on naive local
/// wall-clock time, exactly like croniter, which Airflow runs on the naive local time; the caller
/// (`CronExpression`) applies Airflow's time-zone rules around it.
///
/// How the search goes: starting from the first candidate minute, check the fields from the
/// largest unit down (month, day, hour, minute). When a field does not match, jump straight to the
/// next value that does (using the bit sets), reset every smaller unit to its first value, and start
/// over; when a field has no value left in its unit, carry into the next larger unit. A match is found
/// after a handful of jumps, never minute by minute. `previousMatch` is the same walk backwards.
struct CronFields: Sendable, Equatable, Hashable {
    let minutes: UInt64      // bits 0...59
    let hours: UInt64        // bits 0...23
    let daysOfMonth: UInt64  // bits 1...31
    let months: UInt64       // bits 1...12
    let daysOfWeek: UInt64   // bits 0...6, 0 = Sunday
    /// croniter's '*' for day-of-month: when exactly one of the two day fields is '*', only the other
    /// one restricts the day; when neither is, a day matches if EITHER matches (Vixie cron's rule).
    let dayOfMonthIsStar: Bool
    let dayOfWeekIsStar: Bool
    /// croniter's hour field is '*': Airflow then keeps such schedules ticking through DST changes by
    /// adding the naive difference to the current instant instead of re-localising the result.
    let coversEveryHour: Bool
    /// croniter's `L` in day-of-month: the last day of each month (28, 29, 30 or 31).
    let lastDayOfMonth: Bool
    /// croniter's `#` and `L` in day-of-week: bit `weekday * 8 + n` is set for "the n-th such weekday
    /// of the month" (n = 1...5) and bit `weekday * 8 + 6` for "the last one" (`L5`, `FRI#3`).
    /// When any is set, croniter picks days by these alone and ignores plain weekdays.
    let nthWeekdays: UInt64

    /// How far croniter looks for a match before giving up (`max_years_between_matches`).
    static let searchYears: Int64 = 50

    /// The days of the week repeated over 64 bits: bit k is set when weekday k % 7 is allowed, so
    /// the allowed days of any month are one shift away (see `dayMask`).
    let weekdayPattern: UInt64

    init(
        minutes: UInt64, hours: UInt64, daysOfMonth: UInt64, months: UInt64, daysOfWeek: UInt64,
        dayOfMonthIsStar: Bool, dayOfWeekIsStar: Bool, coversEveryHour: Bool,
        lastDayOfMonth: Bool = false, nthWeekdays: UInt64 = 0
    ) {
        self.minutes = minutes
        self.hours = hours
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.daysOfWeek = daysOfWeek
        self.dayOfMonthIsStar = dayOfMonthIsStar
        self.dayOfWeekIsStar = dayOfWeekIsStar
        self.coversEveryHour = coversEveryHour
        self.lastDayOfMonth = lastDayOfMonth
        self.nthWeekdays = nthWeekdays
        var pattern: UInt64 = 0
        for bit in 0..<64 where daysOfWeek & (1 << UInt64(bit % 7)) != 0 {
            pattern |= 1 << UInt64(bit)
        }
        weekdayPattern = pattern
    }

    /// Bits 1...daysInMonth set for the days of `month` that the day fields allow.
    func dayMask(year: Int64, month: Int64) -> UInt64 {
        let daysInMonth = CivilTime.daysInMonth(year: year, month: month)
        let monthBits: UInt64 = ((1 << UInt64(daysInMonth + 1)) - 1) & ~1
        if dayOfMonthIsStar && dayOfWeekIsStar && nthWeekdays == 0 { return monthBits }
        let first = CivilTime.weekday(days: CivilTime.days(year: year, month: month, day: 1))
        let byDayOfMonth = (daysOfMonth | (lastDayOfMonth ? 1 << UInt64(daysInMonth) : 0)) & monthBits
        if nthWeekdays != 0 {
            // croniter: with '#' or 'L' in day-of-week, the days come from those alone when both day
            // fields are restricted (its OR split keeps them on both sides), and from the
            // intersection with day-of-month when one of the two fields counts as '*'.
            let byNth = Self.nthDays(nthWeekdays, firstWeekday: first, daysInMonth: daysInMonth)
            if dayOfMonthIsStar || !dayOfWeekIsStar { return byNth }
            return byNth & byDayOfMonth
        }
        // Day d falls on weekday (first + d - 1) % 7, i.e. bit (first + d - 1) of the pattern.
        let byWeekday = ((weekdayPattern >> UInt64(first)) << 1) & monthBits
        if dayOfMonthIsStar { return byWeekday }
        if dayOfWeekIsStar { return byDayOfMonth }
        return byDayOfMonth | byWeekday
    }

    /// Whether some day of an allowed month is both a day-of-month day and a `#`/`L` weekday, as
    /// croniter needs when both day fields are restricted (it searches their intersection first and
    /// gives up when that never happens). 28 years from 2001 hold every calendar a month can have.
    func nthWeekdaysMeetDaysOfMonth() -> Bool {
        for year in Int64(2001)...2028 {
            for month in Int64(1)...12 where months & (1 << UInt64(month)) != 0 {
                let daysInMonth = CivilTime.daysInMonth(year: year, month: month)
                let first = CivilTime.weekday(days: CivilTime.days(year: year, month: month, day: 1))
                let byDayOfMonth = daysOfMonth | (lastDayOfMonth ? 1 << UInt64(daysInMonth) : 0)
                if Self.nthDays(nthWeekdays, firstWeekday: first, daysInMonth: daysInMonth) & byDayOfMonth != 0 {
                    return true
                }
            }
        }
        return false
    }

    /// The days (bits 1...31) of a month starting on weekday `firstWeekday` picked by `nth`
    /// (see `nthWeekdays`); an n-th weekday the month does not have (a fifth Friday) picks nothing.
    static func nthDays(_ nth: UInt64, firstWeekday: Int64, daysInMonth: Int64) -> UInt64 {
        var days: UInt64 = 0
        for weekday in Int64(0)..<7 {
            let occurrences = (nth >> UInt64(weekday * 8)) & 0xFF
            if occurrences == 0 { continue }
            let firstDay = 1 + (weekday - firstWeekday + 7) % 7
            let lastDay = firstDay + 7 * ((daysInMonth - firstDay) / 7)
            for n in Int64(1)...5 where occurrences & (1 << UInt64(n)) != 0 {
                let day = firstDay + 7 * (n - 1)
                if day <= daysInMonth { days |= 1 << UInt64(day) }
            }
            if occurrences & (1 << 6) != 0 { days |= 1 << UInt64(lastDay) }
        }
        return days
    }

    /// The first matching minute strictly after `local` (local seconds), or nil when there is none
    /// within `searchYears`.
    func nextMatch(after local: Int64) -> Int64? {
        var t = CivilTime(localMinute: CivilTime.floorDiv(local, 60) + 1)
        let lastYear = t.year + Self.searchYears
        var days: UInt64 = 0
        var daysKey: (Int64, Int64) = (-1, -1)
        while t.year <= lastYear {
            if months & (1 << UInt64(t.month)) == 0 {
                if let month = Self.lowestBit(months, from: t.month + 1) {
                    t.month = month
                } else {
                    t.year += 1
                    t.month = Self.lowestBit(months, from: 1) ?? 1
                }
                t.day = 1; t.hour = 0; t.minute = 0
            }
            if daysKey != (t.year, t.month) {
                days = dayMask(year: t.year, month: t.month)
                daysKey = (t.year, t.month)
            }
            guard let day = Self.lowestBit(days, from: t.day) else {
                t.month += 1
                if t.month > 12 { t.month = 1; t.year += 1 }
                t.day = 1; t.hour = 0; t.minute = 0
                continue
            }
            if day != t.day { t.day = day; t.hour = 0; t.minute = 0 }
            guard let hour = Self.lowestBit(hours, from: t.hour) else {
                t.day += 1; t.hour = 0; t.minute = 0
                continue
            }
            if hour != t.hour { t.hour = hour; t.minute = 0 }
            guard let minute = Self.lowestBit(minutes, from: t.minute) else {
                t.hour += 1; t.minute = 0
                continue
            }
            t.minute = minute
            return t.localSeconds
        }
        return nil
    }

    /// The last matching minute strictly before `local` (local seconds), or nil when there is none
    /// within `searchYears`.
    func previousMatch(before local: Int64) -> Int64? {
        var t = CivilTime(localMinute: CivilTime.floorDiv(local - 1, 60))
        let firstYear = t.year - Self.searchYears
        var days: UInt64 = 0
        var daysKey: (Int64, Int64) = (-1, -1)
        while t.year >= firstYear {
            if months & (1 << UInt64(t.month)) == 0 {
                if let month = Self.highestBit(months, upTo: t.month - 1), month >= 1 {
                    t.month = month
                } else {
                    t.year -= 1
                    t.month = Self.highestBit(months, upTo: 12) ?? 12
                }
                t.day = CivilTime.daysInMonth(year: t.year, month: t.month); t.hour = 23; t.minute = 59
            }
            if daysKey != (t.year, t.month) {
                days = dayMask(year: t.year, month: t.month)
                daysKey = (t.year, t.month)
            }
            guard let day = Self.highestBit(days, upTo: t.day) else {
                t.month -= 1
                if t.month < 1 { t.month = 12; t.year -= 1 }
                t.day = CivilTime.daysInMonth(year: t.year, month: t.month); t.hour = 23; t.minute = 59
                continue
            }
            if day != t.day { t.day = day; t.hour = 23; t.minute = 59 }
            guard let hour = Self.highestBit(hours, upTo: t.hour) else {
                t.day -= 1; t.hour = 23; t.minute = 59
                continue
            }
            if hour != t.hour { t.hour = hour; t.minute = 59 }
            guard let minute = Self.highestBit(minutes, upTo: t.minute) else {
                t.hour -= 1; t.minute = 59
                continue
            }
            t.minute = minute
            return t.localSeconds
        }
        return nil
    }

    /// The lowest set bit at position >= `from`.
    @inline(__always)
    static func lowestBit(_ mask: UInt64, from: Int64) -> Int64? {
        guard from < 64 else { return nil }
        let rest = from <= 0 ? mask : mask & (~0 << UInt64(from))
        return rest == 0 ? nil : Int64(rest.trailingZeroBitCount)
    }

    /// The highest set bit at position <= `upTo`.
    @inline(__always)
    static func highestBit(_ mask: UInt64, upTo: Int64) -> Int64? {
        guard upTo >= 0 else { return nil }
        let rest = upTo >= 63 ? mask : mask & ((1 << UInt64(upTo + 1)) - 1)
        return rest == 0 ? nil : Int64(63 - rest.leadingZeroBitCount)
    }
}
