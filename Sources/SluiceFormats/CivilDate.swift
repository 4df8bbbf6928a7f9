/// A proleptic Gregorian calendar date from a day count, without Foundation.
///
/// Uses the "days from civil" inversion popularised by Howard Hinnant: shift the year to start on March 1
/// so the leap day is last, split days into 400-year eras (146097 days each), then into the year of the
/// era and the day of that year, and read the month from a 153-day five-month cycle.
/// Years are astronomical (year 0 is 1 BC), as PostgreSQL's j2date computes them.
struct CivilDate {
    var year: Int
    var month: Int
    var day: Int

    /// The date `days` days after 2000-01-01 (PostgreSQL's epoch).
    @inline(__always)
    init(daysSince2000 days: Int) {
        let z = days + 10957 + 719468 // days since 0000-03-01
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }
}
