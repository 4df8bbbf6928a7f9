import Foundation

/// A configured notifier: its id and where it delivers. A plain value, built by `NotifierRegistry`;
/// it sends nothing itself.
public struct Notifier: Sendable, Equatable {
    /// How a notifier delivers, picked by its URL's scheme.
    public enum Kind: Sendable, Equatable {
        /// `http://` or `https://`: a POST of the payload.
        case webhook(WebhookSettings)
        /// `smtp://` or `smtps://`: a plain-text email.
        case email(SMTPSettings)
    }

    /// The id as used in DAG files (`to: ops_slack`), lowercased.
    public var id: String
    public var kind: Kind

    public init(id: String, kind: Kind) {
        self.id = id
        self.kind = kind
    }
}

extension Notifier {
    /// What this notifier sends for `payload` at `now` (the signature timestamp and email `Date`).
    /// Pass a payload already masked (`payload.masked(by:)`).
    public func delivery(for payload: NotificationPayload, now: Date) -> NotifierDelivery {
        switch kind {
        case let .webhook(settings):
            return .webhook(WebhookRequest(payload: payload, settings: settings, now: now))
        case let .email(settings):
            return .email(EmailMessage(payload: payload, settings: settings, now: now), settings)
        }
    }
}
