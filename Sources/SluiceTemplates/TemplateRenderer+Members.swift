import SluiceCore

extension TemplateRenderer {
    /// An attribute of a value (`params.table`, `logical_date.year`); nil when it has none.
    func attribute(_ identifier: TemplateIdentifier, of object: TemplateValue, at: Int) throws -> TemplateValue? {
        let name = identifier.text
        switch object {
        case .dict(let d):
            return d.value(forKey: name, hash: identifier.hash)
        case .datetime(let dt):
            let f = dt.fields
            switch name {
            case "year": return .int(f.year)
            case "month": return .int(f.month)
            case "day": return .int(f.day)
            case "hour": return .int(f.hour)
            case "minute": return .int(f.minute)
            case "second": return .int(f.second)
            case "microsecond": return .int(f.microsecond)
            case "day_of_year": return .int(f.days - CivilCalendar.days(year: f.year, month: 1, day: 1) + 1)
            case "days_in_month": return .int(CivilCalendar.daysInMonth(year: f.year, month: f.month))
            case "int_timestamp": return .int(CivilCalendar.floorDiv(dt.microseconds, CivilCalendar.microsecondsPerSecond))
            case "offset": return dt.offsetSeconds.map { .int($0) } ?? TemplateValue.none
            case "tzinfo", "tz", "timezone":
                if let zone = dt.timeZone { return .timezone(zone) }
                return TemplateValue.none
            case "timezone_name", "tzname": return dt.timeZone.map { .string($0.name) } ?? TemplateValue.none
            default: return nil
            }
        case .date(let d):
            switch name {
            case "year": return .int(d.year)
            case "month": return .int(d.month)
            case "day": return .int(d.day)
            default: return nil
            }
        case .timedelta(let t):
            switch name {
            case "days": return .int(t.days)
            case "seconds": return .int(t.seconds)
            case "microseconds": return .int(t.microsecondPart)
            default: return nil
            }
        case .timezone(let z):
            return name == "name" ? .string(z.name) : nil
        case .namespace(let n):
            return n.attributes.value(forKey: name, hash: identifier.hash)
        default:
            return nil
        }
    }

    /// `receiver.name(args)` for the methods of Python and pendulum values that templates use.
    func callMethod(_ name: String, on receiver: TemplateValue, _ args: [TemplateValue], _ keywords: [(String, TemplateValue)],
                    at: Int, describing base: TemplateExpression) throws -> TemplateValue {
        var arguments = TemplateArgumentReader(function: name, positional: args, keywords: keywords)
        let result: TemplateValue?
        do {
            switch receiver {
            case .datetime(let dt): result = try datetimeMethod(name, dt, &arguments)
            case .date(let d): result = try dateMethod(name, d, &arguments)
            case .timedelta(let t):
                result = name == "total_seconds" ? .double(t.totalSeconds) : nil
            case .string(let s): result = try stringMethod(name, s, &arguments)
            case .dict(let d): result = try dictMethod(name, d, &arguments)
            default: result = nil
            }
            if result != nil { try arguments.finish() }
        } catch let error as TemplateError {
            throw RenderFailure(offset: at, message: error.message)
        }
        guard let result else {
            if try attribute(TemplateIdentifier(name), of: receiver, at: at) != nil {
                throw RenderFailure(offset: at, message: "'\(UserText.quote(name))' of \(describe(base, receiver)) is not a method")
            }
            let owner = base.path.map { "'\(UserText.quote($0))', a '\(receiver.typeName)'" } ?? "a '\(receiver.typeName)'"
            throw RenderFailure(offset: at, message: "unsupported method '\(UserText.quote(name))' on \(owner): Sluice does not know this method")
        }
        return result
    }

    private func datetimeMethod(_ name: String, _ dt: TemplateDateTime, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
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

    private func dateMethod(_ name: String, _ d: TemplateDate, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "strftime": return .string(d.midnight.strftime(try a.string("format")))
        case "isoformat", "to_date_string": return .string(d.description)
        case "weekday": return .int(CivilCalendar.weekday(days: d.daysSinceEpoch))
        case "isoweekday": return .int(CivilCalendar.weekday(days: d.daysSinceEpoch) + 1)
        default: return nil
        }
    }

    private func stringMethod(_ name: String, _ s: String, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "upper": return .string(s.uppercased())
        case "lower": return .string(s.lowercased())
        case "strip": return .string(TemplateText.strip(s, characters: try a.optionalString("chars"), leading: true, trailing: true))
        case "lstrip": return .string(TemplateText.strip(s, characters: try a.optionalString("chars"), leading: true, trailing: false))
        case "rstrip": return .string(TemplateText.strip(s, characters: try a.optionalString("chars"), leading: false, trailing: true))
        case "replace":
            let old = try a.string("old"), new = try a.string("new")
            return .string(try TemplateText.replace(s, old, new, count: try a.optionalInt("count")))
        case "startswith": return .bool(s.hasPrefix(try a.string("prefix")))
        case "endswith": return .bool(s.hasSuffix(try a.string("suffix")))
        case "split":
            let separator = try a.optionalString("sep")
            let parts = TemplateText.split(s, separator: separator)
            try TemplateArithmetic.checkItems(parts.count)
            return .list(parts.map { .string($0) })
        case "title": return .string(TemplateText.title(s))
        case "capitalize": return .string(TemplateText.capitalize(s))
        case "join":
            let items = try a.value("iterable")
            guard let list = items.sequenceItems else { throw TemplateError(message: "join() needs a list or a tuple") }
            let texts = list.map(\.text)
            try TemplateArithmetic.checkLength(texts.reduce(s.utf8.count * texts.count) { $0 + $1.utf8.count })
            return .string(texts.joined(separator: s))
        default: return nil
        }
    }

    private func dictMethod(_ name: String, _ d: TemplateDictionary, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "items": return .list(d.keys.map { .tuple([.string($0), d[$0] ?? .none]) })
        case "keys": return .list(d.keys.map { .string($0) })
        case "values": return .list(d.values)
        case "get":
            let key = try a.value("key")
            let fallback = try a.optionalValue("default") ?? .none
            return d[key.text] ?? fallback
        default: return nil
        }
    }
}
