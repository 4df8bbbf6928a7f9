/// The body shape a webhook notifier posts, chosen with `SLUICE_NOTIFY_<ID>_FORMAT`.
public enum WebhookFormat: String, Sendable, CaseIterable {
    /// The full payload as a JSON object (the default).
    case json
    /// Slack's and Mattermost's incoming-webhook shape: `{"text": "<one-line summary> <ui_url>"}`.
    case slack
}
