import SluiceCore

/// The functions of Airflow's `macros` module that templates use: `ds_add`, `ds_format`,
/// `datetime` and `timedelta`. Python modules Airflow also exposes there (`time`, `uuid`,
/// `random`, `json`, `dateutil`) are deliberately absent: their results are not reproducible.
enum AirflowMacros {
    static let all: TemplateDictionary = {
        var d = TemplateDictionary()
        for function in [dsAdd, dsFormat, datetime, timedelta] { d[function.name] = .function(function) }
        return d
    }()

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

    /// `ds_format('2021-01-15', '%Y-%m-%d', '%Y/%m/%d')` gives `2021/01/15`.
    static let dsFormat = TemplateFunction(name: "ds_format") { positional, keywords in
        var a = TemplateArgumentReader(function: "ds_format", positional: positional, keywords: keywords)
        let ds = try a.value("ds").text
        let input = try a.string("input_format")
        let output = try a.string("output_format")
        try a.finish()
        guard let parsed = TemplateDateTime.strptime(ds, format: input) else {
            throw TemplateError(message: "time data '\(UserText.quote(ds))' does not match format '\(UserText.quote(input))'")
        }
        return .string(parsed.strftime(output))
    }

    /// `datetime(2021, 1, 1)`: a naive datetime, or an aware one with `tzinfo=`.
    static let datetime = TemplateFunction(name: "datetime") { positional, keywords in
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
        guard let naive = TemplateDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: microsecond) else {
            throw TemplateError(message: "\(year)-\(month)-\(day) \(hour):\(minute):\(second) is not a valid date and time")
        }
        guard let zone else { return .datetime(naive) }
        let offset = zone.offsetSeconds(forWallClockMicroseconds: naive.microseconds)
        return .datetime(try TemplateArithmetic.checked(TemplateDateTime(microseconds: naive.microseconds - offset * 1_000_000, offsetSeconds: offset, timeZone: zone)))
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
}
