/// How often and how patiently a failed S3 request is tried again, within one task try.
///
/// Not the task's `RetryPolicy` (SluiceCore), which spaces whole tries with Airflow's rules (whole
/// seconds, no jitter, recorded in the store); this one spaces HTTP requests a few hundred milliseconds
/// apart with jitter, so many exports retrying at once do not hit the server together.
///
/// Exponential backoff with full jitter: before try `n + 1` wait a random time in
/// `0 ... min(maxDelay, baseDelay * 2^(n-1))`. Pure, so the schedule is testable without waiting.
public struct RequestRetryPolicy: Equatable, Sendable {
    /// Total tries, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait after failed try number `attempt` (1-based); `randomUnit` is in `0...1`.
    public func delay(afterAttempt attempt: Int, randomUnit: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        return ceiling * min(max(randomUnit, 0), 1)
    }

    /// Whether an HTTP status or S3 error code is worth another try (throttling and server-side failures).
    public static func isRetryable(status: Int, code: String) -> Bool {
        if [429, 500, 502, 503, 504].contains(status) { return true }
        return ["SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "InternalError",
                "ServiceUnavailable"].contains(code)
    }
}
