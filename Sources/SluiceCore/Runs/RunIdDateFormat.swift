import Foundation

/// Formats an instant the way Airflow writes it inside run ids and logs:
/// ISO 8601 in UTC with an explicit `+00:00` offset, and microseconds only when
/// they are not zero (Python's `datetime.isoformat()`), e.g. `2021-01-15T00:00:00+00:00`.
///
/// It exists so run ids are byte-identical to Airflow's, whatever the locale or
/// time zone of the machine; it never parses, and it rounds to whole microseconds.
public enum RunIdDateFormat {
    /// The ISO 8601 text of `date` in UTC, e.g. `2021-01-15T00:00:00.250000+00:00`; with an offset,
    /// the wall-clock time at that offset and the offset itself (`2021-03-28T03:00:00+02:00`).
    /// Instants beyond ±200,000 years (only reachable through corrupt data) are clamped there.
    public static func string(from date: Date, offsetSeconds: Int = 0) -> String {
        let limit: Double = 6.3e12
        let since1970 = date.timeIntervalSince1970
        let clamped: Double = since1970.isNaN ? 0 : min(max(since1970, -limit), limit)
        let offset = Int64(min(max(offsetSeconds, -86_400), 86_400))
        let micros = Int64((clamped * 1_000_000).rounded()) + offset * 1_000_000
        let seconds = floorDivide(micros, 1_000_000)
        let fraction = micros - seconds * 1_000_000
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilTime.date(days: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text += "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction != 0 {
            text += "." + pad(fraction, 6)
        }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return text + sign + pad(magnitude / 3600, 2) + ":" + pad(magnitude % 3600 / 60, 2)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(abs(value))
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
