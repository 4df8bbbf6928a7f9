/// A schedule in words for people, as the UI shows it: `at 02:30 on Monday to Friday, Europe/Berlin`,
/// `every hour at :15, UTC`. What does not read well in words (`L`, `#`, irregular minute lists) is shown
/// as the expression itself.
extension CronExpression {
    /// The expression in words, without the time zone; nil when words would not be clearer.
    public var words: String? { fields.words }
}

extension Timetable {
    /// The schedule in words with its time zone: `at 02:30 on Monday to Friday, Europe/Berlin`.
    public var words: String {
        switch plan {
        case .manual: return "manual triggers only"
        case .once: return "once"
        case .cron(let expression):
            let text = expression.words ?? expression.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(text), \(timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier)"
        }
    }
}

extension CronFields {
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    var words: String? {
        guard !lastDayOfMonth, nthWeekdays == 0 else { return nil }
        let minuteList = Self.values(minutes, 0...59), hourList = Self.values(hours, 0...23)
        let time: String
        if minuteList.count == 60 && hourList.count == 24 {
            time = "every minute"
        } else if hourList.count == 24, minuteList.count <= 4 {
            time = "every hour at " + Self.list(minuteList.map { ":" + Self.two($0) })
        } else if minuteList.count == 1, hourList.count <= 6 {
            time = "at " + Self.list(hourList.map { Self.two($0) + ":" + Self.two(minuteList[0]) })
        } else {
            return nil
        }
        var days = ""
        if !dayOfWeekIsStar, dayOfMonthIsStar {
            days = " on " + Self.ranges(Self.values(daysOfWeek, 0...6), names: Self.dayNames, offset: 0)
        } else if !dayOfMonthIsStar, dayOfWeekIsStar {
            let list = Self.values(daysOfMonth, 1...31)
            days = " on day\(list.count == 1 ? "" : "s") " + Self.list(list.map(String.init)) + " of the month"
        } else if !dayOfMonthIsStar, !dayOfWeekIsStar {
            return nil
        } else if minuteList.count < 60 || hourList.count < 24 {
            days = hourList.count == 24 ? "" : " every day"
        }
        let monthList = Self.values(months, 1...12)
        let monthsText = monthList.count == 12 ? "" : " in " + Self.ranges(monthList, names: Self.monthNames, offset: 1)
        return time + days + monthsText
    }

    static func values(_ bits: UInt64, _ range: ClosedRange<Int>) -> [Int] {
        range.filter { bits & (1 << UInt64($0)) != 0 }
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// Consecutive values as `Monday to Friday`, the rest listed.
    static func ranges(_ values: [Int], names: [String], offset: Int) -> String {
        var parts: [String] = []
        var index = 0
        while index < values.count {
            var end = index
            while end + 1 < values.count, values[end + 1] == values[end] + 1 { end += 1 }
            let first = names[values[index] - offset], last = names[values[end] - offset]
            parts.append(end - index >= 2 ? "\(first) to \(last)" : end > index ? "\(first), \(last)" : first)
            index = end + 1
        }
        return list(parts.flatMap { $0.contains(", ") ? $0.components(separatedBy: ", ") : [$0] })
    }
}
