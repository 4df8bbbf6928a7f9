import Foundation

/// How a task retries: how many times, and how long to wait before each retry.
///
/// The delay follows Airflow's `next_retry_datetime` without its hash jitter, so it is
/// deterministic: `retryDelay` for every retry, or with `exponentialBackoff`
/// `retryDelay * 2^(try - 1)` rounded up to whole seconds (at least one second), where
/// `try` is the attempt that just failed. `maxRetryDelay`, when set, caps the delay.
/// Whatever the inputs, the delay is finite and at most `DagLimits.retryDelay`'s upper bound
/// (365 days), so adding it to a date can never overflow.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// How many times a failed task is tried again (Airflow's `retries`).
    public var retries: Int
    /// The wait before a retry, in seconds (Airflow's `retry_delay`, default 300).
    public var retryDelay: TimeInterval
    /// Whether the wait doubles with each try (Airflow's `retry_exponential_backoff`).
    public var exponentialBackoff: Bool
    /// The longest wait, in seconds (Airflow's `max_retry_delay`); `nil` for no cap.
    public var maxRetryDelay: TimeInterval?

    public init(retries: Int = 0, retryDelay: TimeInterval = 300, exponentialBackoff: Bool = false, maxRetryDelay: TimeInterval? = nil) {
        self.retries = retries
        self.retryDelay = retryDelay
        self.exponentialBackoff = exponentialBackoff
        self.maxRetryDelay = maxRetryDelay
    }

    /// No retries at all.
    public static let none = RetryPolicy(retries: 0, retryDelay: 0)

    /// The wait, in seconds, before the retry that follows failed attempt `tryNumber` (1-based).
    public func delay(forTry tryNumber: Int) -> TimeInterval {
        let longest = DagLimits.retryDelay.upperBound
        var delay = Self.clamp(retryDelay, to: 0...longest)
        if exponentialBackoff {
            // 2^62 seconds is far past any cap; stopping there keeps the power finite.
            let exponent = Double(min(max(tryNumber, 1) - 1, 62))
            delay = max(1, (delay * pow(2, exponent)).rounded(.up))
        }
        if let cap = maxRetryDelay {
            delay = min(delay, Self.clamp(cap, to: 0...longest))
        }
        return min(delay, longest)
    }

    /// `value` inside `range`; NaN counts as the lower bound.
    private static func clamp(_ value: TimeInterval, to range: ClosedRange<TimeInterval>) -> TimeInterval {
        guard !value.isNaN else { return range.lowerBound }
        return min(max(value, range.lowerBound), range.upperBound)
    }
}
