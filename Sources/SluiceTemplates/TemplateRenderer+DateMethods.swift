import SluiceCore

/// The methods of datetimes, dates and timedeltas (Python's and pendulum's) that templates call.
extension TemplateRenderer {
    func datetimeMethod(_ name: String, _ dt: TemplateDateTime, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        if let python = try pythonDatetimeMethod(name, dt, &a) { return python }
        guard dt.isPendulum else { return nil }
        return try pendulumMethod(name, dt, &a)
    }

    /// The methods Python's `datetime` has (and pendulum's `DateTime` too).
    private func pythonDatetimeMethod(_ name: String, _ dt: TemplateDateTime, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "strftime":
            return .string(dt.strftime(try a.string("format")))
        case "isoformat":
            let separator = try a.optionalString("sep") ?? "T"
            var out = ""
            dt.appendISO(separator: separator, to: &out)
            return .string(out)
        case "astimezone":
            var result = dt.inTimeZone(try a.timeZone("tz"))
            result.isPendulum = dt.isPendulum
            return .datetime(result)
        case "date":
            var date = dt.calendarDate
            date.isPendulum = dt.isPendulum
            return .date(date)
        case "timestamp": return .double(Double(dt.microseconds) / 1_000_000)
        case "weekday": return .int(dt.dayOfWeek)
        case "isoweekday": return .int(dt.dayOfWeek + 1)
        case "isocalendar": return .object(IsoCalendarDate(days: dt.fields.days))
        case "toordinal": return .int(dt.fields.days + 719_163)
        case "utcoffset":
            return dt.offsetSeconds.map { .timedelta(TemplateTimeDelta(seconds: $0)) } ?? TemplateValue.none
        case "tzname": return dt.isNaive ? TemplateValue.none : .string(dt.tzname)
        case "replace":
            let year = try a.optionalInt("year"), month = try a.optionalInt("month"), day = try a.optionalInt("day")
            let hour = try a.optionalInt("hour"), minute = try a.optionalInt("minute"), second = try a.optionalInt("second")
            let microsecond = try a.optionalInt("microsecond")
            var base = dt
            if let tz = try a.optionalValue("tzinfo") {
                guard tz == .none else { throw TemplateError(message: "replace(): Sluice supports tzinfo=None only; use in_timezone() or set(tz=)") }
                base = TemplateDateTime(microseconds: dt.localMicroseconds, offsetSeconds: nil, timeZone: nil, isPendulum: dt.isPendulum)
            }
            return .datetime(try base.setting(year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: microsecond))
        default:
            return nil
        }
    }

    /// Reads a weekday argument (0 = Monday ... 6 = Sunday) as pendulum's `WeekDay`.
    private func weekdayArgument(_ a: inout TemplateArgumentReader) throws -> Int? {
        guard let day = try a.optionalInt("day_of_week") else { return nil }
        guard (0...6).contains(day) else { throw TemplateError(message: "Invalid day of week") }
        return day
    }

    /// pendulum's own `DateTime` methods.
    func pendulumMethod(_ name: String, _ dt: TemplateDateTime, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "in_timezone", "in_tz":
            let zone = try a.timeZone("tz")
            guard dt.isNaive else { return .datetime(dt.inTimeZone(zone)) }
            // pendulum reads a naive value's wall clock in the new zone (with fold 1).
            return .datetime(TemplateDateTime(microseconds: dt.microseconds, offsetSeconds: 0, timeZone: zone).withWallClock(dt.microseconds, fold: 1))
        case "naive":
            return .datetime(TemplateDateTime(microseconds: dt.localMicroseconds, offsetSeconds: nil, timeZone: nil))
        case "format":
            let format = try a.string("fmt")
            let locale = try a.optionalString("locale") ?? "en"
            guard let formatter = PendulumFormat(locale: locale) else {
                throw TemplateError(message: "format(): Sluice knows the pendulum locales en, de, fr, es and nl, not '\(UserText.quote(locale))'")
            }
            return .string(try formatter.format(dt, format))
        case "to_date_string": return .string(dt.strftime("%Y-%m-%d"))
        case "to_time_string": return .string(dt.strftime("%H:%M:%S"))
        case "to_datetime_string": return .string(dt.strftime("%Y-%m-%d %H:%M:%S"))
        case "to_formatted_date_string": return .string(dt.strftime("%b %d, %Y"))
        case "to_day_datetime_string", "to_atom_string", "to_cookie_string", "to_rfc822_string", "to_rfc850_string",
             "to_rfc1036_string", "to_rfc1123_string", "to_rfc2822_string", "to_rss_string", "to_w3c_string":
            return .string(try PendulumFormat(locale: "en").map { try $0.format(dt, Self.pendulumStringFormats[name] ?? "") } ?? "")
        case "to_iso8601_string":
            var text = dt.isoformat
            if dt.timeZone?.name == "UTC" { text = text.replacingOccurrences(of: "+00:00", with: "Z") }
            return .string(text)
        case "to_rfc3339_string": return .string(dt.isoformat)
        case "add", "subtract":
            let sign = name == "add" ? 1 : -1
            var parts: [Int] = []
            for unit in ["years", "months", "weeks", "days"] { parts.append(try TemplateArithmetic.product(sign, try a.optionalInt(unit) ?? 0)) }
            var clock = 0
            for (unit, scale) in [("hours", 3_600_000_000), ("minutes", 60_000_000), ("seconds", 1_000_000), ("microseconds", 1)] {
                clock = try TemplateArithmetic.sum(clock, TemplateArithmetic.product(try a.optionalInt(unit) ?? 0, scale))
            }
            return .datetime(try dt.pendulumAdding(years: parts[0], months: parts[1], weeks: parts[2], days: parts[3],
                                                   clockMicroseconds: TemplateArithmetic.product(sign, clock)))
        case "set":
            var result = try dt.setting(
                year: try a.optionalInt("year"), month: try a.optionalInt("month"), day: try a.optionalInt("day"),
                hour: try a.optionalInt("hour"), minute: try a.optionalInt("minute"), second: try a.optionalInt("second"),
                microsecond: try a.optionalInt("microsecond"))
            if let tz = try a.optionalValue("tz"), tz != .none {
                var reader = TemplateArgumentReader(function: "set", positional: [tz], keywords: [])
                let zone = try reader.timeZone("tz")
                let wall = TemplateDateTime(microseconds: result.localMicroseconds, offsetSeconds: 0, timeZone: zone)
                result = wall.withWallClock(result.localMicroseconds, fold: dt.fold)
            }
            return .datetime(result)
        case "on":
            return .datetime(try dt.setting(year: try a.int("year"), month: try a.int("month"), day: try a.int("day")))
        case "at":
            return .datetime(try dt.setting(hour: try a.int("hour"), minute: try a.optionalInt("minute") ?? 0,
                                            second: try a.optionalInt("second") ?? 0, microsecond: try a.optionalInt("microsecond") ?? 0))
        case "start_of", "end_of":
            return .datetime(try dt.startOrEnd(of: try a.string("unit"), end: name == "end_of"))
        case "first_of", "last_of":
            let unit = try a.string("unit")
            return .datetime(try dt.firstOrLast(of: unit, weekday: try weekdayArgument(&a), last: name == "last_of"))
        case "nth_of":
            let unit = try a.string("unit")
            let nth = try a.int("nth")
            guard let weekday = try weekdayArgument(&a) else { throw TemplateError(message: "nth_of() is missing the argument 'day_of_week'") }
            return .datetime(try dt.nth(of: unit, nth: nth, weekday: weekday))
        case "next", "previous":
            let weekday = try weekdayArgument(&a)
            let keepTime = try a.optionalBool("keep_time") ?? false
            return .datetime(try dt.nextOrPrevious(weekday: weekday, keepTime: keepTime, previous: name == "previous"))
        case "diff":
            let other = try a.value("dt")
            guard case .datetime(let end) = other else {
                throw TemplateError(message: "diff() needs a datetime (diff() without one compares with now, which Sluice does not allow)")
            }
            let absolute = try a.optionalBool("abs") ?? true
            return .timedelta(TemplateTimeDelta(try PendulumInterval(start: dt, end: end, absolute: absolute)))
        case "is_dst": return .bool(dt.isDST)
        case "is_leap_year": return .bool(CivilCalendar.isLeapYear(dt.fields.year))
        case "is_long_year":
            let year = dt.fields.year
            return .bool(CivilCalendar.isoWeek(days: CivilCalendar.days(year: year, month: 12, day: 28)).week == 53)
        case "is_utc": return .bool(dt.offsetSeconds == 0)
        case "is_same_day":
            guard case .datetime(let other) = try a.value("dt") else { throw TemplateError(message: "is_same_day() needs a datetime") }
            return .bool(dt.calendarDate == other.calendarDate)
        case "is_anniversary", "is_birthday":
            guard case .datetime(let other) = try a.value("dt") else {
                throw TemplateError(message: "\(name)() needs a datetime (without one it compares with today, which Sluice does not allow)")
            }
            let f = dt.fields, g = other.fields
            return .bool(f.month == g.month && f.day == g.day)
        case "closest", "farthest":
            let candidates = try a.remainingPositional().map { value -> TemplateDateTime in
                guard case .datetime(let other) = value else { throw TemplateError(message: "\(name)() needs datetimes") }
                return other
            }
            let keyed = try candidates.map { other -> (Int, TemplateDateTime) in
                guard other.isNaive == dt.isNaive else { throw TemplateError(message: "can't compare offset-naive and offset-aware datetimes") }
                return (abs(dt.microseconds - other.microseconds), other)
            }
            let pick = name == "closest"
                ? keyed.min { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1.microseconds < $1.1.microseconds) }
                : keyed.max { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1.microseconds < $1.1.microseconds) }
            guard let pick else { throw TemplateError(message: "\(name)() needs at least one datetime") }
            var result = pick.1
            result.isPendulum = true
            return .datetime(result)
        case "average":
            guard case .datetime(let other) = try a.value("dt") else {
                throw TemplateError(message: "average() needs a datetime (without one it averages with now, which Sluice does not allow)")
            }
            let half = Double(other.microseconds - dt.microseconds) / 2_000_000
            let seconds = Int(half.rounded(.towardZero))
            let micros = Int(((half - Double(seconds)) * 1_000_000).rounded())
            return .datetime(try dt.adding(TemplateTimeDelta(microseconds: seconds * 1_000_000 + micros)))
        case "diff_for_humans" where !a.isEmpty:
            guard case .datetime(let other) = try a.value("other") else { throw TemplateError(message: "diff_for_humans() needs a datetime") }
            let absolute = try a.optionalBool("absolute") ?? false
            let locale = try a.optionalString("locale") ?? "en"
            guard locale == "en" else { throw TemplateError(message: "diff_for_humans(): Sluice knows the locale 'en' only, not '\(UserText.quote(locale))'") }
            return .string(try PendulumInterval(start: dt, end: other, absolute: true).forHumans(relativeToNow: false, absolute: absolute))
        case "is_past", "is_future", "age", "diff_for_humans", "is_today", "is_yesterday", "is_tomorrow":
            throw TemplateError(message: "\(name)() compares with the current time, so its answer changes from run to run: Sluice does not allow it in templates")
        default:
            return nil
        }
    }

    static let pendulumStringFormats: [String: String] = [
        "to_day_datetime_string": "ddd, MMM D, YYYY h:mm A", "to_atom_string": "YYYY-MM-DDTHH:mm:ssZ",
        "to_cookie_string": "dddd, DD-MMM-YYYY HH:mm:ss zz", "to_rfc822_string": "ddd, DD MMM YY HH:mm:ss ZZ",
        "to_rfc850_string": "dddd, DD-MMM-YY HH:mm:ss zz", "to_rfc1036_string": "ddd, DD MMM YY HH:mm:ss ZZ",
        "to_rfc1123_string": "ddd, DD MMM YYYY HH:mm:ss ZZ", "to_rfc2822_string": "ddd, DD MMM YYYY HH:mm:ss ZZ",
        "to_rss_string": "ddd, DD MMM YYYY HH:mm:ss ZZ", "to_w3c_string": "YYYY-MM-DDTHH:mm:ssZ",
    ]

    /// The methods of pendulum's `Date` that work as its DateTime's do, on midnight.
    private static let pendulumDateMethods: Set = [
        "add", "subtract", "start_of", "end_of", "first_of", "last_of", "nth_of", "next", "previous", "format",
        "is_leap_year", "is_long_year", "to_formatted_date_string", "is_past", "is_future", "age", "diff_for_humans",
    ]

    func dateMethod(_ name: String, _ d: TemplateDate, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        if d.isPendulum, Self.pendulumDateMethods.contains(name) {
            guard let result = try pendulumMethod(name, d.pendulumMidnight, &a) else { return nil }
            guard case .datetime(let dt) = result else { return result }
            var date = dt.calendarDate
            date.isPendulum = true
            return .date(date)
        }
        switch name {
        case "strftime": return .string(d.midnight.strftime(try a.string("format")))
        case "isoformat", "to_date_string": return .string(d.description)
        case "weekday": return .int(CivilCalendar.weekday(days: d.daysSinceEpoch))
        case "isoweekday": return .int(CivilCalendar.weekday(days: d.daysSinceEpoch) + 1)
        case "toordinal": return .int(d.daysSinceEpoch + 719_163)
        case "isocalendar": return .object(IsoCalendarDate(days: d.daysSinceEpoch))
        case "replace":
            guard let date = TemplateDate(year: try a.optionalInt("year") ?? d.year, month: try a.optionalInt("month") ?? d.month,
                                          day: try a.optionalInt("day") ?? d.day) else {
                throw TemplateError(message: "replace() gives a date that does not exist")
            }
            return .date(date)
        default: return nil
        }
    }

    func timedeltaMethod(_ name: String, _ t: TemplateTimeDelta, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        if let interval = t.interval, let result = try interval.method(name, &a) { return result }
        if t.isPendulumDuration, let result = try PendulumDuration(microseconds: t.microseconds).method(name, &a) { return result }
        switch name {
        case "total_seconds": return .double(t.totalSeconds)
        default: return nil
        }
    }
}

/// Python's `datetime.IsoCalendarDate` (what `isocalendar()` gives): `year`, `week` and `weekday`.
struct IsoCalendarDate: TemplateMemberObject, Equatable {
    var year: Int, week: Int, weekday: Int

    init(days: Int) {
        (year, week) = CivilCalendar.isoWeek(days: days)
        weekday = CivilCalendar.weekday(days: days) + 1
    }

    var typeName: String { "IsoCalendarDate" }
    func appendText(to out: inout String) { out += "datetime.IsoCalendarDate(year=\(year), week=\(week), weekday=\(weekday))" }
    func isEqual(to other: any TemplateObject) -> Bool { (other as? IsoCalendarDate) == self }
    func attribute(_ name: String) throws -> TemplateValue? {
        switch name {
        case "year": return .int(year)
        case "week": return .int(week)
        case "weekday": return .int(weekday)
        default: return nil
        }
    }
}
