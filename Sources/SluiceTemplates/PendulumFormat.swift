import SluiceCore

/// pendulum's `DateTime.format()`: its tokens (`YYYY MM DD HH mm ss Do dddd MMMM Q X Z zz ...`),
/// `[escaped text]` and `\x`, in the locales `en` (the default), `de`, `fr`, `es` and `nl`.
/// A token pendulum knows but has no rule for (`W`, `w`, `EE`, `k`) is copied as pendulum copies it.
struct PendulumFormat {
    let locale: String
    let names: TemplateLocaleNames

    /// Nil for a locale Sluice has no data for.
    init?(locale: String) {
        var code = locale.lowercased().replacingOccurrences(of: "-", with: "_")
        if code == "en_us" || code == "en_gb" { code = "en" }
        guard let names = TemplateLocaleNames.pendulum[code] else { return nil }
        self.locale = code
        self.names = names
    }

    /// The locale's formats for `LTS LT L LL LLL LLLL`.
    private var dateFormats: [String: String] {
        switch locale {
        case "de": return ["LTS": "HH:mm:ss", "LT": "HH:mm", "L": "DD.MM.YYYY", "LL": "D. MMMM YYYY", "LLL": "D. MMMM YYYY HH:mm", "LLLL": "dddd, D. MMMM YYYY HH:mm"]
        case "fr": return ["LTS": "HH:mm:ss", "LT": "HH:mm", "L": "DD/MM/YYYY", "LL": "D MMMM YYYY", "LLL": "D MMMM YYYY HH:mm", "LLLL": "dddd D MMMM YYYY HH:mm"]
        case "es": return ["LTS": "H:mm:ss", "LT": "H:mm", "L": "DD/MM/YYYY", "LL": "D [de] MMMM [de] YYYY", "LLL": "D [de] MMMM [de] YYYY H:mm",
                           "LLLL": "dddd, D [de] MMMM [de] YYYY H:mm"]
        case "nl": return ["LTS": "HH:mm:ss", "LT": "HH:mm", "L": "DD-MM-YYYY", "LL": "D MMMM YYYY", "LLL": "D MMMM YYYY HH:mm", "LLLL": "dddd D MMMM YYYY HH:mm"]
        default: return ["LTS": "h:mm:ss A", "LT": "h:mm A", "L": "MM/DD/YYYY", "LL": "MMMM D, YYYY", "LLL": "MMMM D, YYYY h:mm A", "LLLL": "dddd, MMMM D, YYYY h:mm A"]
        }
    }

    /// pendulum's `ordinalize`: `1st 2nd 3rd 11th` in English, `1er 2e` in French, `1º` in Spanish, `1e` in Dutch.
    func ordinal(_ n: Int) -> String {
        switch locale {
        case "de": return String(n)
        case "fr": return n == 1 ? "1er" : "\(n)e"
        case "es": return "\(n)º"
        case "nl": return "\(n)e"
        default:
            let suffix: String
            switch (n % 10, n % 100) {
            case (1, let h) where h != 11: suffix = "st"
            case (2, let h) where h != 12: suffix = "nd"
            case (3, let h) where h != 13: suffix = "rd"
            default: suffix = "th"
            }
            return "\(n)\(suffix)"
        }
    }

    /// The token at `i` (pendulum's token alternation, tried in its order), or nil.
    private static func token(in s: [Character], at i: Int) -> String? {
        func run(_ c: Character, max: Int) -> Int {
            var n = 0
            while i + n < s.count, s[i + n] == c, n < max { n += 1 }
            return n
        }
        func next(_ k: Int) -> Character? { i + k < s.count ? s[i + k] : nil }
        let c = s[i]
        switch c {
        case "M": return next(1) == "o" ? "Mo" : String(repeating: "M", count: run("M", max: 4))
        case "D":
            if next(1) == "o" { return "Do" }
            if next(1) == "D", next(2) == "D", next(3) == "o" { return "DDDo" }
            return String(repeating: "D", count: run("D", max: 4))
        case "d":
            let n = run("d", max: 4)
            if n >= 2 { return String(repeating: "d", count: n) }
            return next(1) == "o" ? "do" : "d"
        case "e": return next(1) == "o" ? "eo" : "e"
        case "E": return String(repeating: "E", count: run("E", max: 4))
        case "w", "W":
            if let n = next(1), n == "o" || n == "|" || n == c { return String([c, n]) }
            return String(c)
        case "Q": return next(1) == "o" ? "Qo" : "Q"
        case "Y":
            let n = run("Y", max: 4)
            return n == 4 ? "YYYY" : (n >= 2 ? "YY" : "Y")
        case "g", "G":
            let n = run(c, max: 5)
            if n >= 4 { return String(repeating: c, count: n) }
            if n >= 2 { return String(repeating: c, count: 2) }
            return nil
        case "a", "A", "x", "X": return String(c)
        case "h", "H", "k", "m", "s", "z", "Z": return String(repeating: c, count: run(c, max: 2))
        case "S": return String(repeating: "S", count: run("S", max: 9))
        case "L":
            if next(1) == "T" { return next(2) == "S" ? "LTS" : "LT" }
            return String(repeating: "L", count: run("L", max: 4))
        default: return nil
        }
    }

    func format(_ dt: TemplateDateTime, _ format: String) throws -> String {
        let s = Array(format)
        var out = ""
        out.reserveCapacity(s.count + 16)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "[" {
                // `[text]`: the longest text up to a `]` before the next `[`.
                var end = i + 1
                var close: Int?
                while end < s.count, s[end] != "[" {
                    if s[end] == "]" { close = end }
                    end += 1
                }
                if let close {
                    out += String(s[(i + 1)..<close])
                    i = close + 1
                    continue
                }
            } else if c == "\\", i + 1 < s.count {
                out.append(s[i + 1])
                i += 2
                continue
            }
            guard let token = Self.token(in: s, at: i) else {
                out.append(c)
                i += 1
                continue
            }
            try append(token, of: dt, to: &out)
            i += token.count
        }
        return out
    }

    private func append(_ token: String, of dt: TemplateDateTime, to out: inout String) throws {
        let f = dt.fields
        let weekday = CivilCalendar.weekday(days: f.days)
        let dayOfYear = f.days - CivilCalendar.days(year: f.year, month: 1, day: 1) + 1
        func pad(_ v: Int, _ width: Int) { CivilCalendar.appendPadded(v, width: width, to: &out) }
        switch token {
        case "YYYY", "Y": out += String(f.year)
        case "YY": out += String(String(f.year).dropFirst(2))
        case "Q": out += String((f.month - 1) / 3 + 1)
        case "Qo": out += ordinal((f.month - 1) / 3 + 1)
        case "MMMM": out += names.months[f.month - 1]
        case "MMM": out += names.monthsAbbreviated[f.month - 1]
        case "MM": pad(f.month, 2)
        case "M": out += String(f.month)
        case "Mo": out += ordinal(f.month)
        case "DDDD": pad(dayOfYear, 3)
        case "DDD": out += String(dayOfYear)
        case "DDDo": out += ordinal(dayOfYear)
        case "DD": pad(f.day, 2)
        case "D": out += String(f.day)
        case "Do": out += ordinal(f.day)
        case "dddd": out += names.days[weekday]
        case "ddd": out += names.daysAbbreviated[weekday]
        case "dd": out += names.daysShort[weekday]
        case "d": out += String((weekday + 1) % 7)
        case "do": out += ordinal((weekday + 1) % 7)
        case "e", "eo":
            // Only pendulum's English data has the first day of the week (Sunday) these need.
            guard locale == "en" else { throw TemplateError(message: "format(): the token '\(token)' has no week data in the locale '\(locale)' (pendulum fails too)") }
            let value = CivilCalendar.floorMod(weekday - 6, 7)
            out += token == "e" ? String(value) : ordinal(value + 1)
        case "E": out += String(weekday + 1)
        case "wo": out += ordinal(dt.weekOfYear)
        case "A": out += f.hour >= 12 ? names.pm : names.am
        case "HH": pad(f.hour, 2)
        case "H": out += String(f.hour)
        case "hh": pad(f.hour % 12 == 0 ? 12 : f.hour % 12, 2)
        case "h": out += String(f.hour % 12 == 0 ? 12 : f.hour % 12)
        case "mm": pad(f.minute, 2)
        case "m": out += String(f.minute)
        case "ss": pad(f.second, 2)
        case "s": out += String(f.second)
        case "S", "SS", "SSS", "SSSS", "SSSSS", "SSSSSS":
            var scale = 1
            for _ in token.count..<6 { scale *= 10 }
            pad(f.microsecond / scale, token.count)
        case "X", "x":
            guard !dt.isNaive else { throw TemplateError(message: "format(): can't subtract offset-naive and offset-aware datetimes (a naive datetime has no timestamp)") }
            out += token == "X" ? String(dt.intTimestamp) : String(dt.intTimestamp * 1000 + f.microsecond / 1000)
        case "zz": if !dt.isNaive { out += dt.tzname }
        case "z": out += dt.timeZone?.name ?? ""
        case "Z", "ZZ":
            if let offset = dt.offsetSeconds {
                let minutes = offset / 60
                out += minutes >= 0 ? "+" : "-"
                pad(abs(minutes) / 60, 2)
                if token == "Z" { out += ":" }
                pad(abs(minutes) % 60, 2)
            }
        case "LTS", "LT", "L", "LL", "LLL", "LLLL":
            out += try format(dt, dateFormats[token] ?? "")
        default:
            out += token
        }
    }
}
