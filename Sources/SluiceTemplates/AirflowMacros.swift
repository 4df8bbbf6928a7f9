import SluiceCore

/// Airflow's `macros` namespace (`airflow.sdk.execution_time.macros`): `ds_add`, `ds_format`,
/// `ds_format_locale`, `datetime_diff_for_humans`, Python's `datetime` and `timedelta`, dateutil's
/// `relativedelta` and `parser`, and `json`. The modules whose answers change from run to run (`random`,
/// `time`, `uuid`) exist, so `is defined` holds as in Airflow, but calling into them is an error.
enum AirflowMacros {
    static let all: TemplateDictionary = {
        var d = TemplateDictionary()
        for function in [dsAdd, dsFormat, dsFormatLocale, datetimeDiffForHumans, datetime, timedelta] { d[function.name] = .function(function) }
        d["dateutil"] = .dict(dateutil)
        d["json"] = .dict(json)
        d["random"] = .function(nonDeterministic("random"))
        d["time"] = .dict(module("time", ["time", "time_ns", "monotonic", "perf_counter", "localtime", "gmtime", "ctime", "sleep"]))
        d["uuid"] = .dict(module("uuid", ["uuid1", "uuid4"]))
        return d
    }()

    /// A function whose result changes from run to run: calling it is an error.
    static func nonDeterministic(_ name: String) -> TemplateFunction {
        TemplateFunction(name: name) { _, _ in
            throw TemplateError(message: "its answer changes from run to run, so the SQL would not be reproducible: Sluice does not allow it in templates")
        }
    }

    private static func module(_ name: String, _ functions: [String]) -> TemplateDictionary {
        var d = TemplateDictionary()
        for function in functions { d[function] = .function(nonDeterministic("\(name).\(function)")) }
        return d
    }

    /// `ds_add('2021-01-15', -1)` gives `2021-01-14`.
    static let dsAdd = TemplateFunction(name: "ds_add") { positional, keywords in
        var a = TemplateArgumentReader(function: "ds_add", positional: positional, keywords: keywords)
        let dsValue = try a.value("ds")
        let days = try a.int("days")
        try a.finish()
        let ds = dsValue.text
        if days == 0 { return .string(ds) }
        guard let day = TemplateDateTime.parseDayStamp(ds) else {
            throw TemplateError(message: "time data '\(UserText.quote(ds))' does not match format '%Y-%m-%d'")
        }
        return .string(try TemplateArithmetic.date(days: TemplateArithmetic.sum(day, days)).description)
    }

    /// `datetime.strptime(text, format)`, as a plain Python datetime.
    static func strptime(_ text: String, _ format: String) throws -> TemplateDateTime {
        guard var parsed = TemplateDateTime.strptime(text, format: format) else {
            throw TemplateError(message: "time data '\(UserText.quote(text))' does not match format '\(UserText.quote(format))'")
        }
        parsed.isPendulum = false
        return parsed
    }

    /// `ds_format('2021-01-15', '%Y-%m-%d', '%Y/%m/%d')` gives `2021/01/15`.
    static let dsFormat = TemplateFunction(name: "ds_format") { positional, keywords in
        var a = TemplateArgumentReader(function: "ds_format", positional: positional, keywords: keywords)
        let ds = try a.value("ds").text
        let input = try a.string("input_format")
        let output = try a.string("output_format")
        try a.finish()
        return .string(try strptime(ds, input).strftime(output))
    }

    /// `ds_format_locale(ds, '%Y-%m-%d', 'EEEE dd MMMM', 'de_DE')`: Babel's date pattern in a locale.
    static let dsFormatLocale = TemplateFunction(name: "ds_format_locale") { positional, keywords in
        var a = TemplateArgumentReader(function: "ds_format_locale", positional: positional, keywords: keywords)
        let ds = try a.value("ds").text
        let input = try a.string("input_format")
        let output = try a.string("output_format")
        let locale = try a.optionalString("locale") ?? "en_US"
        try a.finish()
        return .string(try BabelDateFormat(locale: locale).format(try strptime(ds, input), output))
    }

    /// `datetime_diff_for_humans(dt, since)`: pendulum's `diff_for_humans` between two datetimes
    /// (`3 days after`). Without `since` it compares with now, which is an error.
    static let datetimeDiffForHumans = TemplateFunction(name: "datetime_diff_for_humans") { positional, keywords in
        var a = TemplateArgumentReader(function: "datetime_diff_for_humans", positional: positional, keywords: keywords)
        let dtValue = try a.value("dt")
        let since = try a.optionalValue("since") ?? .none
        try a.finish()
        guard case .datetime(let dt) = dtValue else { throw TemplateError(message: "needs a datetime, not a '\(dtValue.typeName)'") }
        guard case .datetime(let other) = since else {
            throw TemplateError(message: "without 'since' it compares with the current time, so its answer changes from run to run: pass since=")
        }
        return .string(try PendulumInterval(start: dt, end: other, absolute: true).forHumans(relativeToNow: false))
    }

    /// `datetime(2021, 1, 1)`: a naive datetime, or an aware one with `tzinfo=`; its attributes
    /// `strptime` and `fromisoformat` parse text.
    static let datetime = TemplateFunction(name: "datetime", object: PythonDatetimeClass()) { positional, keywords in
        var a = TemplateArgumentReader(function: "datetime", positional: positional, keywords: keywords)
        let year = try a.int("year"), month = try a.int("month"), day = try a.int("day")
        let hour = try a.optionalInt("hour") ?? 0, minute = try a.optionalInt("minute") ?? 0
        let second = try a.optionalInt("second") ?? 0, microsecond = try a.optionalInt("microsecond") ?? 0
        let zone: TemplateTimeZone?
        if let tz = try a.optionalValue("tzinfo"), tz != .none {
            var reader = TemplateArgumentReader(function: "datetime", positional: [tz], keywords: [])
            zone = try reader.timeZone("tzinfo")
        } else {
            zone = nil
        }
        try a.finish()
        guard var naive = TemplateDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: microsecond) else {
            throw TemplateError(message: "\(year)-\(month)-\(day) \(hour):\(minute):\(second) is not a valid date and time")
        }
        naive.isPendulum = false
        guard let zone else { return .datetime(naive) }
        let offset = zone.offsetSeconds(forWallClockMicroseconds: naive.microseconds)
        return .datetime(try TemplateArithmetic.checked(TemplateDateTime(microseconds: naive.microseconds - offset * 1_000_000, offsetSeconds: offset,
                                                                         timeZone: zone, isPendulum: false)))
    }

    /// `timedelta(days=1, hours=2)`, Python's argument order: days, seconds, microseconds,
    /// milliseconds, minutes, hours, weeks.
    static let timedelta = TemplateFunction(name: "timedelta") { positional, keywords in
        var a = TemplateArgumentReader(function: "timedelta", positional: positional, keywords: keywords)
        let units: [(String, Double)] = [("days", 86_400e6), ("seconds", 1e6), ("microseconds", 1), ("milliseconds", 1e3),
                                         ("minutes", 60e6), ("hours", 3_600e6), ("weeks", 604_800e6)]
        var total = 0
        for (name, scale) in units {
            guard let v = try a.optionalValue(name) else { continue }
            switch v {
            case .int(let i):
                let (product, overflow) = i.multipliedReportingOverflow(by: Int(scale))
                let (sum, overflow2) = total.addingReportingOverflow(product)
                guard !overflow, !overflow2 else { throw TemplateError(message: "the duration is too long") }
                total = sum
            case .double(let d):
                let micros = (d * scale).rounded(.toNearestOrEven)
                guard micros.isFinite, abs(micros) < 9e18 else { throw TemplateError(message: "the duration is too long") }
                total = try TemplateArithmetic.sum(total, Int(micros))
            default:
                throw TemplateError(message: "timedelta() needs numbers, not a '\(v.typeName)' for '\(UserText.quote(name))'")
            }
        }
        try a.finish()
        return .timedelta(try TemplateArithmetic.timedelta(microseconds: total))
    }

    /// `macros.dateutil`: the `relativedelta` and `parser` modules.
    static let dateutil: TemplateDictionary = {
        var relativedeltaModule = TemplateDictionary()
        relativedeltaModule["relativedelta"] = .function(relativedelta)
        for (index, name) in DateutilWeekday.names.enumerated() {
            relativedeltaModule[name] = .function(DateutilWeekday(weekday: index, n: nil).function)
        }
        var parser = TemplateDictionary()
        parser["parse"] = .function(TemplateFunction(name: "parse") { positional, keywords in
            var a = TemplateArgumentReader(function: "parse", positional: positional, keywords: keywords)
            let text = try a.string("timestr")
            try a.finish()
            return .datetime(try DateutilParser.parse(text))
        })
        parser["isoparse"] = parser["parse"]
        var d = TemplateDictionary()
        d["relativedelta"] = .dict(relativedeltaModule)
        d["parser"] = .dict(parser)
        return d
    }()

    /// `relativedelta(years=..., months=..., day=..., weekday=FR(-1))` or `relativedelta(dt1, dt2)`.
    static let relativedelta = TemplateFunction(name: "relativedelta") { positional, keywords in
        var a = TemplateArgumentReader(function: "relativedelta", positional: positional, keywords: keywords)
        let dt1 = try a.optionalValue("dt1"), dt2 = try a.optionalValue("dt2")
        if let dt1, let dt2, dt1.isTruthy, dt2.isTruthy {
            try a.finish()
            func datetime(_ v: TemplateValue) throws -> TemplateDateTime {
                switch v {
                case .datetime(let dt): return dt
                case .date(let d): return d.midnight
                default: throw TemplateError(message: "relativedelta only diffs datetime/date")
                }
            }
            return .object(try TemplateRelativeDelta.between(try datetime(dt1), try datetime(dt2)))
        }
        var r = TemplateRelativeDelta()
        r.years = try a.optionalInt("years") ?? 0
        r.months = try a.optionalInt("months") ?? 0
        r.days = try a.optionalInt("days") ?? 0
        r.leapdays = try a.optionalInt("leapdays") ?? 0
        r.days = try TemplateArithmetic.sum(r.days, TemplateArithmetic.product(try a.optionalInt("weeks") ?? 0, 7))
        r.hours = try a.optionalInt("hours") ?? 0
        r.minutes = try a.optionalInt("minutes") ?? 0
        r.seconds = try a.optionalInt("seconds") ?? 0
        r.microseconds = try a.optionalInt("microseconds") ?? 0
        r.year = try a.optionalInt("year")
        r.month = try a.optionalInt("month")
        r.day = try a.optionalInt("day")
        if let weekday = try a.optionalValue("weekday") {
            switch weekday {
            case .none: break
            case .int(let i) where (0...6).contains(i): r.weekday = DateutilWeekday(weekday: i, n: nil)
            case .function(let f) where f.object is DateutilWeekdayObject:
                r.weekday = (f.object as? DateutilWeekdayObject)?.value
            default: throw TemplateError(message: "weekday must be one of MO ... SU (or 0 to 6), not a '\(weekday.typeName)'")
            }
        }
        for unit in ["yearday", "nlyearday"] where try a.optionalValue(unit) != nil {
            throw TemplateError(message: "Sluice does not support relativedelta's '\(unit)'; use month= and day=")
        }
        r.hour = try a.optionalInt("hour")
        r.minute = try a.optionalInt("minute")
        r.second = try a.optionalInt("second")
        r.microsecond = try a.optionalInt("microsecond")
        try a.finish()
        try r.normalize()
        return .object(r)
    }

    /// `macros.json`: `dumps` and `loads`, which are deterministic.
    static let json: TemplateDictionary = {
        var d = TemplateDictionary()
        d["loads"] = .function(TemplateFunction(name: "loads") { positional, keywords in
            var a = TemplateArgumentReader(function: "loads", positional: positional, keywords: keywords)
            let text = try a.string("s")
            try a.finish()
            return try TemplateJSON.parse(text)
        })
        d["dumps"] = .function(TemplateFunction(name: "dumps") { positional, keywords in
            var a = TemplateArgumentReader(function: "dumps", positional: positional, keywords: keywords)
            let value = try a.value("obj")
            let sortKeys = try a.optionalBool("sort_keys") ?? false
            try a.finish()
            return .string(try TemplateJSON.dumps(value, sortKeys: sortKeys))
        })
        return d
    }()
}

/// Python's `datetime` class as `macros.datetime`: callable, with `strptime` and `fromisoformat`.
struct PythonDatetimeClass: TemplateMemberObject {
    var typeName: String { "type" }
    func appendText(to out: inout String) { out += "<class 'datetime.datetime'>" }
    func isEqual(to other: any TemplateObject) -> Bool { other is PythonDatetimeClass }

    func attribute(_ name: String) throws -> TemplateValue? {
        switch name {
        case "strptime":
            return .function(TemplateFunction(name: "strptime") { positional, keywords in
                var a = TemplateArgumentReader(function: "strptime", positional: positional, keywords: keywords)
                let text = try a.string("date_string"), format = try a.string("format")
                try a.finish()
                return .datetime(try AirflowMacros.strptime(text, format))
            })
        case "fromisoformat":
            return .function(TemplateFunction(name: "fromisoformat") { positional, keywords in
                var a = TemplateArgumentReader(function: "fromisoformat", positional: positional, keywords: keywords)
                let text = try a.string("date_string")
                try a.finish()
                guard let parsed = DateutilParser.iso(text) else { throw TemplateError(message: "Invalid isoformat string: '\(UserText.quote(text))'") }
                return .datetime(parsed)
            })
        case "now", "utcnow", "today":
            return .function(AirflowMacros.nonDeterministic("datetime.\(name)"))
        default:
            return nil
        }
    }
}
