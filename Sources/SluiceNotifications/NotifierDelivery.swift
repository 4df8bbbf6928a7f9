/// What to send for one payload through one notifier: the finished HTTP request, or the email with the
/// server settings to send it through. Built by `Notifier.delivery(for:now:)`; the sender only executes it.
public enum NotifierDelivery: Sendable, Equatable {
    case webhook(WebhookRequest)
    case email(EmailMessage, SMTPSettings)
}
