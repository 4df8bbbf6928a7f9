import Foundation

/// When a failed delivery is tried again (issue 12): connection errors, timeouts, 408, 429 and 5xx
/// are retried with exponential backoff (10 s, 20 s, 40 s ... at most 1 h apart) for up to 24 hours
/// after the notification was written; any other 4xx fails at once. A value type without I/O.
public struct DeliveryRetryPolicy: Sendable, Equatable {
    public var firstDelay: TimeInterval
    public var maximumDelay: TimeInterval
    public var giveUpAfter: TimeInterval

    public init(firstDelay: TimeInterval = 10, maximumDelay: TimeInterval = 3_600, giveUpAfter: TimeInterval = 86_400) {
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.giveUpAfter = giveUpAfter
    }

    /// How one delivery attempt ended.
    public enum Outcome: Sendable, Equatable {
        case delivered
        /// The receiver answered with this HTTP status (not 2xx).
        case status(Int)
        /// No answer: refused connection, DNS failure, timeout, TLS error, a transient (4xx) SMTP reply.
        case transportError
        /// Refused for good without an HTTP status: a permanent (5xx) SMTP reply, rejected credentials,
        /// a notifier that is no longer configured.
        case rejected
    }

    /// Whether an outcome is worth another attempt.
    public static func isRetryable(_ outcome: Outcome) -> Bool {
        switch outcome {
        case .delivered, .rejected: return false
        case .transportError: return true
        case .status(let code): return code == 408 || code == 429 || (500...599).contains(code)
        }
    }

    /// When to try again after `attempts` failed attempts of a notification written at `createdAt`;
    /// nil: give up (not retryable, or past `giveUpAfter`).
    public func nextAttempt(after outcome: Outcome, attempts: Int, createdAt: Date, now: Date) -> Date? {
        guard Self.isRetryable(outcome) else { return nil }
        let exponent = min(max(attempts - 1, 0), 30)
        let delay = min(firstDelay * pow(2, Double(exponent)), maximumDelay)
        let next = now.addingTimeInterval(delay)
        guard next.timeIntervalSince(createdAt) <= giveUpAfter else { return nil }
        return next
    }
}
