import Foundation

/// A point in time as pendulum (Airflow's datetime library) shows it: an instant with a UTC offset
/// and, usually, a named time zone; or a naive wall-clock time (from `macros.datetime(2021, 1, 1)`).
///
/// `str()` gives `2021-01-15 00:00:00+00:00` (microseconds only when non-zero), `isoformat()` gives
/// `2021-01-15T00:00:00+00:00`; a naive value has no offset. All calendar math is integer math.
public struct TemplateDateTime: Sendable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z for an aware value; for a naive one, the wall-clock
    /// time counted as if it were UTC.
    public var microseconds: Int
    /// The UTC offset in seconds; nil for a naive value.
    public var offsetSeconds: Int?
    /// The time zone the value is shown in; nil for a naive value or a fixed offset.
    public var timeZone: TemplateTimeZone?
    /// Whether this is a pendulum `DateTime` (Airflow's context dates and what their methods give),
    /// with pendulum's methods, or a plain Python `datetime` (from `macros.datetime`, `strptime`).
    public var isPendulum: Bool

    init(microseconds: Int, offsetSeconds: Int?, timeZone: TemplateTimeZone?, isPendulum: Bool = true) {
        self.microseconds = microseconds
        self.offsetSeconds = offsetSeconds
        self.timeZone = timeZone
        self.isPendulum = isPendulum
    }

    /// An aware value for a Foundation date, shown in `timeZone` (UTC by default).
    /// Dates past years 1...9999 (never made by Sluice) are clamped to that range rather than trapping.
    public init(_ date: Date, in timeZone: TemplateTimeZone = .utc) {
        let bound = Double(TemplateLimits.days.upperBound + 1) * 86_400
        let seconds = date.timeIntervalSince1970.isNaN ? 0 : min(max(date.timeIntervalSince1970, -bound), bound)
        let micros = Int((seconds * 1_000_000).rounded())
        self.init(instant: micros, in: timeZone)
    }

    /// An aware value for an instant in microseconds since the epoch, shown in `timeZone`.
    init(instant micros: Int, in timeZone: TemplateTimeZone) {
        self.init(microseconds: micros, offsetSeconds: timeZone.offsetSeconds(atMicroseconds: micros), timeZone: timeZone)
    }

    /// A naive wall-clock value; nil when a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        guard let date = TemplateDate(year: year, month: month, day: day),
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second),
              (0..<1_000_000).contains(microsecond) else { return nil }
        let secs = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
        self.init(microseconds: secs * CivilCalendar.microsecondsPerSecond + microsecond, offsetSeconds: nil, timeZone: nil)
    }

    public var isNaive: Bool { offsetSeconds == nil }

    /// The wall-clock time in microseconds, counted as if it were UTC.
    var localMicroseconds: Int { microseconds + (offsetSeconds ?? 0) * CivilCalendar.microsecondsPerSecond }

    /// The instant as a Foundation date (a naive value is read as UTC).
    public var date: Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }

    /// The calendar and clock fields of the wall-clock time.
    struct Fields {
        var days: Int, year: Int, month: Int, day: Int
        var hour: Int, minute: Int, second: Int, microsecond: Int
    }

    var fields: Fields {
        let local = localMicroseconds
        let days = CivilCalendar.floorDiv(local, CivilCalendar.microsecondsPerDay)
        let inDay = local - days * CivilCalendar.microsecondsPerDay
        let (y, m, d) = CivilCalendar.civil(days: days)
        let secs = inDay / CivilCalendar.microsecondsPerSecond
        return Fields(days: days, year: y, month: m, day: d, hour: secs / 3600, minute: secs / 60 % 60,
                      second: secs % 60, microsecond: inDay % CivilCalendar.microsecondsPerSecond)
    }

    /// The calendar date of the wall-clock time.
    public var calendarDate: TemplateDate {
        TemplateDate(daysSinceEpoch: CivilCalendar.floorDiv(localMicroseconds, CivilCalendar.microsecondsPerDay))
    }

    /// The same instant shown in another zone (pendulum's `in_timezone`); a naive value is read as UTC.
    public func inTimeZone(_ zone: TemplateTimeZone) -> TemplateDateTime {
        TemplateDateTime(instant: microseconds, in: zone)
    }

    /// Python's `str()`: `2021-01-15 00:00:00+00:00`.
    public var description: String {
        var out = ""
        out.reserveCapacity(32)
        appendISO(separator: " ", to: &out)
        return out
    }

    /// Python's `isoformat()`: `2021-01-15T00:00:00+00:00`.
    public var isoformat: String {
        var out = ""
        out.reserveCapacity(32)
        appendISO(separator: "T", to: &out)
        return out
    }

    func appendDate(separator: String, to out: inout String) {
        let f = fields
        CivilCalendar.appendPadded(f.year, width: 4, to: &out)
        out += separator
        CivilCalendar.appendPadded(f.month, width: 2, to: &out)
        out += separator
        CivilCalendar.appendPadded(f.day, width: 2, to: &out)
    }

    func appendISO(separator: String, to out: inout String) {
        let f = fields
        CivilCalendar.appendPadded(f.year, width: 4, to: &out)
        out += "-"
        CivilCalendar.appendPadded(f.month, width: 2, to: &out)
        out += "-"
        CivilCalendar.appendPadded(f.day, width: 2, to: &out)
        out += separator
        CivilCalendar.appendPadded(f.hour, width: 2, to: &out)
        out += ":"
        CivilCalendar.appendPadded(f.minute, width: 2, to: &out)
        out += ":"
        CivilCalendar.appendPadded(f.second, width: 2, to: &out)
        if f.microsecond != 0 {
            out += "."
            CivilCalendar.appendPadded(f.microsecond, width: 6, to: &out)
        }
        if let offset = offsetSeconds { Self.appendOffset(offset, colon: true, to: &out) }
    }

    static func appendOffset(_ offset: Int, colon: Bool, to out: inout String) {
        out += offset < 0 ? "-" : "+"
        let a = abs(offset)
        CivilCalendar.appendPadded(a / 3600, width: 2, to: &out)
        if colon { out += ":" }
        CivilCalendar.appendPadded(a / 60 % 60, width: 2, to: &out)
        if a % 60 != 0 {
            if colon { out += ":" }
            CivilCalendar.appendPadded(a % 60, width: 2, to: &out)
        }
    }

    /// Adds a duration as pendulum does for a `timedelta`: an aware value moves its instant (and
    /// the offset is recomputed in its zone); a naive one moves its wall clock.
    public func adding(_ delta: TemplateTimeDelta) throws -> TemplateDateTime {
        let instant = try TemplateArithmetic.sum(microseconds, delta.microseconds)
        guard let offset = offsetSeconds else {
            return try TemplateArithmetic.checked(TemplateDateTime(microseconds: instant, offsetSeconds: nil, timeZone: nil, isPendulum: isPendulum))
        }
        if let zone = timeZone, zone.zone != nil {
            _ = try TemplateArithmetic.checked(TemplateDateTime(microseconds: instant, offsetSeconds: offset, timeZone: nil))
            var result = TemplateDateTime(instant: instant, in: zone)
            result.isPendulum = isPendulum
            return result
        }
        return try TemplateArithmetic.checked(TemplateDateTime(microseconds: instant, offsetSeconds: offset, timeZone: timeZone, isPendulum: isPendulum))
    }

    /// Adds whole days to the wall clock (pendulum's `add(days=)`), recomputing the offset in the zone.
    func addingDays(_ days: Int) throws -> TemplateDateTime {
        let wall = try TemplateArithmetic.sum(localMicroseconds, TemplateArithmetic.product(days, CivilCalendar.microsecondsPerDay))
        return try withCheckedWallClock(wall)
    }

    /// Adds calendar months (clamping the day to the month's length), keeping the wall-clock time.
    func addingMonths(_ months: Int) throws -> TemplateDateTime {
        let f = fields
        let total = try TemplateArithmetic.sum(f.year * 12 + (f.month - 1), months)
        let year = CivilCalendar.floorDiv(total, 12)
        let month = CivilCalendar.floorMod(total, 12) + 1
        guard (1...9999).contains(year) else { throw TemplateError(message: "date value out of range (years 1 to 9999)") }
        let day = min(f.day, CivilCalendar.daysInMonth(year: year, month: month))
        let inDay = CivilCalendar.floorMod(localMicroseconds, CivilCalendar.microsecondsPerDay)
        let wall = CivilCalendar.days(year: year, month: month, day: day) * CivilCalendar.microsecondsPerDay + inDay
        return try withCheckedWallClock(wall)
    }

    /// `withWallClock` after checking the wall clock is within years 1...9999.
    private func withCheckedWallClock(_ wall: Int) throws -> TemplateDateTime {
        _ = try TemplateArithmetic.date(days: CivilCalendar.floorDiv(wall, CivilCalendar.microsecondsPerDay))
        return withWallClock(wall)
    }

    /// Python's `fold`: 1 when this is the second occurrence of a wall-clock time that exists twice.
    var fold: Int {
        guard let zone = timeZone, zone.zone != nil else { return 0 }
        return zone.instant(forWallClockMicroseconds: localMicroseconds, fold: 0) == microseconds ? 0 : 1
    }

    /// The value with another wall-clock time, in the same zone or offset.
    /// In a zone, the wall-clock time is resolved as pendulum resolves it (see `TemplateTimeZone.instant`).
    /// `fold` picks between the two readings of an ambiguous or skipped wall-clock time; nil keeps
    /// this value's own fold (what pendulum's `set` and `replace` do).
    func withWallClock(_ wall: Int, fold: Int? = nil) -> TemplateDateTime {
        guard let offset = offsetSeconds else {
            return TemplateDateTime(microseconds: wall, offsetSeconds: nil, timeZone: nil, isPendulum: isPendulum)
        }
        if let zone = timeZone, zone.zone != nil {
            var result = TemplateDateTime(instant: zone.instant(forWallClockMicroseconds: wall, fold: fold ?? self.fold), in: zone)
            result.isPendulum = isPendulum
            return result
        }
        return TemplateDateTime(microseconds: wall - offset * CivilCalendar.microsecondsPerSecond, offsetSeconds: offset, timeZone: timeZone, isPendulum: isPendulum)
    }
}

extension TemplateDateTime: Equatable {
    /// Aware values are equal when they are the same instant; a naive value never equals an aware one.
    public static func == (lhs: TemplateDateTime, rhs: TemplateDateTime) -> Bool {
        lhs.isNaive == rhs.isNaive && lhs.microseconds == rhs.microseconds
    }
}
