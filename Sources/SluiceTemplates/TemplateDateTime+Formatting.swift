extension TemplateDateTime {
    /// Python's `strftime` with the C library's English names: `%Y %m %d %H %M %S %f %y %j %a %A %b
    /// %B %p %I %z %Z %w %u %e %D %F %T %%`, and the glibc `-` flag for no padding (`%-d`).
    /// An unknown directive is copied as written, as glibc does.
    public func strftime(_ format: String) -> String {
        var out = ""
        out.reserveCapacity(format.utf8.count + 16)
        appendStrftime(format, to: &out)
        return out
    }

    func appendStrftime(_ format: String, to out: inout String) {
        let f = fields
        let utf8 = format.utf8
        var i = utf8.startIndex
        var literalStart = i
        while i != utf8.endIndex {
            guard utf8[i] == UInt8(ascii: "%") else {
                i = utf8.index(after: i)
                continue
            }
            var j = utf8.index(after: i)
            guard j != utf8.endIndex else { break }
            if literalStart != i { out += format[literalStart..<i] }
            var pad = true
            if utf8[j] == UInt8(ascii: "-"), utf8.index(after: j) != utf8.endIndex {
                pad = false
                j = utf8.index(after: j)
            }
            func num(_ v: Int, _ width: Int) {
                CivilCalendar.appendPadded(v, width: pad ? width : 1, to: &out)
            }
            switch utf8[j] {
            case UInt8(ascii: "Y"): num(f.year, 4)
            case UInt8(ascii: "y"): num(f.year % 100, 2)
            case UInt8(ascii: "m"): num(f.month, 2)
            case UInt8(ascii: "d"): num(f.day, 2)
            case UInt8(ascii: "e"):
                if pad && f.day < 10 { out += " " }
                num(f.day, 1)
            case UInt8(ascii: "H"): num(f.hour, 2)
            case UInt8(ascii: "I"): num(f.hour % 12 == 0 ? 12 : f.hour % 12, 2)
            case UInt8(ascii: "M"): num(f.minute, 2)
            case UInt8(ascii: "S"): num(f.second, 2)
            case UInt8(ascii: "f"): CivilCalendar.appendPadded(f.microsecond, width: 6, to: &out)
            case UInt8(ascii: "p"): out += f.hour < 12 ? "AM" : "PM"
            case UInt8(ascii: "j"): num(f.days - CivilCalendar.days(year: f.year, month: 1, day: 1) + 1, 3)
            case UInt8(ascii: "a"): out += CivilCalendar.weekdayNames[CivilCalendar.weekday(days: f.days)].prefix(3)
            case UInt8(ascii: "A"): out += CivilCalendar.weekdayNames[CivilCalendar.weekday(days: f.days)]
            case UInt8(ascii: "b"), UInt8(ascii: "h"): out += CivilCalendar.monthNames[f.month - 1].prefix(3)
            case UInt8(ascii: "B"): out += CivilCalendar.monthNames[f.month - 1]
            case UInt8(ascii: "w"): num((CivilCalendar.weekday(days: f.days) + 1) % 7, 1)
            case UInt8(ascii: "u"): num(CivilCalendar.weekday(days: f.days) + 1, 1)
            case UInt8(ascii: "z"): if let offset = offsetSeconds { Self.appendOffset(offset, colon: false, to: &out) }
            case UInt8(ascii: "Z"):
                if let zone = timeZone {
                    out += zone.abbreviation(atMicroseconds: microseconds)
                } else if let offset = offsetSeconds {
                    out += "UTC"
                    if offset != 0 { Self.appendOffset(offset, colon: true, to: &out) }
                }
            case UInt8(ascii: "F"): appendStrftime("%Y-%m-%d", to: &out)
            case UInt8(ascii: "D"): appendStrftime("%m/%d/%y", to: &out)
            case UInt8(ascii: "T"): appendStrftime("%H:%M:%S", to: &out)
            case UInt8(ascii: "R"): appendStrftime("%H:%M", to: &out)
            case UInt8(ascii: "%"): out += "%"
            default:
                // An unknown directive is copied as written: the text from '%' on stays literal.
                literalStart = i
                i = utf8.index(after: i)
                continue
            }
            i = utf8.index(after: j)
            literalStart = i
        }
        if literalStart != utf8.endIndex { out += format[literalStart...] }
    }

    /// Python's `datetime.strptime` for the directives `%Y %m %d %H %M %S %f %y %j %b %B %a %A %p %I
    /// %z %%` and the ISO week date `%G %V %u` (all three, as Python requires): every directive except `%f`, `%z` and names accepts one or two digits (four for `%Y`).
    /// Nil when the text does not match the format entirely; a `%z` gives an aware value.
    public static func strptime(_ text: String, format: String) -> TemplateDateTime? {
        let input = Array(text.unicodeScalars)
        let fmt = Array(format.unicodeScalars)
        var pos = 0
        var year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, micro = 0
        var hour12: Int?
        var pm: Bool?
        var yearDay: Int?
        var offset: Int?
        var isoYear: Int?, isoWeek: Int?, isoWeekday: Int?

        func digits(max: Int) -> Int? {
            var value = 0
            var count = 0
            while count < max, pos < input.count, input[pos].value >= 48, input[pos].value <= 57 {
                value = value * 10 + Int(input[pos].value - 48)
                pos += 1
                count += 1
            }
            return count == 0 ? nil : value
        }
        func name(_ names: [String], abbreviated: Bool) -> Int? {
            let rest = String(String.UnicodeScalarView(input[pos...])).lowercased()
            for (index, full) in names.enumerated() {
                let candidate = abbreviated ? String(full.prefix(3)) : full
                if rest.hasPrefix(candidate.lowercased()) {
                    pos += candidate.unicodeScalars.count
                    return index
                }
            }
            return nil
        }

        var i = 0
        while i < fmt.count {
            let c = fmt[i]
            if c == "%", i + 1 < fmt.count {
                let d = fmt[i + 1]
                i += 2
                switch d {
                case "Y": guard let v = digits(max: 4) else { return nil }; year = v
                case "y": guard let v = digits(max: 2) else { return nil }; year = v < 69 ? 2000 + v : 1900 + v
                case "m": guard let v = digits(max: 2) else { return nil }; month = v
                case "d": guard let v = digits(max: 2) else { return nil }; day = v
                case "H": guard let v = digits(max: 2) else { return nil }; hour = v
                case "I": guard let v = digits(max: 2) else { return nil }; hour12 = v
                case "M": guard let v = digits(max: 2) else { return nil }; minute = v
                case "S": guard let v = digits(max: 2) else { return nil }; second = v
                case "j": guard let v = digits(max: 3) else { return nil }; yearDay = v
                case "G": guard let v = digits(max: 4) else { return nil }; isoYear = v
                case "V": guard let v = digits(max: 2) else { return nil }; isoWeek = v
                case "u": guard let v = digits(max: 1) else { return nil }; isoWeekday = v
                case "f":
                    let start = pos
                    guard let v = digits(max: 6) else { return nil }
                    var scaled = v
                    for _ in 0..<(6 - (pos - start)) { scaled *= 10 }
                    micro = scaled
                case "b", "h": guard let v = name(CivilCalendar.monthNames, abbreviated: true) else { return nil }; month = v + 1
                case "B": guard let v = name(CivilCalendar.monthNames, abbreviated: false) else { return nil }; month = v + 1
                case "a": guard name(CivilCalendar.weekdayNames, abbreviated: true) != nil else { return nil }
                case "A": guard name(CivilCalendar.weekdayNames, abbreviated: false) != nil else { return nil }
                case "p":
                    guard let v = name(["AM", "PM"], abbreviated: false) else { return nil }
                    pm = v == 1
                case "z":
                    if pos < input.count, input[pos] == "Z" {
                        pos += 1
                        offset = 0
                        break
                    }
                    guard pos < input.count, input[pos] == "+" || input[pos] == "-" else { return nil }
                    let negative = input[pos] == "-"
                    pos += 1
                    guard let h = digits(max: 2) else { return nil }
                    if pos < input.count, input[pos] == ":" { pos += 1 }
                    guard let m = digits(max: 2) else { return nil }
                    offset = (h * 3600 + m * 60) * (negative ? -1 : 1)
                case "%":
                    guard pos < input.count, input[pos] == "%" else { return nil }
                    pos += 1
                default:
                    return nil
                }
            } else if c.properties.isWhitespace {
                while pos < input.count, input[pos].properties.isWhitespace { pos += 1 }
                i += 1
            } else {
                guard pos < input.count, input[pos] == c else { return nil }
                pos += 1
                i += 1
            }
        }
        guard pos == input.count else { return nil }
        if let h = hour12 {
            guard (1...12).contains(h) else { return nil }
            hour = h % 12 + ((pm ?? false) ? 12 : 0)
        }
        if isoYear != nil || isoWeek != nil || isoWeekday != nil {
            // Python accepts the ISO week directives only together (and not with %j).
            guard let g = isoYear, let v = isoWeek, let u = isoWeekday, yearDay == nil, (1...53).contains(v), (1...7).contains(u) else { return nil }
            let january4 = CivilCalendar.days(year: g, month: 1, day: 4)
            let days = january4 - CivilCalendar.weekday(days: january4) + (v - 1) * 7 + (u - 1)
            (year, month, day) = CivilCalendar.civil(days: days)
        }
        if let yd = yearDay {
            guard yd >= 1, yd <= (CivilCalendar.isLeapYear(year) ? 366 : 365) else { return nil }
            let (_, m, d) = CivilCalendar.civil(days: CivilCalendar.days(year: year, month: 1, day: 1) + yd - 1)
            month = m
            day = d
        }
        guard var value = TemplateDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: micro) else {
            return nil
        }
        if let offset {
            value.microseconds -= offset * CivilCalendar.microsecondsPerSecond
            value.offsetSeconds = offset
            value.timeZone = offset == 0 ? .utc : nil
        }
        return value
    }

    /// A fast parse of `YYYY-MM-DD` (what `ds` looks like) into a day number; nil when it is not one.
    static func parseDayStamp(_ text: String) -> Int? {
        var utf8 = text.utf8.makeIterator()
        func number(_ width: Int) -> Int? {
            var value = 0
            for _ in 0..<width {
                guard let b = utf8.next(), b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let year = number(4), utf8.next() == UInt8(ascii: "-"),
              let month = number(2), utf8.next() == UInt8(ascii: "-"),
              let day = number(2), utf8.next() == nil,
              let date = TemplateDate(year: year, month: month, day: day) else { return nil }
        return date.daysSinceEpoch
    }
}
