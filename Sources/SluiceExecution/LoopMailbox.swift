import Synchronization

/// Events of the executor loop's child tasks, kept until the loop's next turn: a turn takes every event that
/// came while the last one ran (its claim, its writes), so tries ending together are answered by one claim.
final class LoopMailbox: Sendable {
    private let events = Mutex<[Executor.LoopEvent]>([])

    func post(_ event: Executor.LoopEvent) {
        events.withLock { $0.append(event) }
    }

    /// The events posted since the last call, oldest first.
    func drain() -> [Executor.LoopEvent] {
        events.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
