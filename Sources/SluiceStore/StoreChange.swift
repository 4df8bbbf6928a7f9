import Foundation
import Synchronization

/// What another process changed in a shared store, announced with PostgreSQL's `NOTIFY` when the change
/// commits, so schedulers wake at once instead of at their next poll (which stays as the fallback). A try's end
/// is not announced: it is the commonest write, and a notification wakes every listening process and its server
/// backend; executors whose limits were full ask again by themselves, shortly.
public enum StoreChange: String, Sendable, Hashable, CaseIterable {
    /// Runs were created, queued again (clear, backfill, mark) or ended (room under `max_active_runs`), or a DAG
    /// was unpaused: schedulers look for work.
    case runs

    /// The `LISTEN`/`NOTIFY` channel.
    var channel: String { "sluice_" + rawValue }

    init?(channel: String) {
        guard let change = Self.allCases.first(where: { $0.channel == channel }) else { return nil }
        self = change
    }
}

/// Wakes the tasks waiting for a kind of store change (`wait(for:)`), each time one is heard.
public final class StoreChangeSignal: Sendable {
    private struct Waiter {
        let kinds: Set<StoreChange>
        let continuation: CheckedContinuation<Void, Never>
    }

    private let waiters = Mutex<[UUID: Waiter]>([:])

    public init() {}

    /// Returns at the next change of one of `kinds` heard after the call, or when the calling task is cancelled.
    public func wait(for kinds: Set<StoreChange>) async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = waiters.withLock { waiters -> Bool in
                    if Task.isCancelled { return true }
                    waiters[id] = Waiter(kinds: kinds, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            waiters.withLock { $0.removeValue(forKey: id) }?.continuation.resume()
        }
    }

    /// Wakes every task waiting for `change`.
    public func announce(_ change: StoreChange) {
        let woken = waiters.withLock { waiters -> [Waiter] in
            let matching = waiters.filter { $0.value.kinds.contains(change) }
            for id in matching.keys { waiters.removeValue(forKey: id) }
            return Array(matching.values)
        }
        for waiter in woken { waiter.continuation.resume() }
    }
}
