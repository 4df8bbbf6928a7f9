import Foundation

/// A rate over the last few seconds of a growing count (rows, bytes, tasks), for progress lines.
///
/// A rate from one tiny interval is noise (1,111 rows in a millisecond is not "1111000 rows/s"), so the
/// rate is nil until the samples span at least `minimumSpan`, and it covers at most the last `span`.
public struct RateWindow: Sendable {
    private var samples: [(time: TimeInterval, count: Double)] = []
    public let span: TimeInterval
    public let minimumSpan: TimeInterval

    public init(span: TimeInterval = 10, minimumSpan: TimeInterval = 1) {
        self.span = span
        self.minimumSpan = minimumSpan
    }

    /// Records the total `count` at `time` (seconds on any monotonic clock). Samples closer together than
    /// a hundredth of the span are merged (the newest one moves), so the window holds about 100 samples
    /// whatever the event rate: recording costs O(1) even at tens of thousands of events a second.
    public mutating func record(_ count: Double, at time: TimeInterval) {
        if let last = samples.last, time < last.time { return }
        let n = samples.count
        if n >= 2, time - samples[n - 2].time < span / 100 {
            samples[n - 1] = (time, count)
            return
        }
        samples.append((time, count))
        // Keep one sample older than the span so the window always covers it fully.
        while samples.count > 2, samples[1].time <= time - span { samples.removeFirst() }
    }

    /// How many samples the window holds (bounded by about 100).
    public var sampleCount: Int { samples.count }

    /// Units per second over the window, or nil while the samples span less than `minimumSpan`.
    public var perSecond: Double? {
        guard let first = samples.first, let last = samples.last else { return nil }
        let elapsed = last.time - first.time
        guard elapsed >= minimumSpan else { return nil }
        return max(0, last.count - first.count) / elapsed
    }
}
