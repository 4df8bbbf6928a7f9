import SluiceCore
import Yams

/// `notify:` (at DAG level, per task, in `default_args`) and `deadline:`.
extension DagFileParser {
    /// A `notify:` list: `- {to: ops_slack, on: [failed, retries_exhausted]}` entries. Unknown keys and
    /// events are problems at their place; so is a notifier no `SLUICE_NOTIFY_<ID>` defines, when the
    /// loader knows which are defined.
    mutating func subscriptions(_ node: Node) -> [NotificationSubscription]? {
        if node.isNull { return [] }
        guard case let .sequence(entries) = node else {
            problem(node, "notify must be a list like [{to: ops_slack, on: [failed, retries_exhausted]}], not \(node.kindName)")
            return nil
        }
        var result: [NotificationSubscription] = []
        for entry in entries {
            guard case let .mapping(map) = entry else {
                problem(entry, "each notify entry is a mapping like {to: ops_slack, on: [failed]}, not \(entry.kindName)")
                continue
            }
            let keys = checkKeys(map, allowed: DagSchema.notifyKeys, what: "notify key")
            guard let toNode = keys["to"] else {
                problem(entry, "a notify entry needs `to:`, the notifier id (SLUICE_NOTIFY_<ID> in the environment or .env)")
                continue
            }
            guard let onNode = keys["on"] else {
                problem(entry, "a notify entry needs `on:`, the events to send: \(Self.eventNames)")
                continue
            }
            guard let notifier = identifier(toNode, what: "notifier id") else { continue }
            let id = notifier.lowercased()
            if let known = knownNotifiers, !known.contains(id) {
                let variable = "SLUICE_NOTIFY_" + id.uppercased().replacingOccurrences(of: "-", with: "_")
                problem(toNode, "unknown notifier '\(UserText.quote(notifier))': define \(variable)=https://... or smtp://... in the environment or .env\(DidYouMean.hint(for: id, among: known.sorted()))")
            }
            var eventNodes: [Node] = []
            if case let .sequence(list) = onNode { eventNodes = Array(list) } else { eventNodes = [onNode] }
            if eventNodes.isEmpty { problem(onNode, "`on:` lists no events; name at least one of \(Self.eventNames)") }
            var events = Set<NotificationEvent>()
            for eventNode in eventNodes {
                guard let name = string(eventNode, what: "an event") else { continue }
                guard let event = NotificationEvent(rawValue: name), event != .test else {
                    let hint = DidYouMean.hint(for: name, among: NotificationEvent.subscribable.map(\.rawValue))
                    problem(eventNode, "unknown event '\(UserText.quote(name))': use \(Self.eventNames)\(hint)")
                    continue
                }
                events.insert(event)
            }
            if !events.isEmpty { result.append(NotificationSubscription(notifier: id, events: events)) }
        }
        return result
    }

    static var eventNames: String { NotificationEvent.subscribable.map(\.rawValue).joined(separator: ", ") }
}
