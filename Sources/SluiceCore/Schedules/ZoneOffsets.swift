import Foundation

/// A zone's UTC offsets around the instants a computation asks about, and the conversion of naive
/// local wall-clock time back to an instant with the rule Airflow applies (`make_aware`, `fold=1`):
/// - a local time skipped by a spring-forward change is read with the offset from before the change,
///   which lands it that much later on the new wall clock (02:30 on a 02:00→03:00 day is 03:30);
/// - a local time that occurs twice after a fall-back change is the second occurrence (the later
///   instant, with the offset from after the change).
///
/// Why it exists: `TimeZone.secondsFromGMT(for:)` costs about 150 ns, and a run needs a dozen
/// lookups. In `learning` mode the offsets are learnt once per stretch of about two years, from the
/// zone's transitions (`nextDaylightSavingTimeTransition(after:)`, which reports every offset change),
/// and then looked up in a small sorted table. In direct mode (single queries) it just asks Foundation.
/// It is a value: a computation works on its own copy, and `ZoneOffsetCache` keeps what was learnt.
struct ZoneOffsets {
    let zone: TimeZone
    /// false: every lookup asks Foundation (cheapest for a single query).
    let learning: Bool
    /// Instants [start, end) whose offsets the table knows.
    private(set) var start: Int64 = 0
    private(set) var end: Int64 = 0
    /// Sorted instants at which the offset changes, inside (start, end).
    private(set) var transitions: [Int64] = []
    /// offsets[i] holds from transitions[i - 1] (or start) up to transitions[i] (or end).
    private(set) var offsets: [Int64] = []
    private var hint = 0

    private static let day: Int64 = 86_400
    /// How far around a local time to look for an offset change.
    private static let probe: Int64 = 2 * day

    init(zone: TimeZone, learning: Bool) {
        self.zone = zone
        self.learning = learning
    }

    /// Foundation's answer, without the table.
    func directOffset(atInstant seconds: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }

    mutating func offset(atInstant t: Int64) -> Int64 {
        guard learning else { return directOffset(atInstant: t) }
        if t < start || t >= end || offsets.isEmpty { learn(around: t) }
        let count = transitions.count
        var index = min(hint, count)
        if (index > 0 && transitions[index - 1] > t) || (index < count && t >= transitions[index]) {
            var low = 0, high = count  // first transition after t
            while low < high {
                let middle = (low + high) / 2
                if transitions[middle] <= t { low = middle + 1 } else { high = middle }
            }
            index = low
            hint = index
        }
        return offsets[index]
    }

    /// The instant (seconds since 1970) at which the wall clock shows `local`.
    mutating func instant(fromLocal local: Int64) -> Int64 {
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

    /// Extends the table so that it covers `t`: forward by about two years past `t`, or backward
    /// (rebuilt from a little before `t`), since computations mostly walk forward in time.
    private mutating func learn(around t: Int64) {
        if offsets.isEmpty || t < start || t > end + 800 * Self.day {
            let from = t - 40 * Self.day
            let through = max(t, offsets.isEmpty || t < start ? t : end) + 800 * Self.day
            (transitions, offsets) = Self.scan(zone, from: from, to: through)
            (start, end, hint) = (from, through, 0)
            return
        }
        let to = t + 800 * Self.day
        let (more, moreOffsets) = Self.scan(zone, from: end, to: to)
        if let last = offsets.last, moreOffsets[0] != last {
            transitions.append(end)
            offsets.append(moreOffsets[0])
        }
        transitions += more
        offsets += moreOffsets.dropFirst()
        end = to
    }

    /// The transitions inside (from, to) and the offsets between them (one more than transitions).
    private static func scan(_ zone: TimeZone, from: Int64, to: Int64) -> ([Int64], [Int64]) {
        var transitions: [Int64] = []
        var offsets: [Int64] = [Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(from))))]
        var cursor = Date(timeIntervalSince1970: Double(from))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor) {
            let seconds = Int64(next.timeIntervalSince1970.rounded())
            guard seconds < to else { break }
            if seconds > from {
                let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
                if offset != offsets[offsets.count - 1] {
                    transitions.append(seconds)
                    offsets.append(offset)
                }
            }
            guard next > cursor else { break }
            cursor = next
        }
        return (transitions, offsets)
    }
}
