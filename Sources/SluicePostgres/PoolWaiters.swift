import Foundation

/// The FIFO queue of tasks waiting for a pool's connection, cancellation-aware.
///
/// Lock-based rather than actor state so a task's cancellation handler (which runs synchronously, on any
/// thread) can remove its own entry at once. A waiter registers first (synchronously, while the pool actor
/// still decides) and then waits; a grant that arrives in between is kept for it, so no grant is ever lost.
/// A grant that beats a cancellation is delivered: the value is then the caller's to return.
final class PoolWaiters<Value: Sendable>: @unchecked Sendable {
    private enum Entry {
        case registered
        case waiting(CheckedContinuation<Value, any Error>)
        case granted(Value)
        case failed(any Error)
    }

    private let lock = NSLock()
    private var nextTicket: UInt64 = 0
    /// Tickets still waiting for a grant, oldest first.
    private var queue: [UInt64] = []
    private var entries: [UInt64: Entry] = [:]

    /// How many tasks wait for a grant.
    var count: Int { lock.withLock { queue.count } }

    /// Joins the end of the queue; pass the ticket to `wait`.
    func register() -> UInt64 {
        lock.withLock {
            nextTicket += 1
            entries[nextTicket] = .registered
            queue.append(nextTicket)
            return nextTicket
        }
    }

    /// Suspends until `ticket` is granted a value, failed, or the task is cancelled (`CancellationError`).
    func wait(_ ticket: UInt64) async throws -> Value {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                let ready: Result<Value, any Error>? = lock.withLock {
                    switch entries[ticket] {
                    case .registered:
                        entries[ticket] = .waiting(continuation)
                        return nil
                    case .granted(let value):
                        entries[ticket] = nil
                        return .success(value)
                    case .failed(let error):
                        entries[ticket] = nil
                        return .failure(error)
                    case .waiting, nil:
                        entries[ticket] = nil
                        return .failure(CancellationError())
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            self.cancel(ticket)
        }
    }

    /// Gives `value` to the oldest waiter; `false` when nobody waits.
    func grantFirst(_ value: Value) -> Bool {
        let resumed: (Bool, CheckedContinuation<Value, any Error>?) = lock.withLock {
            guard !queue.isEmpty else { return (false, nil) }
            let ticket = queue.removeFirst()
            if case .waiting(let continuation) = entries[ticket] {
                entries[ticket] = nil
                return (true, continuation)
            }
            entries[ticket] = .granted(value)
            return (true, nil)
        }
        resumed.1?.resume(returning: value)
        return resumed.0
    }

    /// Fails every waiter with `error` (pool shutdown).
    func failAll(_ error: any Error) {
        let continuations: [CheckedContinuation<Value, any Error>] = lock.withLock {
            var waiting: [CheckedContinuation<Value, any Error>] = []
            for ticket in queue {
                if case .waiting(let continuation) = entries[ticket] {
                    waiting.append(continuation)
                    entries[ticket] = nil
                } else {
                    entries[ticket] = .failed(error)
                }
            }
            queue.removeAll()
            return waiting
        }
        for continuation in continuations { continuation.resume(throwing: error) }
    }

    private func cancel(_ ticket: UInt64) {
        let continuation: CheckedContinuation<Value, any Error>? = lock.withLock {
            switch entries[ticket] {
            case .registered:
                entries[ticket] = nil
                queue.removeAll { $0 == ticket }
                return nil
            case .waiting(let continuation):
                entries[ticket] = nil
                queue.removeAll { $0 == ticket }
                return continuation
            case .granted, .failed, nil:
                return nil
            }
        }
        continuation?.resume(throwing: CancellationError())
    }
}
