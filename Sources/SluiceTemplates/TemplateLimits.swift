/// The bounds that keep one template from taking down the process that renders it.
///
/// A template comes from a DAG file, so it is user input: 10,000 nested `{% if %}` blocks would
/// overflow the parser's stack, a loop over a repeated list could fill memory, and date arithmetic
/// past year 9999 would overflow. Each limit turns those into a `TemplateError` at the place that
/// broke it. They are generous for SQL templates; docs/dag-format.md lists them.
public enum TemplateLimits {
    /// How deep blocks, parentheses, brackets and operator chains may nest, all counted together.
    public static let nesting = 64
    /// The most text one render may produce (and the longest string it may build): 16 MiB.
    public static let outputBytes = 16 * 1_048_576
    /// The most items a list built by a template may hold.
    public static let listItems = 1_000_000
    /// The most `for` loop iterations one render may run, all loops together.
    public static let loopIterations = 100_000
    /// Days since 1970-01-01 of 0001-01-01 and 9999-12-31: Python's date range.
    static let days = -719_162...2_932_896
    /// The longest timedelta, in microseconds either way: 100,000,000 days.
    static let timedeltaMicroseconds = -8_640_000_000_000_000_000...8_640_000_000_000_000_000

    /// Megabytes of `outputBytes`, for messages.
    static var outputMegabytes: Int { outputBytes / 1_048_576 }
}

/// Integer arithmetic for template values: an overflow or a date past Python's range is a
/// `TemplateError`, never a trap.
enum TemplateArithmetic {
    static func sum(_ a: Int, _ b: Int) throws -> Int {
        let (r, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw TemplateError(message: "the result is too large for an integer") }
        return r
    }

    static func product(_ a: Int, _ b: Int) throws -> Int {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw TemplateError(message: "the result is too large for an integer") }
        return r
    }

    /// A day number checked against years 1...9999.
    static func date(days: Int) throws -> TemplateDate {
        guard TemplateLimits.days.contains(days) else { throw TemplateError(message: "date value out of range (years 1 to 9999)") }
        return TemplateDate(daysSinceEpoch: days)
    }

    /// A duration checked against ±100,000,000 days.
    static func timedelta(microseconds: Int) throws -> TemplateTimeDelta {
        guard TemplateLimits.timedeltaMicroseconds.contains(microseconds) else {
            throw TemplateError(message: "timedelta out of range (at most 100000000 days either way)")
        }
        return TemplateTimeDelta(microseconds: microseconds)
    }

    /// A datetime whose wall-clock date is within years 1...9999.
    static func checked(_ value: TemplateDateTime) throws -> TemplateDateTime {
        _ = try date(days: CivilCalendar.floorDiv(value.localMicroseconds, CivilCalendar.microsecondsPerDay))
        return value
    }

    /// A string of `bytes` UTF-8 bytes may be built.
    static func checkLength(_ bytes: Int) throws {
        guard bytes <= TemplateLimits.outputBytes else {
            throw TemplateError(message: "the text would be longer than \(TemplateLimits.outputMegabytes) MiB")
        }
    }

    /// A list or dictionary holding `elements` may be built: its lists and dictionaries nest less
    /// than `TemplateLimits.nesting` deep (a loop running `{% set x = [x] %}` would otherwise build a
    /// value whose printing and freeing overflow the stack). The walk stops at that depth and after
    /// `TemplateLimits.listItems` containers, so it costs little even for values shared many times over.
    static func checkNesting(_ elements: [TemplateValue]) throws {
        var pending: [(TemplateValue, Int)] = elements.map { ($0, 2) }
        var visited = 0
        while let (value, depth) = pending.popLast() {
            let children: [TemplateValue]
            switch value {
            case .list(let items), .tuple(let items): children = items
            case .dict(let d): children = d.values
            default: continue
            }
            visited += 1
            guard depth <= TemplateLimits.nesting, visited <= TemplateLimits.listItems else {
                throw TemplateError(message: "the value would nest lists and dictionaries more than \(TemplateLimits.nesting) levels deep")
            }
            for child in children {
                switch child {
                case .list, .tuple, .dict: pending.append((child, depth + 1))
                default: break
                }
            }
        }
    }

    /// A list of `count` items may be built.
    static func checkItems(_ count: Int) throws {
        guard count <= TemplateLimits.listItems else {
            throw TemplateError(message: "the list would have more than \(TemplateLimits.listItems) items")
        }
    }
}
