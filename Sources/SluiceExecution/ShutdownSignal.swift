import Foundation

/// A graceful-shutdown request shared by the signal handler and the executor.
///
/// Once requested, the executor stops starting tasks, waits for running ones up to its grace
/// period, then cancels their statements on the server.
public final class ShutdownSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]

    public init() {}

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    public func request() {
        lock.lock()
        requested = true
        let toResume = waiters.values
        waiters = [:]
        lock.unlock()
        for w in toResume { w.resume() }
    }

    /// Returns once shutdown is requested (at once if it already was), or when the task is cancelled.
    public func wait() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                lock.lock()
                if requested || Task.isCancelled {
                    lock.unlock()
                    c.resume()
                } else {
                    waiters[id] = c
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            let waiter = waiters.removeValue(forKey: id)
            lock.unlock()
            waiter?.resume()
        }
    }
}
