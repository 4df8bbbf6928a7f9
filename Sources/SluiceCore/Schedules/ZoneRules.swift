import Foundation

/// Conversions between instants and naive local wall-clock time in one IANA zone, with the rule
/// Airflow applies when it makes a naive time aware (`make_aware`, which sets `fold=1`):
/// - a local time skipped by a spring-forward change is read with the offset from before the change,
///   which lands it that much later on the new wall clock (02:30 on a 02:00→03:00 day is 03:30);
/// - a local time that occurs twice after a fall-back change is the second occurrence (the later
///   instant, with the offset from after the change).
/// It only asks `TimeZone.secondsFromGMT(for:)`, a few times per conversion, and never `Calendar`.
struct ZoneRules {
    let zone: TimeZone

    /// How far around a local time to look for an offset change.
    private static let probe: Int64 = 2 * 86_400

    func offset(atInstant seconds: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }

    /// The instant (seconds since 1970) at which the wall clock shows `local`.
    func instant(fromLocal local: Int64) -> Int64 {
        let before = offset(atInstant: local - Self.probe)
        let after = offset(atInstant: local + Self.probe)
        if before == after { return local - before }
        let early = local - before, late = local - after
        let earlyExists = offset(atInstant: early) == before
        let lateExists = offset(atInstant: late) == after
        switch (earlyExists, lateExists) {
        case (true, true): return max(early, late)   // repeated: the second occurrence
        case (true, false): return early
        case (false, true): return late
        case (false, false): return early            // skipped: keep the offset from before
        }
    }
}
