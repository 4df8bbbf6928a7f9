import Foundation

/// The moment a try's `execution_timeout` runs out, on Sluice's own monotonic clock.
///
/// Exists so every part of a try (each statement, each upload) is bounded by the same deadline rather than
/// each getting the whole timeout afresh. `nil` timeouts make no deadline (`init?` fails).
public struct TaskDeadline: Sendable {
    /// The configured `execution_timeout`, in seconds, for messages.
    public let timeout: TimeInterval
    /// When it runs out.
    public let instant: ContinuousClock.Instant

    public init?(timeout: TimeInterval?, from start: ContinuousClock.Instant = .now) {
        guard let timeout, timeout.isFinite, timeout > 0 else { return nil }
        self.timeout = timeout
        self.instant = start + .milliseconds(Int64(min(timeout, 1e12) * 1000))
    }

    /// Seconds left (at least a millisecond, so an expired deadline still cancels at once).
    public var remaining: TimeInterval {
        let left = instant - ContinuousClock.now
        let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
        return max(seconds, 0.001)
    }
}
