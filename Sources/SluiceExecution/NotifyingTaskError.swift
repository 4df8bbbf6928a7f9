import SluiceCore

/// An error of a task runner that is, besides a failed try, a notification event of its own: an export
/// whose audits failed is `audit_failed`. The executor writes that event with the try's `failed`, to the
/// notifiers subscribed to it, so it needs no knowledge of the task types that throw such errors.
///
/// Only task events fit (`failed`-like events of one try); the error's description is the payload's `error`.
public protocol NotifyingTaskError: Error {
    /// The extra event this failure is, or nil when it is a plain failure.
    var notificationEvent: NotificationEvent? { get }
}
