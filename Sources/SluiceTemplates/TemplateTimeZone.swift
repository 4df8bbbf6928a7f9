import Foundation

/// A time zone value in a template, such as `dag.timezone` or the argument of `in_timezone`.
///
/// It renders as its name (`Europe/Berlin`, `UTC`), as pendulum's time zones do. UTC is handled
/// without Foundation so that the common case stays cheap.
public struct TemplateTimeZone: Sendable, Equatable {
    /// The IANA name, or `UTC`.
    public let name: String
    let zone: TimeZone?

    public static let utc = TemplateTimeZone(name: "UTC", zone: nil)

    private init(name: String, zone: TimeZone?) {
        self.name = name
        self.zone = zone
    }

    /// A zone by IANA name (`Europe/Berlin`); `UTC`, `Etc/UTC`, `GMT` and `Z` give UTC. Nil if unknown.
    public init?(name: String) {
        switch name {
        case "UTC", "utc", "Etc/UTC", "GMT", "Etc/GMT", "Z", "Universal", "Zulu":
            self = .utc
        default:
            guard let zone = TimeZone(identifier: name) else { return nil }
            self.init(name: name, zone: zone)
        }
    }

    /// Wraps a Foundation time zone; a zone with no offset and no daylight saving time is UTC.
    public init(_ timeZone: TimeZone) {
        let id = timeZone.identifier
        if let known = TemplateTimeZone(name: id) {
            self = known
        } else {
            self.init(name: id, zone: timeZone)
        }
    }

    /// The UTC offset in seconds at an instant given in microseconds since the epoch.
    func offsetSeconds(atMicroseconds micros: Int) -> Int {
        guard let zone else { return 0 }
        let seconds = Double(CivilCalendar.floorDiv(micros, CivilCalendar.microsecondsPerSecond))
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
    }

    /// The offset for a wall-clock time in this zone (as microseconds as if it were UTC): the offset
    /// in force just before a gap or an overlap, as Python's `fold=0`.
    func offsetSeconds(forWallClockMicroseconds wall: Int) -> Int {
        guard zone != nil else { return 0 }
        let first = offsetSeconds(atMicroseconds: wall - 86_400 * CivilCalendar.microsecondsPerSecond)
        let candidate = offsetSeconds(atMicroseconds: wall - first * CivilCalendar.microsecondsPerSecond)
        if candidate == first { return first }
        let second = offsetSeconds(atMicroseconds: wall - candidate * CivilCalendar.microsecondsPerSecond)
        return second == candidate ? candidate : first
    }

    /// The instant of a wall-clock time in this zone as pendulum's `Timezone.convert` resolves it with
    /// `fold`: a time that exists twice is the first (fold 0) or second (fold 1) occurrence; a time in a
    /// gap moves back (fold 0) or forward (fold 1) by the gap (02:30 on Berlin's spring day is 01:30 CET
    /// or 03:30 CEST).
    func instant(forWallClockMicroseconds wall: Int, fold: Int) -> Int {
        guard zone != nil else { return wall }
        let second = CivilCalendar.microsecondsPerSecond
        let before = offsetSeconds(atMicroseconds: wall - 86_400 * second)
        let after = offsetSeconds(atMicroseconds: wall + 86_400 * second)
        if before == after { return wall - offsetSeconds(atMicroseconds: wall - before * second) * second }
        let early = wall - before * second, late = wall - after * second
        let earlyValid = offsetSeconds(atMicroseconds: early) == before
        let lateValid = offsetSeconds(atMicroseconds: late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return fold == 0 ? early : late
        case (true, false): return early
        case (false, true): return late
        case (false, false): return fold == 0 ? late : early
        }
    }

    /// The abbreviation `%Z` prints (`UTC`, `CET`, `CEST`).
    func abbreviation(atMicroseconds micros: Int) -> String {
        guard let zone else { return "UTC" }
        let date = Date(timeIntervalSince1970: Double(CivilCalendar.floorDiv(micros, CivilCalendar.microsecondsPerSecond)))
        return TimeZoneAbbreviations.abbreviation(zoneName: zone.identifier, atSecond: Int(date.timeIntervalSince1970), offsetSeconds: zone.secondsFromGMT(for: date),
                                                  isDaylightSaving: zone.isDaylightSavingTime(for: date))
            ?? zone.abbreviation(for: date) ?? name
    }
}
