import Foundation
import Synchronization

/// A graceful-shutdown request shared by the signal handler and the executor.
///
/// Once requested, the executor stops starting tasks, waits for running ones up to its grace
/// period, then cancels their statements on the server.
public final class ShutdownSignal: Sendable {
    private struct State {
        var requested = false
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public var isRequested: Bool {
        state.withLock { $0.requested }
    }

    public func request() {
        let toResume = state.withLock { state in
            state.requested = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for w in toResume { w.resume() }
    }

    /// Returns once shutdown is requested (at once if it already was), or when the task is cancelled.
    public func wait() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.requested || Task.isCancelled { return true }
                    state.waiters[id] = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
