import Foundation

/// Reads the short durations DAG files use for `retry_delay`, `execution_timeout`, `interval` and
/// the like: `30s`, `5m`, `1h`, `1d`, `1w`, combinations such as `1h30m` (spaces allowed between
/// parts), and plain whole numbers, which are seconds.
///
/// It exists so every duration in a DAG file is read one way, with errors that point at the
/// offending character. It does not accept months or years (their length varies) or fractions.
public enum DurationParser {
    /// The number of seconds `text` stands for; throws `ScheduleError` with the offset of the bad part.
    public static func seconds(from text: String) throws -> TimeInterval {
        let characters = Array(text)
        var index = 0
        var total = 0.0
        var sawPart = false
        var usedUnits = Set<Character>()
        func skipSpaces() { while index < characters.count, characters[index].isWhitespace { index += 1 } }
        skipSpaces()
        while index < characters.count {
            let numberStart = index
            while index < characters.count, ("0"..."9").contains(characters[index]) { index += 1 }
            guard index > numberStart else {
                throw ScheduleError(
                    offset: index,
                    message: "duration '\(UserText.quote(text))' must be a whole number of seconds or parts like 30s, 5m, 1h, 1d, 1w; '\(characters[index])' is unexpected"
                )
            }
            let digits = String(characters[numberStart..<index])
            guard digits.count <= 12, let amount = Double(digits) else {
                throw ScheduleError(offset: numberStart, message: "duration '\(UserText.quote(text))' has a number too large to be a duration")
            }
            skipSpaces()
            if index == characters.count {
                guard !sawPart else {
                    throw ScheduleError(offset: numberStart, message: "duration '\(UserText.quote(text))' has a number without a unit after other parts; add s, m, h, d or w")
                }
                return amount
            }
            let unit = Character(characters[index].lowercased())
            let multiplier: Double
            switch unit {
            case "s": multiplier = 1
            case "m": multiplier = 60
            case "h": multiplier = 3600
            case "d": multiplier = 86_400
            case "w": multiplier = 604_800
            default:
                throw ScheduleError(
                    offset: index,
                    message: "duration '\(UserText.quote(text))' has an unknown unit '\(characters[index])'; use s, m, h, d or w"
                )
            }
            guard usedUnits.insert(unit).inserted else {
                throw ScheduleError(offset: index, message: "duration '\(UserText.quote(text))' gives the unit '\(unit)' twice")
            }
            total += amount * multiplier
            sawPart = true
            index += 1
            skipSpaces()
        }
        guard sawPart else {
            throw ScheduleError(offset: 0, message: "duration is empty; write e.g. 30s, 5m, 1h30m or a number of seconds")
        }
        return total
    }
}
