import SluiceCore

extension TemplateRenderer {
    /// An attribute of a value (`params.table`, `logical_date.year`); nil when it has none.
    func attribute(_ identifier: TemplateIdentifier, of object: TemplateValue, at: Int) throws -> TemplateValue? {
        let name = identifier.text
        switch object {
        case .dict(let d):
            return d.value(forKey: name, hash: identifier.hash) ?? PythonMethods.bound(name, of: object)
        case .string:
            return PythonMethods.bound(name, of: object)
        case .list(let items), .tuple(let items):
            // `x.1` is `x[1]` in Jinja.
            if let index = Int(name), name.allSatisfy(\.isASCII), index >= 0 { return items.indices.contains(index) ? items[index] : nil }
            // groupby's items are named tuples (grouper, list).
            if case .tuple = object, items.count == 2, name == "grouper" || name == "list" { return items[name == "grouper" ? 0 : 1] }
            return PythonMethods.bound(name, of: object)
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
            case .timedelta(let t): result = try timedeltaMethod(name, t, &arguments)
            case .string(let s): result = try stringMethod(name, s, &arguments)
            case .dict(let d): result = try dictMethod(name, d, &arguments)
            case .list(let items), .tuple(let items): result = try sequenceMethod(name, items, &arguments)
            case .namespace(let n):
                // A cycler's next() and reset().
                if case .function(let f)? = n.attributes[name] {
                    let (positional, keywords) = arguments.remaining()
                    result = try f.body(positional, keywords)
                } else {
                    result = nil
                }
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
}
