/// Proleptic Gregorian calendar arithmetic on plain integers, with no time zone.
///
/// Cron matching happens on naive local wall-clock time (as croniter does), which is counted here
/// as "local seconds": seconds since 1970-01-01T00:00 of the wall clock, ignoring any offset.
/// Foundation's `Calendar` is far too slow for the scheduler's hot path, so the conversions are done
/// with Howard Hinnant's days-from-civil algorithms.
struct CivilTime: Equatable {
    var year: Int64
    var month: Int64   // 1...12
    var day: Int64     // 1...31
    var hour: Int64    // 0...23
    var minute: Int64  // 0...59

    static let secondsPerDay: Int64 = 86_400

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a count of days since 1970-01-01.
    static func date(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Day of the week of a count of days since 1970-01-01, 0 = Sunday.
    static func weekday(days: Int64) -> Int64 {
        let w = (days + 4) % 7  // 1970-01-01 was a Thursday
        return w < 0 ? w + 7 : w
    }

    static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The wall-clock minute that contains `localMinute` (minutes since the local epoch).
    init(localMinute: Int64) {
        let days = Self.floorDiv(localMinute, 1440)
        let minuteOfDay = localMinute - days * 1440
        let date = Self.date(days: days)
        year = date.year
        month = date.month
        day = date.day
        hour = minuteOfDay / 60
        minute = minuteOfDay % 60
    }

    /// Local seconds of this wall-clock minute.
    var localSeconds: Int64 {
        (Self.days(year: year, month: month, day: day) * 1440 + hour * 60 + minute) * 60
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
