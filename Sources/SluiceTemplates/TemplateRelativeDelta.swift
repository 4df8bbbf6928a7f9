import SluiceCore

/// dateutil's `relativedelta` (`macros.dateutil.relativedelta.relativedelta(months=1, day=31)`):
/// relative parts (plural names) that are added, absolute parts (singular names) that replace a
/// field, and a weekday to move to, applied to datetimes and dates as dateutil 2.9 applies them.
struct TemplateRelativeDelta: TemplateMemberObject, Equatable {
    var years = 0, months = 0, days = 0, leapdays = 0
    var hours = 0, minutes = 0, seconds = 0, microseconds = 0
    var year: Int?, month: Int?, day: Int?
    var weekday: DateutilWeekday?
    var hour: Int?, minute: Int?, second: Int?, microsecond: Int?

    var typeName: String { "relativedelta" }

    /// The relative parts in `repr` order.
    private var relativeParts: [(String, Int)] {
        [("years", years), ("months", months), ("days", days), ("leapdays", leapdays),
         ("hours", hours), ("minutes", minutes), ("seconds", seconds), ("microseconds", microseconds)]
    }

    /// Whether the delta has a time of day part (dateutil's `_has_time`): adding it to a date gives a datetime.
    var hasTime: Bool {
        hours != 0 || minutes != 0 || seconds != 0 || microseconds != 0 || hour != nil || minute != nil || second != nil || microsecond != nil
    }

    var isTruthy: Bool {
        relativeParts.contains { $0.1 != 0 } || year != nil || month != nil || day != nil || weekday != nil
            || hour != nil || minute != nil || second != nil || microsecond != nil
    }

    /// dateutil's `repr`: `relativedelta(months=+1, day=31, weekday=FR(+1))`.
    func appendText(to out: inout String) {
        var parts: [String] = []
        for (name, value) in relativeParts where value != 0 { parts.append("\(name)=\(Self.signedG(value))") }
        let absolute: [(String, Int?)] = [("year", year), ("month", month), ("day", day)]
        for (name, value) in absolute { if let value { parts.append("\(name)=\(value)") } }
        if let weekday { parts.append("weekday=\(weekday.text)") }
        for (name, value) in [("hour", hour), ("minute", minute), ("second", second), ("microsecond", microsecond)] {
            if let value { parts.append("\(name)=\(value)") }
        }
        out += "relativedelta(" + parts.joined(separator: ", ") + ")"
    }

    /// Python's `format(value, '+g')` of an integer: `+1`, `-3`, `+1e+06`.
    static func signedG(_ value: Int) -> String {
        let sign = value < 0 ? "-" : "+"
        let magnitude = value.magnitude
        guard magnitude >= 1_000_000 else { return sign + String(magnitude) }
        var digits = String(magnitude)
        let exponent = digits.count - 1
        var mantissa = Array(digits.prefix(7))
        // Round to 6 significant digits, half to even as printf does for an exact decimal.
        var roundUp = false
        if mantissa.count == 7 {
            let rest = digits.dropFirst(6)
            let first = rest.first ?? "0"
            if first > "5" { roundUp = true } else if first == "5" {
                roundUp = rest.dropFirst().contains { $0 != "0" } || (Int(String(mantissa[5])) ?? 0) % 2 == 1
            }
            mantissa.removeLast()
        }
        var number = Int(String(mantissa)) ?? 0
        var exp = exponent
        if roundUp {
            number += 1
            if String(number).count > 6 { number /= 10; exp += 1 }
        }
        digits = String(number)
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        let head = String(digits.prefix(1))
        let tail = digits.dropFirst()
        return sign + head + (tail.isEmpty ? "" : "." + tail) + "e+" + (exp < 10 ? "0" : "") + String(exp)
    }

    func attribute(_ name: String) throws -> TemplateValue? {
        if let part = relativeParts.first(where: { $0.0 == name }) { return .int(part.1) }
        func optional(_ v: Int?) -> TemplateValue { v.map { .int($0) } ?? .none }
        switch name {
        case "weeks": return .int(days / 7)
        case "year": return optional(year)
        case "month": return optional(month)
        case "day": return optional(day)
        case "hour": return optional(hour)
        case "minute": return optional(minute)
        case "second": return optional(second)
        case "microsecond": return optional(microsecond)
        case "weekday": return weekday.map { .function($0.function) } ?? TemplateValue.none
        default: return nil
        }
    }

    func callMethod(_ name: String, _ arguments: inout TemplateArgumentReader) throws -> TemplateValue? {
        name == "normalized" ? .object(self) : nil
    }

    func isEqual(to other: any TemplateObject) -> Bool {
        guard let other = other as? TemplateRelativeDelta else { return false }
        return self == other
    }

    /// dateutil's normalisation (`_fix`): carries microseconds into seconds, ... hours into days and
    /// months into years, keeping each part's sign.
    mutating func normalize() throws {
        // Far beyond any date (years 1 to 9999) and safe from overflow in the arithmetic below.
        let bound = 1_000_000_000_000_000
        for (name, value) in relativeParts where value.magnitude > bound {
            throw TemplateError(message: "relativedelta(\(name)=\(value)) is out of range")
        }
        func carry(_ low: inout Int, _ high: inout Int, _ limit: Int) throws {
            guard abs(low) >= limit else { return }
            let sign = low < 0 ? -1 : 1
            let (div, mod) = (abs(low) / limit, abs(low) % limit)
            low = mod * sign
            high = try TemplateArithmetic.sum(high, div * sign)
        }
        try carry(&microseconds, &seconds, 1_000_000)
        try carry(&seconds, &minutes, 60)
        try carry(&minutes, &hours, 60)
        try carry(&hours, &days, 24)
        try carry(&months, &years, 12)
    }

    /// `-delta`: the relative parts negated, the absolute ones and `leapdays` kept (as dateutil does).
    var negated: TemplateRelativeDelta {
        var r = self
        r.years = -years; r.months = -months; r.days = -days
        r.hours = -hours; r.minutes = -minutes; r.seconds = -seconds; r.microseconds = -microseconds
        return r
    }

    /// `self + other` (or `self - other` with `sign` -1) of two relativedeltas, as dateutil combines them.
    func combined(with other: TemplateRelativeDelta, sign: Int) throws -> TemplateRelativeDelta {
        var r = TemplateRelativeDelta()
        r.years = try TemplateArithmetic.sum(years, sign * other.years)
        r.months = try TemplateArithmetic.sum(months, sign * other.months)
        r.days = try TemplateArithmetic.sum(days, sign * other.days)
        r.hours = try TemplateArithmetic.sum(hours, sign * other.hours)
        r.minutes = try TemplateArithmetic.sum(minutes, sign * other.minutes)
        r.seconds = try TemplateArithmetic.sum(seconds, sign * other.seconds)
        r.microseconds = try TemplateArithmetic.sum(microseconds, sign * other.microseconds)
        // For `+` the right operand's absolute parts win, for `-` the left's (dateutil).
        let (first, second) = sign > 0 ? (other, self) : (self, other)
        r.leapdays = first.leapdays != 0 ? first.leapdays : second.leapdays
        r.year = first.year ?? second.year
        r.month = first.month ?? second.month
        r.day = first.day ?? second.day
        r.weekday = first.weekday ?? second.weekday
        r.hour = first.hour ?? second.hour
        r.minute = first.minute ?? second.minute
        r.second = first.second ?? second.second
        r.microsecond = first.microsecond ?? second.microsecond
        try r.normalize()
        return r
    }

    /// `self + timedelta`: the duration's days, seconds and microseconds join the relative parts.
    func adding(_ delta: TemplateTimeDelta) throws -> TemplateRelativeDelta {
        var r = self
        r.days = try TemplateArithmetic.sum(days, delta.days)
        r.seconds = try TemplateArithmetic.sum(seconds, delta.seconds)
        r.microseconds = try TemplateArithmetic.sum(microseconds, delta.microsecondPart)
        try r.normalize()
        return r
    }

    /// `self * factor` for an integer factor: each relative part multiplied (absolute parts and `leapdays` kept).
    func multiplied(by factor: Int) throws -> TemplateRelativeDelta {
        var r = self
        r.years = try TemplateArithmetic.product(years, factor)
        r.months = try TemplateArithmetic.product(months, factor)
        r.days = try TemplateArithmetic.product(days, factor)
        r.hours = try TemplateArithmetic.product(hours, factor)
        r.minutes = try TemplateArithmetic.product(minutes, factor)
        r.seconds = try TemplateArithmetic.product(seconds, factor)
        r.microseconds = try TemplateArithmetic.product(microseconds, factor)
        try r.normalize()
        return r
    }

    /// `datetime + self`, dateutil's `__add__`: replace year/month/day (clamping the day to the month),
    /// replace the clock fields given, add days and clock parts as a timedelta, then move to the weekday.
    func applied(to dt: TemplateDateTime) throws -> TemplateDateTime {
        let f = dt.fields
        if let year, year != 0, !(1...9999).contains(year) { throw TemplateError(message: "year \(year) is out of range") }
        if let month, month != 0, !(1...12).contains(month) { throw TemplateError(message: "month must be in 1..12") }
        var y = try TemplateArithmetic.sum(year.flatMap { $0 == 0 ? nil : $0 } ?? f.year, years)
        var m = month.flatMap { $0 == 0 ? nil : $0 } ?? f.month
        if months != 0 {
            m += months
            if m > 12 { y += 1; m -= 12 } else if m < 1 { y -= 1; m += 12 }
        }
        guard (1...9999).contains(y) else { throw TemplateError(message: "year \(y) is out of range") }
        let d = min(CivilCalendar.daysInMonth(year: y, month: m), day.flatMap { $0 == 0 ? nil : $0 } ?? f.day)
        guard d >= 1 else { throw TemplateError(message: "day is out of range for month") }
        let clock = [(hour ?? f.hour, 0..<24, "hour"), (minute ?? f.minute, 0..<60, "minute"), (second ?? f.second, 0..<60, "second"),
                     (microsecond ?? f.microsecond, 0..<1_000_000, "microsecond")]
        for (value, range, name) in clock where !range.contains(value) {
            throw TemplateError(message: "\(name) must be in \(range.lowerBound)..\(range.upperBound - 1)")
        }
        guard let wall = TemplateDateTime(year: y, month: m, day: d, hour: clock[0].0, minute: clock[1].0, second: clock[2].0, microsecond: clock[3].0) else {
            throw TemplateError(message: "the relativedelta gives a date that does not exist")
        }
        var result = dt.withWallClock(wall.microseconds)
        var dayCount = days
        if leapdays != 0 && m > 2 && CivilCalendar.isLeapYear(y) { dayCount = try TemplateArithmetic.sum(dayCount, leapdays) }
        let delta = try TemplateArithmetic.sum(
            TemplateArithmetic.product(dayCount, CivilCalendar.microsecondsPerDay),
            TemplateArithmetic.sum(TemplateArithmetic.product(hours * 3600 + minutes * 60 + seconds, CivilCalendar.microsecondsPerSecond), microseconds))
        result = try result.adding(TemplateTimeDelta(microseconds: delta), sign: 1)
        if let weekday {
            let nth = weekday.n ?? 1
            guard nth.magnitude <= 1_000_000 else { throw TemplateError(message: "the weekday \(weekday.text) is out of range") }
            let current = CivilCalendar.weekday(days: result.fields.days)
            var jump = (abs(nth) - 1) * 7
            if nth > 0 {
                jump += CivilCalendar.floorMod(7 - current + weekday.weekday, 7)
            } else {
                jump = -(jump + CivilCalendar.floorMod(current - weekday.weekday, 7))
            }
            result = try result.adding(TemplateTimeDelta(days: jump), sign: 1)
        }
        return result
    }

    /// `date + self`: a date, or a datetime when the delta has a time part.
    func applied(to date: TemplateDate) throws -> TemplateValue {
        var midnight = date.midnight
        midnight.isPendulum = false
        let result = try applied(to: midnight)
        var day = result.calendarDate
        day.isPendulum = date.isPendulum
        return hasTime ? .datetime(result) : .date(day)
    }

    /// `relativedelta(dt1, dt2)`: the difference between two datetimes, in months and a remainder.
    static func between(_ dt1: TemplateDateTime, _ dt2: TemplateDateTime) throws -> TemplateRelativeDelta {
        guard dt1.isNaive == dt2.isNaive else { throw TemplateError(message: "can't compare offset-naive and offset-aware datetimes") }
        let a = dt1.fields, b = dt2.fields
        var months = (a.year - b.year) * 12 + (a.month - b.month)
        var r = TemplateRelativeDelta()
        func setMonths(_ value: Int) {
            let sign = value < 0 ? -1 : 1
            r.months = abs(value) % 12 * sign
            r.years = abs(value) / 12 * sign
        }
        setMonths(months)
        var shifted = try r.applied(to: dt2)
        let increment = dt1.microseconds < dt2.microseconds ? 1 : -1
        while increment == 1 ? dt1.microseconds > shifted.microseconds : dt1.microseconds < shifted.microseconds {
            months += increment
            setMonths(months)
            shifted = try r.applied(to: dt2)
        }
        let delta = TemplateTimeDelta(microseconds: dt1.microseconds - shifted.microseconds)
        r.seconds = delta.seconds + delta.days * 86_400
        r.microseconds = delta.microsecondPart
        try r.normalize()
        return r
    }
}

/// dateutil's weekday constants `MO` ... `SU`, optionally with an occurrence (`FR(-1)`: the last Friday).
struct DateutilWeekday: Sendable, Equatable {
    static let names = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    /// Monday = 0.
    var weekday: Int
    var n: Int?

    /// `FR`, `FR(+2)`, `MO(-1)`.
    var text: String {
        guard let n else { return Self.names[weekday] }
        return "\(Self.names[weekday])(\(n < 0 ? "-" : "+")\(n.magnitude))"
    }

    /// The constant as a template value: callable (`FR(-1)`), and rendering as `FR`.
    var function: TemplateFunction {
        let base = self
        return TemplateFunction(name: text, object: DateutilWeekdayObject(value: base)) { positional, keywords in
            var a = TemplateArgumentReader(function: base.text, positional: positional, keywords: keywords)
            let n = try a.optionalInt("n")
            try a.finish()
            if n == 0 { throw TemplateError(message: "Can't create weekday with n==0") }
            return .function(DateutilWeekday(weekday: base.weekday, n: n).function)
        }
    }
}

/// What a weekday constant shows of itself: its text and the attributes `weekday` and `n`.
struct DateutilWeekdayObject: TemplateMemberObject {
    var value: DateutilWeekday
    var typeName: String { "weekday" }
    func appendText(to out: inout String) { out += value.text }
    func attribute(_ name: String) throws -> TemplateValue? {
        switch name {
        case "weekday": return .int(value.weekday)
        case "n": return value.n.map { .int($0) } ?? TemplateValue.none
        default: return nil
        }
    }
    func isEqual(to other: any TemplateObject) -> Bool { (other as? DateutilWeekdayObject)?.value == value }
}
