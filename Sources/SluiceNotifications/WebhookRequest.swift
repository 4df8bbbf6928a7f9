import Foundation

/// The exact HTTP request a webhook notifier sends for one payload: method, URL, headers and body.
/// A pure value; the sender only has to put it on the wire.
///
/// Headers, in order: `Content-Type: application/json`, `User-Agent: sluice`, `X-Sluice-Event`,
/// `X-Sluice-Delivery: <event_id>` (stable across retries, for deduplication), the signature headers when
/// the notifier has a secret, then the notifier's own headers (a custom `Content-Type` or `User-Agent`
/// replaces the default one; `X-Sluice-*` cannot be overridden).
public struct WebhookRequest: Sendable, Equatable {
    public static let deliveryHeader = "X-Sluice-Delivery"
    public static let eventHeader = "X-Sluice-Event"

    public var method: String
    public var url: URL
    public var headers: [HeaderField]
    public var body: Data

    public init(method: String = "POST", url: URL, headers: [HeaderField], body: Data) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The request for `payload` through a notifier configured by `settings`, signed at `now` when the
    /// notifier has a secret (a retry builds it again, so its timestamp is fresh and its body identical).
    public init(payload: NotificationPayload, settings: WebhookSettings, now: Date) {
        let body = settings.format == .slack ? payload.slackBody() : payload.jsonBody()
        var headers = [HeaderField("Content-Type", "application/json"), HeaderField("User-Agent", "sluice"),
                       HeaderField(Self.eventHeader, payload.event.rawValue),
                       HeaderField(Self.deliveryHeader, NotificationPayload.oneLine(payload.eventID))]
        if let secret = settings.secret {
            let timestamp = Int64(now.timeIntervalSince1970.rounded(.down))
            headers += WebhookSignature.headers(secret: secret, timestamp: timestamp, body: body).map { HeaderField($0.0, $0.1) }
        }
        for custom in settings.headers {
            if let index = headers.firstIndex(where: { $0.name.lowercased() == custom.name.lowercased() }) {
                guard !custom.name.lowercased().hasPrefix("x-sluice-") else { continue }
                headers[index] = custom
            } else {
                headers.append(custom)
            }
        }
        self.init(url: settings.url, headers: headers, body: body)
    }

    /// The value of header `name` (case-insensitive), if present.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
