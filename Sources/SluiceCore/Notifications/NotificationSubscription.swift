/// One `notify:` entry of a DAG file: the notifier (`SLUICE_NOTIFY_<ID>`) and the events it hears of.
public struct NotificationSubscription: Sendable, Equatable {
    /// The notifier id, lowercased, as written after `to:`.
    public var notifier: String
    public var events: Set<NotificationEvent>

    public init(notifier: String, events: Set<NotificationEvent>) {
        self.notifier = notifier
        self.events = events
    }
}

extension Dag {
    /// The subscriptions that apply to `taskId`'s events: the task's own (or its `default_args`') when
    /// it has any, else the DAG's; run events (`taskId` nil) use the DAG's.
    public func subscriptions(for taskId: String?) -> [NotificationSubscription] {
        guard let taskId, let own = task(taskId)?.notifications else { return notifications }
        return own
    }

    /// The notifier ids subscribed to `event` for `taskId` (nil: a run event), in file order, once each.
    public func notifiers(for event: NotificationEvent, taskId: String?) -> [String] {
        var seen = Set<String>()
        return subscriptions(for: taskId).filter { $0.events.contains(event) }.map(\.notifier).filter { seen.insert($0).inserted }
    }
}
