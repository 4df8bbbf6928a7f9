import Dispatch

/// The one bridge from blocking C calls (libpq, libcurl, file system, SQLite) to `async` code.
///
/// Why it exists: a blocking call must never occupy a thread of Swift's cooperative pool, and a C handle that
/// is not thread-safe must be used from one serial queue. `run { }` runs a closure on this queue and resumes
/// the awaiting task with its result. The variants that take `onCancel` and `watch` let the caller react to
/// task cancellation and arm timers; either may resume the caller early through `PendingCall.abandon`, so a
/// call stuck in C (a frozen server) never holds its caller. It deliberately knows nothing about any C library.
public struct BlockingQueue: Sendable {
    /// The Dispatch queue the work runs on: serial for a C handle, concurrent for independent calls.
    public let queue: DispatchQueue

    /// A new serial queue (the usual owner of one C handle).
    public init(label: String, qos: DispatchQoS = .unspecified) {
        self.queue = DispatchQueue(label: label, qos: qos)
    }

    /// Wraps an existing queue (for example a concurrent one for independent file-system calls).
    public init(_ queue: DispatchQueue) {
        self.queue = queue
    }

    /// Runs `work` on the queue and returns its result; the caller waits without blocking a thread.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Runs `work`, which cannot fail, on the queue and returns its result.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    /// Runs `work` on the queue and returns its result, or the error given to `PendingCall.abandon`, whichever
    /// comes first. `watch` is called once the work is queued (to arm a timer); `onCancel` when the calling task
    /// is cancelled (to interrupt the C call, or to abandon it). A result that arrives after an abandon is dropped.
    public func run<T: Sendable>(
        onCancel: @escaping @Sendable (PendingCall<T>) -> Void,
        watch: @Sendable (PendingCall<T>) -> Void = { _ in },
        _ work: @escaping @Sendable () throws -> T
    ) async throws -> T {
        let call = PendingCall<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                call.attach(continuation)
                queue.async { call.complete(Result { try work() }) }
                watch(call)
            }
        } onCancel: {
            onCancel(call)
        }
    }
}

extension DispatchQueue {
    /// Runs blocking work on this queue and resumes the awaiting task with its result (see `BlockingQueue`).
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await BlockingQueue(self).run(work)
    }
}
