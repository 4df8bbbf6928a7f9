/// Turns the text of a five-field cron expression (or an `@` preset) into `CronFields`.
///
/// The grammar and its corner cases follow croniter, which Airflow uses:
/// - fields: minute (0-59), hour (0-23), day-of-month (1-31), month (1-12 or JAN-DEC),
///   day-of-week (0-7 or SUN-SAT, 0 and 7 are Sunday); names are case-insensitive;
/// - items: `*`, `n`, `a-b`, `a-b/s`, `*/s`, `n/s` (= `n-max/s`), comma-separated lists; `?` is `*`
///   in the two day fields, written alone;
/// - `L` in day-of-month is the last day of the month, alone, in a list or ending a range (`10-L`);
/// - in day-of-week, `Ln` is the last weekday n of the month (`L5`, the last Friday; croniter does
///   not accept `5L`) and `d#n` the n-th one (`1#1`, `FRI#3`, n = 1...5); a month without that
///   occurrence is skipped; a range of day names before `#` (`MON-FRI#1`) is that occurrence of each
///   day in it. Such items may only be listed with each other (as croniter requires; unless the
///   list has all seven weekdays or a `*` beside them, which croniter then ignores), and when
///   day-of-month is restricted too, croniter runs on the `#`/`L` days alone, provided some of them
///   fall on a day-of-month day (otherwise it never runs: an error here);
/// - a range written backwards wraps around (`FRI-MON`, `22-2`), and a range whose two ends are equal
///   (`MON-MON`) means the whole field, as croniter decides;
/// - a field whose values cover its whole range counts as `*` (so `0-23` covers every hour), except
///   that a day field keeps its list when the other day field has no `*` in it;
/// - when both day fields are restricted, a day matches if either matches.
/// It does not accept croniter's other extensions (`W`, `H`, seconds or year fields): each is an
/// error naming what is unsupported.
enum CronParser {
    /// What one field accepts.
    struct Field {
        let name: String
        let min: Int
        let max: Int
        /// The largest number accepted when written (7 for day-of-week, an alias of 0).
        let writtenMax: Int
        let names: [String]  // index + min = value
        let namesHint: String
    }

    static let fields: [Field] = [
        Field(name: "minute", min: 0, max: 59, writtenMax: 59, names: [], namesHint: ""),
        Field(name: "hour", min: 0, max: 23, writtenMax: 23, names: [], namesHint: ""),
        Field(name: "day-of-month", min: 1, max: 31, writtenMax: 31, names: [], namesHint: ""),
        Field(
            name: "month", min: 1, max: 12, writtenMax: 12,
            names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            namesHint: " or a month name (JAN-DEC)"
        ),
        Field(
            name: "day-of-week", min: 0, max: 6, writtenMax: 7,
            names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
            namesHint: " or a day name (SUN-SAT)"
        ),
    ]

    static let fieldList = "minute hour day-of-month month day-of-week"

    /// One whitespace-separated piece of the text with its character offset.
    struct Token {
        let text: String
        let offset: Int
    }

    /// The values one field allows, and how croniter would see its `*`.
    struct ParsedField {
        /// Every value the field allows.
        var values: UInt64 = 0
        /// The values written as numbers, names, ranges or steps (not a bare `*`).
        var listed: UInt64 = 0
        var hasBareStar = false
        var onlyBareStars = true
        /// `L` in day-of-month.
        var lastDay = false
        /// `#` and `L` items in day-of-week, as `CronFields.nthWeekdays`.
        var nth: UInt64 = 0
        /// The weekdays of those items.
        var nthWeekdays: UInt64 = 0

        /// How many entries croniter's expanded list has: each listed value, plus one for `*` and
        /// one for `L`.
        var croniterCount: Int { listed.nonzeroBitCount + (hasBareStar ? 1 : 0) + (lastDay ? 1 : 0) }
    }

    static func parse(_ text: String) throws -> CronFields {
        let tokens = split(text)
        if let first = tokens.first, first.text.hasPrefix("@") {
            if tokens.count > 1 {
                throw ScheduleError(
                    offset: tokens[1].offset,
                    message: "the preset '\(UserText.quote(first.text))' must stand alone, but '\(UserText.quote(tokens[1].text))' follows it"
                )
            }
            if first.text.lowercased() == "@once" {
                throw ScheduleError(
                    offset: first.offset,
                    message: "'@once' is a schedule of its own (one run at the start date), not a cron expression"
                )
            }
            guard let cron = CronPreset.expansion(of: first.text) else {
                var message = "unknown preset '\(UserText.quote(first.text))'"
                if let suggestion = CronPreset.suggestion(for: first.text) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; known presets are " + CronPreset.expansions.map(\.name).joined(separator: " ")
                }
                throw ScheduleError(offset: first.offset, message: message)
            }
            return try parseFields(split(cron))
        }
        return try parseFields(tokens, fullLength: text.count)
    }

    static func split(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var start = 0
        for (offset, character) in text.enumerated() {
            if character.isWhitespace {
                if !current.isEmpty { tokens.append(Token(text: current, offset: start)) }
                current = ""
            } else {
                if current.isEmpty { start = offset }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(Token(text: current, offset: start)) }
        return tokens
    }

    static func parseFields(_ tokens: [Token], fullLength: Int = 0) throws -> CronFields {
        guard tokens.count == 5 else {
            let offset = tokens.count > 5 ? tokens[5].offset : fullLength
            throw ScheduleError(
                offset: offset,
                message: "expected 5 fields (\(fieldList)), got \(tokens.count)"
            )
        }
        var parsed: [ParsedField] = []
        for (index, token) in tokens.enumerated() {
            parsed.append(try parseField(token, fields[index]))
        }
        let (minute, hour, dom, month, dow) = (parsed[0], parsed[1], parsed[2], parsed[3], parsed[4])
        let domText = tokens[2].text, dowText = tokens[4].text
        let domFull = dom.croniterCount == 31
        let dowFull = dow.croniterCount == 7
        let dayOfMonthIsStar = dom.hasBareStar || (domFull && dowText.contains("*"))
        let dayOfWeekIsStar = dow.hasBareStar || (dowFull && domText.contains("*"))
        // croniter turns a field into '*' when its list has as many entries as the field has values,
        // counting a bare '*' as one entry: `0-23` and even `21-19,*` (23 values and '*') cover every
        // hour, while `*,5` (two entries) does not, although it allows every hour.
        let coversEveryHour = hour.onlyBareStars || hour.croniterCount == 24

        if dayOfWeekIsStar && !dayOfMonthIsStar && !dom.lastDay {
            try checkDayOfMonthOccurs(dom.values, months: month.values, domToken: tokens[2], monthToken: tokens[3])
        }
        let fields = CronFields(
            minutes: minute.values, hours: hour.values, daysOfMonth: dom.values,
            months: month.values, daysOfWeek: dow.values,
            dayOfMonthIsStar: dayOfMonthIsStar, dayOfWeekIsStar: dayOfWeekIsStar,
            coversEveryHour: coversEveryHour, lastDayOfMonth: dom.lastDay, nthWeekdays: dow.nth
        )
        if dow.nth != 0 && !dayOfMonthIsStar && !fields.nthWeekdaysMeetDaysOfMonth() {
            throw ScheduleError(
                offset: tokens[2].offset,
                message: "day-of-month field '\(UserText.quote(domText))' never falls on a day of day-of-week field '\(UserText.quote(dowText))' in the months of month field '\(UserText.quote(tokens[3].text))'; with '#' or 'L' in day-of-week croniter needs both, so the schedule would never run"
            )
        }
        return fields
    }

    static func fullMask(_ field: Field) -> UInt64 {
        var mask: UInt64 = 0
        for value in field.min...field.max { mask |= 1 << UInt64(value) }
        return mask
    }

    /// Rejects day-of-month values that no allowed month has (`0 0 31 2 *`): such a schedule would
    /// never run, and croniter only finds out when it gives up searching.
    static func checkDayOfMonthOccurs(_ days: UInt64, months: UInt64, domToken: Token, monthToken: Token) throws {
        let longest: [Int] = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for month in 1...12 where months & (1 << UInt64(month)) != 0 {
            let possible: UInt64 = ((1 << UInt64(longest[month] + 1)) - 1) & ~1
            if days & possible != 0 { return }
        }
        throw ScheduleError(
            offset: domToken.offset,
            message: "day-of-month field '\(UserText.quote(domToken.text))' never occurs in the months of month field '\(UserText.quote(monthToken.text))', so the schedule would never run"
        )
    }

    static func parseField(_ token: Token, _ field: Field) throws -> ParsedField {
        var result = ParsedField()
        var itemStart = 0
        let characters = Array(token.text)
        var items: [(text: String, offset: Int)] = []
        for index in 0...characters.count {
            if index == characters.count || characters[index] == "," {
                items.append((String(characters[itemStart..<index]), token.offset + itemStart))
                itemStart = index + 1
            }
        }
        for item in items {
            guard !item.text.isEmpty else {
                throw ScheduleError(
                    offset: item.offset,
                    message: "\(field.name) field '\(UserText.quote(token.text))' has an empty item in its list"
                )
            }
            if item.text.contains("?") && (item.text != "?" || items.count > 1 || !field.name.hasPrefix("day")) {
                throw ScheduleError(
                    offset: item.offset,
                    message: "\(field.name) field '\(UserText.quote(token.text))' uses '?', which croniter accepts only as the whole day-of-month or day-of-week field"
                )
            }
            try parseItem(item.text, offset: item.offset, field, into: &result)
        }
        // croniter refuses plain weekdays beside '#'/'L' items, unless its list of the field then holds
        // all seven entries (a bare '*' counting as one): `*,SAT#3` and `0-6,SAT#3` are the third
        // Saturday alone, `5,6#3` and `*,1,SAT#3` are errors.
        if result.nth != 0 && result.listed & ~result.nthWeekdays != 0 && result.croniterCount != 7 {
            throw ScheduleError(
                offset: token.offset,
                message: "day-of-week field '\(UserText.quote(token.text))' mixes '#' or 'L' items with other weekdays, which croniter does not accept; list only items such as 1#1,L5"
            )
        }
        return result
    }

    static func parseItem(_ item: String, offset: Int, _ field: Field, into result: inout ParsedField) throws {
        let isDayField = field.name.hasPrefix("day")
        let parts = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else {
            throw ScheduleError(offset: offset, message: "\(field.name) field '\(UserText.quote(item))' has more than one '/'")
        }
        let base = parts[0]
        var step: Int?
        if parts.count == 2 {
            let stepText = parts[1]
            let stepOffset = offset + base.count + 1
            guard !stepText.isEmpty, stepText.allSatisfy(isDigit), let value = Int(stepText) else {
                throw ScheduleError(
                    offset: stepOffset,
                    message: "\(field.name) field step '\(UserText.quote(stepText))' is not a whole number"
                )
            }
            guard value >= 1 else {
                throw ScheduleError(offset: stepOffset, message: "\(field.name) field step '\(UserText.quote(stepText))' must be at least 1")
            }
            // A step past the field's size picks only the start, as croniter does; capping it keeps
            // the additions below from overflowing (`1-5/9223372036854775807`).
            step = min(value, field.max - field.min + 1)
        }

        if field.name == "day-of-month" && base.uppercased() == "L" {
            guard step == nil else {
                throw ScheduleError(
                    offset: offset,
                    message: "day-of-month field '\(UserText.quote(item))' puts a step on 'L'; 'L' (the last day) stands alone, in a list or at the end of a range (1-L/2)"
                )
            }
            result.lastDay = true
            result.onlyBareStars = false
            return
        }
        if field.name == "day-of-week", let (weekdays, occurrence) = try nthWeekday(base, offset: offset, field) {
            guard step == nil else {
                throw ScheduleError(
                    offset: offset,
                    message: "day-of-week field '\(UserText.quote(item))' puts a step on a '#' or 'L' item, which croniter does not accept"
                )
            }
            for weekday in 0...6 where weekdays & (1 << UInt64(weekday)) != 0 {
                result.nth |= 1 << UInt64(weekday * 8 + occurrence)
            }
            result.nthWeekdays |= weekdays
            result.listed |= weekdays
            result.onlyBareStars = false
            return
        }
        if base == "*" || (base == "?" && isDayField) {
            if let step {
                add(from: field.min, through: field.max, step: step, into: &result)
            } else {
                result.values |= fullMask(field)
                result.hasBareStar = true
                return
            }
            result.onlyBareStars = false
            return
        }
        result.onlyBareStars = false
        guard !base.isEmpty else {
            throw ScheduleError(offset: offset, message: "\(field.name) field '\(UserText.quote(item))' has nothing before its '/'")
        }

        let bounds = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if bounds.count == 2 {
            guard !bounds[0].isEmpty, !bounds[1].isEmpty else {
                throw ScheduleError(
                    offset: offset,
                    message: "\(field.name) field '\(UserText.quote(item))' is not a valid range (negative numbers are not allowed)"
                )
            }
            let low = try value(bounds[0], offset: offset, field)
            // `10-L` is `10-31` (croniter); `L` cannot start a range.
            let endsAtLast = field.name == "day-of-month" && bounds[1].uppercased() == "L"
            let high = endsAtLast ? field.max : try value(bounds[1], offset: offset + bounds[0].count + 1, field)
            let step = step ?? 1
            if low == high {
                // croniter reads an equal range such as MON-MON as the whole cycle.
                add(from: field.min, through: field.max, step: step, into: &result)
            } else if low < high {
                add(from: low, through: high, step: step, into: &result)
            } else {
                addWrapping(from: low, through: high, step: step, field, into: &result)
            }
            return
        }
        guard bounds.count == 1 else {
            throw ScheduleError(offset: offset, message: "\(field.name) field '\(UserText.quote(item))' is not a valid range")
        }
        let start = try value(base, offset: offset, field)
        if let step {
            // "n/s" is "n-max/s"; at the field's maximum it is just n.
            add(from: start, through: start == field.max ? start : field.max, step: step, into: &result)
        } else {
            result.values |= 1 << UInt64(start)
            result.listed |= 1 << UInt64(start)
        }
    }

    /// `L5` (the last Friday of the month, occurrence 6), `FRI#3` (the third Friday, occurrence 3) or
    /// `MON-FRI#1` (the first of each weekday in the range, as croniter reads it): the weekdays (bit n
    /// = weekday n) and the occurrence; nil when `text` is none of these forms.
    static func nthWeekday(_ text: String, offset: Int, _ field: Field) throws -> (weekdays: UInt64, occurrence: Int)? {
        if text.count > 1, text.uppercased().hasPrefix("L"), text.dropFirst().allSatisfy(isDigit) {
            return (1 << UInt64(try value(String(text.dropFirst()), offset: offset + 1, field)), 6)
        }
        let pieces = text.split(separator: "#", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count == 2, !pieces[0].isEmpty else { return nil }
        let weekdays = try nthWeekdayRange(pieces[0], offset: offset, field)
        let countText = pieces[1]
        guard !countText.isEmpty, countText.count <= 9, countText.allSatisfy(isDigit), let occurrence = Int(countText),
              (1...5).contains(occurrence) else {
            throw ScheduleError(
                offset: offset + pieces[0].count + 1,
                message: "day-of-week field '\(UserText.quote(text))' asks for occurrence '\(UserText.quote(countText))'; '#' takes 1-5 (FRI#3 is the third Friday of the month)"
            )
        }
        return (weekdays, occurrence)
    }

    /// The weekdays before a `#`: one day, or a range of day names (`MON-FRI`; wrapping `FRI-MON`;
    /// `MON-MON` is every day, as for plain ranges). croniter rejects a range with a number in it.
    static func nthWeekdayRange(_ text: String, offset: Int, _ field: Field) throws -> UInt64 {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count == 2, !bounds[0].isEmpty, !bounds[1].isEmpty else {
            return 1 << UInt64(try value(text, offset: offset, field))
        }
        guard !bounds.contains(where: { $0.contains(where: isDigit) }) else {
            throw ScheduleError(
                offset: offset,
                message: "day-of-week field '\(UserText.quote(text))' is a range of numbers before '#', which croniter does not accept; write it with day names (MON-FRI#1)"
            )
        }
        let low = try value(bounds[0], offset: offset, field)
        let high = try value(bounds[1], offset: offset + bounds[0].count + 1, field)
        var range = ParsedField()
        if low == high {
            add(from: field.min, through: field.max, step: 1, into: &range)
        } else if low < high {
            add(from: low, through: high, step: 1, into: &range)
        } else {
            addWrapping(from: low, through: high, step: 1, field, into: &range)
        }
        return range.values
    }

    /// A range written backwards (`FRI-MON`, `50-10/15`): from `low` up to the field's end, then on
    /// from its start. The phase after the wrap is croniter's, which counts the distance to the
    /// field's end one short (so `50-10/15` gives minutes 50 and 6).
    static func addWrapping(from low: Int, through high: Int, step: Int, _ field: Field, into result: inout ParsedField) {
        var last = low
        var value = low
        while value <= field.max {
            result.values |= 1 << UInt64(value)
            result.listed |= 1 << UInt64(value)
            last = value
            value += step
        }
        let size = field.max - field.min + 1
        let alreadySkipped = field.max - last
        var skip = 0
        if (last - field.min) + step > size && alreadySkipped < step {
            skip = step - alreadySkipped
        }
        add(from: field.min + skip, through: high, step: step, into: &result)
    }

    static func add(from low: Int, through high: Int, step: Int, into result: inout ParsedField) {
        var value = low
        while value <= high {
            result.values |= 1 << UInt64(value)
            result.listed |= 1 << UInt64(value)
            value += step
        }
    }

    /// A number or a name, checked against the field's range; day-of-week 7 becomes 0 (Sunday).
    static func value(_ text: String, offset: Int, _ field: Field) throws -> Int {
        var number: Int?
        if text.allSatisfy(isDigit) {
            guard text.count <= 9, let parsed = Int(text), parsed >= field.min, parsed <= field.writtenMax else {
                throw ScheduleError(
                    offset: offset,
                    message: "\(field.name) field '\(UserText.quote(text))' is out of range \(field.min)-\(field.writtenMax)"
                )
            }
            number = parsed
        } else if let index = field.names.firstIndex(of: text.lowercased()) {
            number = index + field.min
        }
        guard let number else {
            throw ScheduleError(offset: offset, message: unknownValueMessage(text, field))
        }
        return number == 7 && field.name == "day-of-week" ? 0 : number
    }

    static func unknownValueMessage(_ text: String, _ field: Field) -> String {
        let upper = text.uppercased()
        let unsupported: String?
        if upper.hasPrefix("-") {
            return "\(field.name) field '\(text)' is negative; cron values are never negative"
        } else if upper.contains("#") {
            if field.name == "day-of-week" {
                return "day-of-week field '\(UserText.quote(text))' is not a valid '#' item; write a weekday, '#' and 1-5 (FRI#3 is the third Friday)"
            }
            return "\(field.name) field '\(UserText.quote(text))' uses '#' (nth weekday of the month), which only the day-of-week field accepts"
        } else if upper.contains("L") && !upper.contains("W")
            && (upper.filter({ $0 != "L" }).allSatisfy(isDigit) || (field.name == "day-of-week" && upper.hasSuffix("L"))) {
            return lastDayMessage(text, field)
        } else if upper.contains("W") && upper.contains(where: isDigit) {
            unsupported = "'W' (nearest weekday)"
        } else if upper == "LW" {
            unsupported = "'W' (nearest weekday)"
        } else if upper.hasPrefix("H") || upper.hasPrefix("R") {
            unsupported = "hashed or random values ('H', 'R')"
        } else {
            unsupported = nil
        }
        if let unsupported {
            return "\(field.name) field '\(text)' uses \(unsupported), which Sluice does not support"
        }
        return "\(field.name) field '\(text)' is not a number\(field.namesHint)"
    }

    /// Why an `L` in `text` is not accepted where it stands.
    static func lastDayMessage(_ text: String, _ field: Field) -> String {
        switch field.name {
        case "day-of-month":
            return "day-of-month field '\(UserText.quote(text))' is not a valid use of 'L'; 'L' (the last day) stands alone, in a list or at the end of a range (10-L)"
        case "day-of-week":
            let day = String(text.dropLast())
            if text.uppercased().hasSuffix("L"), let number = (try? value(day, offset: 0, field)) {
                return "day-of-week field '\(UserText.quote(text))' is not croniter's form; write the last such weekday of the month as 'L\(number)' (L5 is the last Friday)"
            }
            return "day-of-week field '\(UserText.quote(text))' is not a valid use of 'L'; write 'L' and a day number 0-7 (L5 is the last Friday of the month)"
        default:
            return "\(field.name) field '\(UserText.quote(text))' uses 'L' (last), which only the day-of-month and day-of-week fields accept"
        }
    }

    /// 0-9 only, unlike `Character.isNumber`, which also accepts other scripts' digits.
    static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }
}
