import SluiceCore

/// The date and time text `datetime.fromisoformat` and `dateutil.parser.parse` read, for the forms
/// SQL templates use: ISO 8601 (`2021-01-15`, `2021-01-15T10:00:00.5+01:00`, `20210115T100000Z`)
/// and dates in words or with slashes (`Jan 15 2021`, `01/15/2021`). Any other text is an error
/// naming it, never a guess.
enum DateutilParser {
    /// `dateutil.parser.parse(text)`.
    static func parse(_ text: String) throws -> TemplateDateTime {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = iso(trimmed) ?? words(trimmed) { return value }
        throw TemplateError(message: "Sluice's dateutil parser reads ISO 8601 dates and times (2021-01-15, 2021-01-15T10:00:00+00:00) and "
                            + "dates such as 'Jan 15 2021', '15 January 2021', '01/15/2021' with a four-digit year, not '\(UserText.quote(text))'")
    }

    /// dateutil's reading of dates written in words or with `/`, `.` or `-` (`January 15, 2021 10:30`,
    /// `15 Jan 2021`, `01/15/2021`, `15.01.2021`: month first unless the first number is over 12), with an
    /// optional `H:MM[:SS]`. Nil for anything else, and when the year, month or day is missing (dateutil
    /// would take it from today).
    static func words(_ text: String) -> TemplateDateTime? {
        var year: Int?, month: Int?, day: Int?
        var hour = 0, minute = 0, second = 0
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        for token in tokens {
            let lower = token.lowercased()
            if let index = monthIndex(lower) {
                guard month == nil else { return nil }
                month = index
            } else if CivilCalendar.weekdayNames.contains(where: { $0.lowercased() == lower || $0.lowercased().prefix(3) == lower }) {
                continue
            } else if token.contains(":") {
                let parts = token.split(separator: ":").map { Int($0) }
                guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
                hour = parts[0] ?? 0
                minute = parts[1] ?? 0
                second = parts.count == 3 ? (parts[2] ?? 0) : 0
            } else if let separator = ["/", ".", "-"].first(where: { token.contains($0) }) {
                let parts = token.split(separator: Character(separator)).map { Int($0) }
                guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2], year == nil, month == nil, day == nil else { return nil }
                if token.split(separator: Character(separator))[0].count == 4 {
                    (year, month, day) = (a, b, c)
                } else {
                    guard token.split(separator: Character(separator))[2].count == 4 else { return nil }
                    (year, month, day) = a > 12 ? (c, b, a) : (c, a, b)
                }
            } else if let number = Int(token) {
                if token.count == 4, year == nil {
                    year = number
                } else if token.count <= 2, day == nil {
                    day = number
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        guard let year, let month, let day,
              var value = TemplateDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else { return nil }
        value.isPendulum = false
        return value
    }

    /// 1...12 for an English month name or its abbreviation (`jan`, `sept`), else nil.
    private static func monthIndex(_ word: String) -> Int? {
        guard word.count >= 3 else { return nil }
        if word == "sept" { return 9 }
        for (index, name) in CivilCalendar.monthNames.enumerated() {
            let lower = name.lowercased()
            if lower == word || lower.prefix(3) == word { return index + 1 }
        }
        return nil
    }

    /// Python 3.11's `datetime.fromisoformat(text)`; nil when the text is not ISO 8601.
    static func iso(_ text: String) -> TemplateDateTime? {
        let s = Array(text.unicodeScalars)
        var pos = 0
        func digits(_ count: Int) -> Int? {
            guard pos + count <= s.count else { return nil }
            var value = 0
            for k in 0..<count {
                let v = s[pos + k].value
                guard v >= 48, v <= 57 else { return nil }
                value = value * 10 + Int(v - 48)
            }
            pos += count
            return value
        }
        func skip(_ c: Unicode.Scalar) -> Bool {
            guard pos < s.count, s[pos] == c else { return false }
            pos += 1
            return true
        }
        guard let year = digits(4) else { return nil }
        let extended = skip("-")
        guard let month = digits(2) else { return nil }
        if extended { guard skip("-") else { return nil } }
        guard let day = digits(2) else { return nil }
        var hour = 0, minute = 0, second = 0, micro = 0
        var offset: Int?
        if pos < s.count {
            guard s[pos] == "T" || s[pos] == " " else { return nil }
            pos += 1
            guard let h = digits(2) else { return nil }
            hour = h
            let colon = skip(":")
            if let m = digits(2) {
                minute = m
                if colon ? skip(":") : true, let sec = digits(2) {
                    second = sec
                    if skip(".") || skip(",") {
                        var count = 0
                        while pos < s.count, s[pos].value >= 48, s[pos].value <= 57 {
                            if count < 6 { micro = micro * 10 + Int(s[pos].value - 48) }
                            count += 1
                            pos += 1
                        }
                        guard count > 0 else { return nil }
                        for _ in count..<6 where count < 6 { micro *= 10 }
                    }
                }
            }
            if skip("Z") {
                offset = 0
            } else if pos < s.count, s[pos] == "+" || s[pos] == "-" {
                let sign = s[pos] == "-" ? -1 : 1
                pos += 1
                guard let oh = digits(2) else { return nil }
                _ = skip(":")
                let om = digits(2) ?? 0
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard pos == s.count,
              var value = TemplateDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: micro) else { return nil }
        value.isPendulum = false
        if let offset {
            value.microseconds -= offset * CivilCalendar.microsecondsPerSecond
            value.offsetSeconds = offset
            value.timeZone = offset == 0 ? .utc : nil
        }
        return value
    }
}
