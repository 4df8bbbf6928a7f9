import Synchronization

/// The caller's side of one blocking call made through `BlockingQueue.run(onCancel:watch:_:)`: resumed exactly
/// once, by the call's own result or earlier by `abandon(throwing:)`.
///
/// Abandoning does not stop the C call (nothing can, safely); it only stops the caller from waiting for it.
/// The owner of the C handle must make sure the handle is not reused and is freed once the call returns.
public final class PendingCall<T: Sendable>: Sendable {
    private enum State {
        case waiting
        case attached(CheckedContinuation<T, any Error>)
        /// Ended before the continuation was attached (cancelled before it started).
        case ended(Result<T, any Error>)
        case resumed
    }

    private let state = Mutex<State>(.waiting)
    private let finished = Mutex(false)

    init() {}

    /// Whether the work itself has returned (whether or not its result still reached the caller).
    public var workHasReturned: Bool { finished.withLock { $0 } }

    /// Whether the caller has been resumed (by the result or by an abandon).
    public var isResumed: Bool {
        state.withLock { state in
            if case .resumed = state { return true }
            return false
        }
    }

    /// Resumes the caller now with `error` unless it was already resumed; returns whether this call did it.
    @discardableResult
    public func abandon(throwing error: any Error) -> Bool {
        resume(.failure(error))
    }

    func attach(_ continuation: CheckedContinuation<T, any Error>) {
        let early = state.withLock { state -> Result<T, any Error>? in
            if case .ended(let result) = state {
                state = .resumed
                return result
            }
            state = .attached(continuation)
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func complete(_ result: Result<T, any Error>) {
        finished.withLock { $0 = true }
        _ = resume(result)
    }

    private func resume(_ result: Result<T, any Error>) -> Bool {
        let (continuation, tookEffect) = state.withLock { state -> (CheckedContinuation<T, any Error>?, Bool) in
            switch state {
            case .waiting:
                state = .ended(result)
                return (nil, true)
            case .attached(let continuation):
                state = .resumed
                return (continuation, true)
            case .ended, .resumed:
                return (nil, false)
            }
        }
        continuation?.resume(with: result)
        return tookEffect
    }
}
