import Foundation
import SluiceCore

/// How one attempt to send a notification ended: the outcome the retry policy judges, and the
/// receiver's answer as one masked line (`HTTP 200: ok`, `SMTP 250`, `could not connect ...`).
public struct DeliveryReport: Sendable, Equatable {
    public var outcome: DeliveryRetryPolicy.Outcome
    public var answer: String

    public init(outcome: DeliveryRetryPolicy.Outcome, answer: String) {
        self.outcome = outcome
        self.answer = answer
    }

    /// The answer of a receiver that took the notification.
    public var isDelivered: Bool { outcome == .delivered }
}
