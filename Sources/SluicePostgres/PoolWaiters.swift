import Foundation
import Synchronization

/// The FIFO queue of tasks waiting for a pool's connection, cancellation-aware.
///
/// Mutex-based rather than actor state so a task's cancellation handler (which runs synchronously, on any
/// thread) can remove its own entry at once. A waiter registers first (synchronously, while the pool actor
/// still decides) and then waits; a grant that arrives in between is kept for it, so no grant is ever lost.
/// A grant that beats a cancellation is delivered: the value is then the caller's to return.
final class PoolWaiters<Value: Sendable>: Sendable {
    private enum Entry {
        case registered
        case waiting(CheckedContinuation<Value, any Error>)
        case granted(Value)
        case failed(any Error)
    }

    private struct State {
        var nextTicket: UInt64 = 0
        /// Tickets still waiting for a grant, oldest first.
        var queue: [UInt64] = []
        var entries: [UInt64: Entry] = [:]
    }

    private let state = Mutex(State())

    /// How many tasks wait for a grant.
    var count: Int { state.withLock { $0.queue.count } }

    /// Joins the end of the queue; pass the ticket to `wait`.
    func register() -> UInt64 {
        state.withLock { state in
            state.nextTicket += 1
            state.entries[state.nextTicket] = .registered
            state.queue.append(state.nextTicket)
            return state.nextTicket
        }
    }

    /// Suspends until `ticket` is granted a value, failed, or the task is cancelled (`CancellationError`) when
    /// `cancellable`; otherwise cancelling the task does not end the wait (a caller that must complete once made).
    func wait(_ ticket: UInt64, cancellable: Bool = true) async throws -> Value {
        guard cancellable else { return try await suspend(ticket) }
        return try await withTaskCancellationHandler {
            try await suspend(ticket)
        } onCancel: {
            self.cancel(ticket)
        }
    }

    private func suspend(_ ticket: UInt64) async throws -> Value {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                let ready: Result<Value, any Error>? = state.withLock { state in
                    switch state.entries[ticket] {
                    case .registered:
                        state.entries[ticket] = .waiting(continuation)
                        return nil
                    case .granted(let value):
                        state.entries[ticket] = nil
                        return .success(value)
                    case .failed(let error):
                        state.entries[ticket] = nil
                        return .failure(error)
                    case .waiting, nil:
                        state.entries[ticket] = nil
                        return .failure(CancellationError())
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
    }

    /// Gives `value` to the oldest waiter; `false` when nobody waits.
    func grantFirst(_ value: Value) -> Bool {
        let resumed: (Bool, CheckedContinuation<Value, any Error>?) = state.withLock { state in
            guard !state.queue.isEmpty else { return (false, nil) }
            let ticket = state.queue.removeFirst()
            if case .waiting(let continuation) = state.entries[ticket] {
                state.entries[ticket] = nil
                return (true, continuation)
            }
            state.entries[ticket] = .granted(value)
            return (true, nil)
        }
        resumed.1?.resume(returning: value)
        return resumed.0
    }

    /// Fails every waiter with `error` (pool shutdown).
    func failAll(_ error: any Error) {
        let continuations: [CheckedContinuation<Value, any Error>] = state.withLock { state in
            var waiting: [CheckedContinuation<Value, any Error>] = []
            for ticket in state.queue {
                if case .waiting(let continuation) = state.entries[ticket] {
                    waiting.append(continuation)
                    state.entries[ticket] = nil
                } else {
                    state.entries[ticket] = .failed(error)
                }
            }
            state.queue.removeAll()
            return waiting
        }
        for continuation in continuations { continuation.resume(throwing: error) }
    }

    private func cancel(_ ticket: UInt64) {
        let continuation: CheckedContinuation<Value, any Error>? = state.withLock { state in
            switch state.entries[ticket] {
            case .registered:
                state.entries[ticket] = nil
                state.queue.removeAll { $0 == ticket }
                return nil
            case .waiting(let continuation):
                state.entries[ticket] = nil
                state.queue.removeAll { $0 == ticket }
                return continuation
            case .granted, .failed, nil:
                return nil
            }
        }
        continuation?.resume(throwing: CancellationError())
    }
}
