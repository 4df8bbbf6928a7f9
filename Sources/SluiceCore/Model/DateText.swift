import Foundation

/// Reads and writes the dates users type and Sluice prints.
///
/// Accepts `2021-11-11`, `2021-11-11T02:30`, `2021-11-11 02:30:00`, with optional fractional
/// seconds and `Z` or `±HH:MM` offset. A value without an offset is in the given time zone (a DAG's
/// `timezone`); a nonexistent local time (spring-forward gap) moves forward, as Airflow does.
public enum DateText {
    /// Parses a date or date-time; nil when the text is not one of the accepted forms.
    public static func parse(_ text: String, in zone: TimeZone) -> Date? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var v = 0
            for k in 0..<digits {
                let c = s[i + k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += digits
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else { return nil }
        var hour = 0, minute = 0, second = 0
        var nanos = 0
        var offset: Int?
        if i < s.count {
            guard s[i] == 84 || s[i] == 32 else { return nil }  // 'T' or ' '
            i += 1
            guard let h = number(2), expect(58), let m = number(2) else { return nil }
            hour = h; minute = m
            if expect(58) {
                guard let sec = number(2) else { return nil }
                second = sec
                if expect(46) {
                    var digits = 0
                    while i < s.count, s[i] >= 48, s[i] <= 57 {
                        if digits < 9 { nanos = nanos * 10 + Int(s[i] - 48); digits += 1 }
                        i += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in digits..<9 { nanos *= 10 }
                }
            }
            if i < s.count {
                if expect(90) {  // 'Z'
                    offset = 0
                } else if s[i] == 43 || s[i] == 45 {  // + -
                    let sign = s[i] == 45 ? -1 : 1
                    i += 1
                    guard let oh = number(2), oh < 24 else { return nil }
                    _ = expect(58)
                    guard let om = number(2), om < 60 else { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
        }
        guard i == s.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        // An explicit offset: the wall time read as UTC, then shifted (RFC 3339 allows offsets to ±23:59,
        // beyond what a TimeZone holds).
        calendar.timeZone = offset == nil ? zone : TimeZone(secondsFromGMT: 0) ?? zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else { return nil }
        // Reject dates that rolled over (2021-02-30).
        let check = calendar.dateComponents([.year, .month, .day], from: date)
        guard check.year == year, check.month == month, check.day == day || (hour > 0 || minute > 0) else { return nil }
        return date.addingTimeInterval(Double(nanos) / 1e9 - Double(offset ?? 0))
    }

    /// ISO 8601 with an offset in the given zone: `2021-01-15T00:00:00+00:00`
    /// (microseconds only when non-zero), the form run ids and `--json` output use.
    public static func iso(_ date: Date, in zone: TimeZone = TimeZone(secondsFromGMT: 0) ?? .current) -> String {
        RunIdDateFormat.string(from: date, offsetSeconds: zone.secondsFromGMT(for: date))
    }
}
