import SluiceCore

/// Babel's `format_datetime` patterns (CLDR: `yyyy-MM-dd`, `EEEE d MMMM`, `'at' h:mm a`), as
/// `macros.ds_format_locale` uses them, in the locales of `TemplateLocaleNames.babel`. A field Sluice
/// does not know (`Q`, `w`, `G`, `z`...) is an error naming it.
struct BabelDateFormat {
    let names: TemplateLocaleNames

    init(locale: String) throws {
        let code = locale.replacingOccurrences(of: "-", with: "_")
        if let names = TemplateLocaleNames.babel[code] {
            self.names = names
        } else if let match = TemplateLocaleNames.babel.keys.sorted().first(where: { $0.lowercased().hasPrefix(code.lowercased() + "_") }),
                  let names = TemplateLocaleNames.babel[match] {
            self.names = names
        } else {
            let known = TemplateLocaleNames.babel.keys.sorted().joined(separator: ", ")
            throw TemplateError(message: "Sluice knows the locales \(known), not '\(UserText.quote(locale))'")
        }
    }

    func format(_ dt: TemplateDateTime, _ pattern: String) throws -> String {
        let s = Array(pattern)
        var out = ""
        var i = 0
        let f = dt.fields
        while i < s.count {
            let c = s[i]
            if c == "'" {
                // 'quoted text'; '' is a quote.
                if i + 1 < s.count, s[i + 1] == "'" { out += "'"; i += 2; continue }
                var j = i + 1
                while j < s.count {
                    if s[j] == "'" {
                        if j + 1 < s.count, s[j + 1] == "'" { out += "'"; j += 2; continue }
                        break
                    }
                    out.append(s[j])
                    j += 1
                }
                i = j + 1
                continue
            }
            guard c.isASCII, c.isLetter else {
                out.append(c)
                i += 1
                continue
            }
            var count = 1
            while i + count < s.count, s[i + count] == c { count += 1 }
            i += count
            func pad(_ v: Int, _ width: Int) { CivilCalendar.appendPadded(v, width: width, to: &out) }
            let weekday = CivilCalendar.weekday(days: f.days)
            switch c {
            case "y": count == 2 ? pad(f.year % 100, 2) : pad(f.year, count)
            case "M":
                switch count {
                case 1, 2: pad(f.month, count)
                case 3: out += names.monthsAbbreviated[f.month - 1]
                case 4: out += names.months[f.month - 1]
                default: out += names.months[f.month - 1].prefix(1).uppercased()
                }
            case "d": pad(f.day, min(count, 2))
            case "D": pad(f.days - CivilCalendar.days(year: f.year, month: 1, day: 1) + 1, count)
            case "E":
                switch count {
                case 1, 2, 3: out += names.daysAbbreviated[weekday]
                case 4: out += names.days[weekday]
                case 5: out += names.days[weekday].prefix(1).uppercased()
                default: out += names.daysShort[weekday]
                }
            case "h": pad(f.hour % 12 == 0 ? 12 : f.hour % 12, min(count, 2))
            case "H": pad(f.hour, min(count, 2))
            case "m": pad(f.minute, min(count, 2))
            case "s": pad(f.second, min(count, 2))
            case "a": out += f.hour < 12 ? names.am : names.pm
            default:
                throw TemplateError(message: "Sluice does not support the date field '\(String(repeating: c, count: count))' of Babel's patterns; use y M d D E h H m s a and 'quoted text'")
            }
        }
        return out
    }
}
