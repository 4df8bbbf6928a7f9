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
            do {
                return try datetimeAttribute(name, dt)
            } catch let error as TemplateError {
                throw RenderFailure(offset: at, message: error.message)
            }
        case .date(let d):
            switch name {
            case "year": return .int(d.year)
            case "month": return .int(d.month)
            case "day": return .int(d.day)
            default:
                // A pendulum Date has the calendar attributes of a pendulum DateTime.
                let dateAttributes: Set = ["day_of_week", "day_of_year", "days_in_month", "week_of_year", "week_of_month", "quarter"]
                guard d.isPendulum, dateAttributes.contains(name) else { return nil }
                return try? datetimeAttribute(name, d.pendulumMidnight)
            }
        case .timedelta(let t):
            if let interval = t.interval { return interval.attribute(name) }
            if t.isPendulumDuration { return PendulumDuration(microseconds: t.microseconds).attribute(name) }
            switch name {
            case "days": return .int(t.days)
            case "seconds": return .int(t.seconds)
            case "microseconds": return .int(t.microsecondPart)
            default: return nil
            }
        case .function(let f):
            if case .macro(let macro)? = f.callable {
                // Jinja's Macro object: its name, parameter names and what it collects.
                let definition = macro.definition
                switch name {
                case "name": return .string(definition.name)
                case "arguments": return .tuple(definition.parameters.map { .string($0) })
                case "catch_kwargs": return .bool(definition.catchesKwargs)
                case "catch_varargs": return .bool(definition.catchesVarargs)
                case "caller": return .bool(definition.acceptsCaller)
                default: return nil
                }
            }
            do {
                return try (f.object as? any TemplateMemberObject)?.attribute(name)
            } catch let error as TemplateError {
                throw RenderFailure(offset: at, message: error.message)
            }
        case .object(let o):
            do {
                return try (o as? any TemplateMemberObject)?.attribute(name)
            } catch let error as TemplateError {
                throw RenderFailure(offset: at, message: error.message)
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
            case .object(let o): result = try objectMethod(name, o, &arguments)
            case .function(let f): result = try f.object.map { try objectMethod(name, $0, &arguments) } ?? nil
            case .namespace(let n):
                // A cycler's next() and reset().
                if case .function(let f)? = n.attributes[name] {
                    let (positional, keywords) = arguments.takeAll()
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

    /// A method of a `TemplateObject`, or an attribute of it that is a function (`macros.datetime.strptime`).
    private func objectMethod(_ name: String, _ object: any TemplateObject, _ arguments: inout TemplateArgumentReader) throws -> TemplateValue? {
        guard let o = object as? any TemplateMemberObject else { return nil }
        if let result = try o.callMethod(name, &arguments) { return result }
        guard case .function(let f)? = try o.attribute(name) else { return nil }
        let (positional, keywords) = arguments.takeAll()
        return try f.body(positional, keywords)
    }

    /// The attributes of Python's `datetime` and, for pendulum values, pendulum's `DateTime`.
    private func datetimeAttribute(_ name: String, _ dt: TemplateDateTime) throws -> TemplateValue? {
        let f = dt.fields
        switch name {
        case "year": return .int(f.year)
        case "month": return .int(f.month)
        case "day": return .int(f.day)
        case "hour": return .int(f.hour)
        case "minute": return .int(f.minute)
        case "second": return .int(f.second)
        case "microsecond": return .int(f.microsecond)
        case "tzinfo":
            if let zone = dt.timeZone { return .timezone(zone) }
            return TemplateValue.none
        default: break
        }
        guard dt.isPendulum else { return nil }
        switch name {
        case "day_of_week": return .int(dt.dayOfWeek)
        case "day_of_year": return .int(dt.dayOfYear)
        case "days_in_month": return .int(CivilCalendar.daysInMonth(year: f.year, month: f.month))
        case "week_of_year": return .int(dt.weekOfYear)
        case "week_of_month": return .int(dt.weekOfMonth)
        case "quarter": return .int(dt.quarter)
        case "int_timestamp": return try naiveTimestampCheck(dt, .int(dt.intTimestamp))
        case "float_timestamp": return try naiveTimestampCheck(dt, .double(Double(dt.microseconds) / 1_000_000))
        case "offset": return dt.offsetSeconds.map { .int($0) } ?? TemplateValue.none
        case "offset_hours": return dt.offsetSeconds.map { .double(Double($0) / 3600) } ?? TemplateValue.none
        case "tz", "timezone":
            if let zone = dt.timeZone { return .timezone(zone) }
            return TemplateValue.none
        case "timezone_name": return dt.timeZone.map { .string($0.name) } ?? TemplateValue.none
        default: return nil
        }
    }

    /// pendulum's timestamps of a naive value fail in Python (a naive minus the aware epoch).
    private func naiveTimestampCheck(_ dt: TemplateDateTime, _ value: TemplateValue) throws -> TemplateValue {
        guard !dt.isNaive else { throw TemplateError(message: "can't subtract offset-naive and offset-aware datetimes (a naive datetime has no timestamp)") }
        return value
    }
}
