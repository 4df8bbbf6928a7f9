import SluiceCore

/// pendulum's `Duration`: what arithmetic on a pendulum Interval gives (`(end - start) * 2`,
/// `interval + timedelta`). A timedelta whose parts are counted toward zero and that prints in words
/// (`1 day 1 hour`).
struct PendulumDuration {
    /// The whole length.
    var microseconds: Int

    private var sign: Int { microseconds < 0 ? -1 : 1 }
    /// pendulum's `_days`, `_seconds` and `_microseconds`: whole days, the seconds left (under a day)
    /// and the microseconds left, each with the duration's sign.
    var days: Int { abs(microseconds) / CivilCalendar.microsecondsPerDay * sign }
    var seconds: Int { abs(microseconds) / CivilCalendar.microsecondsPerSecond % 86_400 * sign }
    var microsecondPart: Int { abs(microseconds) % CivilCalendar.microsecondsPerSecond * sign }
    var weeks: Int { abs(days) / 7 * sign }
    var remainingDays: Int { abs(days) % 7 * sign }
    private var secondsSign: Int { seconds < 0 ? -1 : 1 }
    var hours: Int { abs(seconds) / 3600 % 24 * secondsSign }
    var minutes: Int { abs(seconds) / 60 % 60 * secondsSign }
    var remainingSeconds: Int { abs(seconds) % 60 * secondsSign }

    func attribute(_ name: String) -> TemplateValue? {
        switch name {
        case "years", "months": return .int(0)
        case "weeks": return .int(weeks)
        case "days": return .int(days)
        case "remaining_days": return .int(remainingDays)
        case "hours": return .int(hours)
        case "minutes": return .int(minutes)
        case "seconds": return .int(seconds)
        case "remaining_seconds": return .int(remainingSeconds)
        case "microseconds": return .int(microsecondPart)
        case "invert": return .bool(microseconds < 0)
        default: return nil
        }
    }

    func method(_ name: String, _ a: inout TemplateArgumentReader) throws -> TemplateValue? {
        let totalSeconds = Double(microseconds) / 1_000_000
        switch name {
        case "in_weeks": return .int(Int(totalSeconds / 604_800))
        case "in_days": return .int(Int(totalSeconds / 86_400))
        case "in_hours": return .int(Int(totalSeconds / 3600))
        case "in_minutes": return .int(Int(totalSeconds / 60))
        case "in_seconds": return .int(Int(totalSeconds))
        case "total_seconds": return .double(totalSeconds)
        case "total_minutes": return .double(totalSeconds / 60)
        case "total_hours": return .double(totalSeconds / 3600)
        case "total_days": return .double(totalSeconds / 86_400)
        case "total_weeks": return .double(totalSeconds / 604_800)
        case "in_words": return .string(try Self.words(of: wordParts, microseconds: microsecondPart, fractionUnit: "seconds", &a))
        default: return nil
        }
    }

    var wordParts: [(String, Int)] {
        [("week", weeks), ("day", remainingDays), ("hour", hours), ("minute", minutes), ("second", remainingSeconds)]
    }

    /// `in_words()` with its `locale` and `separator` arguments read from `a`.
    static func words(of parts: [(String, Int)], microseconds: Int, fractionUnit: String, _ a: inout TemplateArgumentReader) throws -> String {
        let locale = try a.optionalString("locale") ?? "en"
        let separator = try a.optionalString("separator") ?? " "
        guard locale == "en" else { throw TemplateError(message: "in_words(): Sluice knows the locale 'en' only, not '\(UserText.quote(locale))'") }
        return words(of: parts, microseconds: microseconds, fractionUnit: fractionUnit, separator: separator)
    }

    /// pendulum's English `in_words()`: `1 month 2 days 5 hours`, `0 microseconds`; under a second,
    /// `0.50 second` for an Interval and `0.50 seconds` for a Duration (`fractionUnit`), as pendulum words them.
    static func words(of parts: [(String, Int)], microseconds: Int, fractionUnit: String, separator: String) -> String {
        var words: [String] = []
        for (unit, count) in parts where count != 0 {
            words.append("\(count) \(unit)\(abs(count) == 1 ? "" : "s")")
        }
        if words.isEmpty {
            let us = abs(microseconds)
            if us > 0 {
                let hundredths = (us + 5_000) / 10_000
                return "0.\(hundredths < 10 ? "0" : "")\(hundredths) \(fractionUnit)"
            }
            return "0 microseconds"
        }
        return words.joined(separator: separator)
    }
}
