import Foundation

/// Where and how a webhook notifier posts: from `SLUICE_NOTIFY_<ID>` (an `http://` or `https://` URL) and
/// its `_FORMAT`, `_SECRET` and `_HEADERS` companions.
public struct WebhookSettings: Sendable, Equatable {
    /// The URL posted to. A secret as a whole (Slack's path is a token).
    public var url: URL
    public var format: WebhookFormat
    /// The HMAC key for `X-Sluice-Signature`, when set.
    public var secret: String?
    /// Extra headers sent with every request, in order.
    public var headers: [HeaderField]

    public init(url: URL, format: WebhookFormat = .json, secret: String? = nil, headers: [HeaderField] = []) {
        self.url = url
        self.format = format
        self.secret = secret
        self.headers = headers
    }
}
