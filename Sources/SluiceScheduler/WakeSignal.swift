import Foundation
import Synchronization

/// Wakes the scheduler loop from its sleep: a run of this process ended, or another process created, queued
/// or ended runs (heard through the store). A wake that comes while the loop is busy is kept for its next
/// sleep, which then ends at once: no wake is lost between passes, and many wakes during one pass cost one pass.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: (id: UUID, continuation: CheckedContinuation<Void, Never>)?
    }

    private let state = Mutex(State())

    init() {}

    /// Wakes the waiting loop, or the next wait when none waits now.
    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume()
    }

    /// Returns at the next signal (at once when one came since the last wait), or when the task is cancelled.
    /// One waiter at a time: the scheduler loop.
    func wait() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = (id, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let waiter = state.waiter, waiter.id == id else { return nil }
                state.waiter = nil
                return waiter.continuation
            }
            waiter?.resume()
        }
    }
}
