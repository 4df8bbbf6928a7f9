/// The methods of datetimes, dates and timedeltas (Python's and pendulum's) that templates call.
extension TemplateRenderer {
    func datetimeMethod(_ name: String, _ dt: TemplateDateTime, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "strftime":
            return .string(dt.strftime(try a.string("format")))
        case "isoformat":
            let separator = try a.optionalString("sep") ?? "T"
            var out = ""
            dt.appendISO(separator: separator, to: &out)
            return .string(out)
        case "in_timezone", "in_tz", "astimezone":
            return .datetime(dt.inTimeZone(try a.timeZone("tz")))
        case "date": return .date(dt.calendarDate)
        case "naive":
            return .datetime(TemplateDateTime(microseconds: dt.localMicroseconds, offsetSeconds: nil, timeZone: nil))
        case "timestamp": return .double(Double(dt.microseconds) / 1_000_000)
        case "weekday": return .int(CivilCalendar.weekday(days: dt.fields.days))
        case "isoweekday": return .int(CivilCalendar.weekday(days: dt.fields.days) + 1)
        case "to_date_string": return .string(dt.strftime("%Y-%m-%d"))
        case "to_datetime_string": return .string(dt.strftime("%Y-%m-%d %H:%M:%S"))
        case "to_iso8601_string": return .string(dt.isoformat)
        case "add", "subtract":
            let sign = name == "add" ? 1 : -1
            let years = try a.optionalInt("years") ?? 0
            let months = try a.optionalInt("months") ?? 0
            let weeks = try a.optionalInt("weeks") ?? 0
            let days = try a.optionalInt("days") ?? 0
            let clockParts = [(try a.optionalInt("hours") ?? 0, 3_600_000_000), (try a.optionalInt("minutes") ?? 0, 60_000_000),
                              (try a.optionalInt("seconds") ?? 0, 1_000_000), (try a.optionalInt("microseconds") ?? 0, 1)]
            var clock = 0
            for (amount, scale) in clockParts { clock = try TemplateArithmetic.sum(clock, TemplateArithmetic.product(amount, scale)) }
            var result = dt
            if years != 0 || months != 0 {
                result = try result.addingMonths(TemplateArithmetic.product(sign, TemplateArithmetic.sum(TemplateArithmetic.product(years, 12), months)))
            }
            if weeks != 0 || days != 0 {
                result = try result.addingDays(TemplateArithmetic.product(sign, TemplateArithmetic.sum(TemplateArithmetic.product(weeks, 7), days)))
            }
            if clock != 0 { result = try result.adding(TemplateTimeDelta(microseconds: TemplateArithmetic.product(sign, clock))) }
            return .datetime(result)
        case "replace":
            let f = dt.fields
            guard let wall = TemplateDateTime(
                year: try a.optionalInt("year") ?? f.year, month: try a.optionalInt("month") ?? f.month,
                day: try a.optionalInt("day") ?? f.day, hour: try a.optionalInt("hour") ?? f.hour,
                minute: try a.optionalInt("minute") ?? f.minute, second: try a.optionalInt("second") ?? f.second,
                microsecond: try a.optionalInt("microsecond") ?? f.microsecond) else {
                throw TemplateError(message: "replace() gives a date or time that does not exist")
            }
            return .datetime(dt.withWallClock(wall.microseconds))
        case "start_of", "end_of":
            let unit = try a.string("unit")
            let f = dt.fields
            let start: TemplateDateTime?
            var next: TemplateDateTime?
            switch unit {
            case "day":
                start = TemplateDateTime(year: f.year, month: f.month, day: f.day)
                next = try start.map { try $0.addingDays(1) }
            case "hour":
                start = TemplateDateTime(year: f.year, month: f.month, day: f.day, hour: f.hour)
                next = try start.map { try $0.adding(TemplateTimeDelta(microseconds: 3_600_000_000)) }
            case "month":
                start = TemplateDateTime(year: f.year, month: f.month, day: 1)
                next = try start.map { try $0.addingMonths(1) }
            case "year":
                start = TemplateDateTime(year: f.year, month: 1, day: 1)
                next = try start.map { try $0.addingMonths(12) }
            default:
                throw TemplateError(message: "\(name)() knows the units 'hour', 'day', 'month' and 'year', not '\(unit)'")
            }
            guard var wall = name == "start_of" ? start : next else { return nil }
            if name == "end_of" { wall = try wall.adding(TemplateTimeDelta(microseconds: -1)) }
            return .datetime(dt.withWallClock(wall.microseconds))
        default:
            return nil
        }
    }

    func dateMethod(_ name: String, _ d: TemplateDate, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "strftime": return .string(d.midnight.strftime(try a.string("format")))
        case "isoformat", "to_date_string": return .string(d.description)
        case "weekday": return .int(CivilCalendar.weekday(days: d.daysSinceEpoch))
        case "isoweekday": return .int(CivilCalendar.weekday(days: d.daysSinceEpoch) + 1)
        default: return nil
        }
    }

    func timedeltaMethod(_ name: String, _ t: TemplateTimeDelta, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "total_seconds": return .double(t.totalSeconds)
        default: return nil
        }
    }
}
