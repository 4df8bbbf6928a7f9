/// Everything that can go wrong while configuring a notifier or building what it sends.
///
/// One error type for the module. `description` is a sentence safe to log and print: it names the variable
/// and what to do, and never contains a notifier URL (its path may hold a token), a password, a header value
/// or a signing secret.
public enum NotificationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `SLUICE_NOTIFY_<ID>` variable names this notifier.
    case unknownNotifier(id: String, variable: String)
    /// The notifier URL could not be understood; `reason` never quotes the URL.
    case invalidURL(variable: String, reason: String)
    /// A companion setting (`_FORMAT`, `_HEADERS`, ...) is present but unusable.
    case invalidSetting(variable: String, reason: String)
    /// A stored payload is not one this build wrote (a damaged or hand-edited outbox row).
    case invalidPayload(reason: String)

    public var description: String {
        switch self {
        case let .unknownNotifier(id, variable):
            return "Notifier '\(id.prefix(80))' is not configured: set \(variable) to an https:// webhook URL or an smtp:// / smtps:// URL."
        case let .invalidURL(variable, reason):
            return "\(variable) is not a usable notifier URL: \(reason)."
        case let .invalidSetting(variable, reason):
            return "\(variable) is not usable: \(reason)."
        case let .invalidPayload(reason):
            return "The stored notification payload cannot be read: \(reason); delete the row or send it again with sluice notifications retry."
        }
    }
}
