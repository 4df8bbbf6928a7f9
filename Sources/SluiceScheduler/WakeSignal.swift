import Foundation
import Synchronization

/// Wakes the scheduler loop from its sleep: a run this process ended (`urgent`: its DAG may have room for the
/// next due run now), or another process's change to runs heard through the store (`relaxed`: on a store
/// several processes share, every process hears every change, and the one that made it acts on it at once).
/// A wake that comes while the loop is busy is kept for its next sleep, which then ends at once: no wake is
/// lost between passes, and many wakes during one pass cost one pass.
final class WakeSignal: Sendable {
    enum Urgency: Int, Comparable, Sendable {
        case relaxed
        case urgent

        static func < (a: Urgency, b: Urgency) -> Bool { a.rawValue < b.rawValue }
    }

    private struct Waiter {
        let id: UUID
        let minimum: Urgency
        let continuation: CheckedContinuation<Urgency?, Never>
    }

    private struct State {
        var pending: Urgency?
        var waiter: Waiter?
    }

    private let state = Mutex(State())

    init() {}

    /// Wakes the waiting loop if it waits for a wake this urgent, or else the next wait that does.
    func signal(_ urgency: Urgency = .urgent) {
        let waiter = state.withLock { state -> Waiter? in
            if let waiter = state.waiter, urgency >= waiter.minimum {
                state.waiter = nil
                state.pending = nil
                return waiter
            }
            state.pending = max(state.pending ?? urgency, urgency)
            return nil
        }
        waiter?.continuation.resume(returning: urgency)
    }

    /// `wait(atLeast:)` for at most `limit`: nil when the time ran out first.
    @discardableResult
    func wait(atLeast minimum: Urgency = .relaxed, upTo limit: Duration) async -> Urgency? {
        await withTaskGroup(of: Urgency?.self) { race in
            race.addTask { try? await Task.sleep(for: limit); return nil }
            race.addTask { await self.wait(atLeast: minimum) }
            defer { race.cancelAll() }
            return await race.next() ?? nil
        }
    }

    /// Returns at the next signal at least as urgent as `minimum` (at once when one came since the last wait),
    /// with its urgency; nil when the task is cancelled. A less urgent wake that came stays pending. One waiter at
    /// a time: the scheduler loop.
    @discardableResult
    func wait(atLeast minimum: Urgency = .relaxed) async -> Urgency? {
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Urgency?, Never>) in
                let resumeWith = state.withLock { state -> Urgency?? in
                    if let pending = state.pending, pending >= minimum {
                        state.pending = nil
                        return .some(pending)
                    }
                    if Task.isCancelled { return .some(nil) }
                    state.waiter = Waiter(id: id, minimum: minimum, continuation: continuation)
                    return .none
                }
                if let resumeWith { continuation.resume(returning: resumeWith) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let waiter = state.waiter, waiter.id == id else { return nil }
                state.waiter = nil
                return waiter
            }
            waiter?.continuation.resume(returning: nil)
        }
    }
}
