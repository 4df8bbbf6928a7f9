import Foundation
import Synchronization

/// A bounded hand-off of output from the thread that formats it (the connection's Dispatch queue, inside
/// `copyOut`) to the async task that uploads it.
///
/// Why it exists: formatting and compression are synchronous and must stay off Swift's cooperative pool,
/// while destinations upload asynchronously. The producer blocks (on its own Dispatch thread, never on the
/// pool) when `capacity` chunks are waiting, so memory stays bounded by `capacity` chunks whatever the
/// export's size. Either side can fail the channel; the other side then sees the error.
final class ChunkChannel: Sendable {
    /// What flows through: the start of an object, its bytes, its end.
    enum Item: Sendable {
        case begin(key: String)
        case bytes([UInt8])
        case end
    }

    /// The channel's state. It lives in a `Mutex` for the compiler's sake; every access also holds
    /// `condition`'s lock (the producer must block on the condition, which a Mutex cannot do), so the
    /// Mutex itself is never contended.
    private struct State {
        /// Waiting items, oldest first; at most `capacity` (plus framing), so removing the first is cheap.
        var items: [Item] = []
        var waitingConsumer: CheckedContinuation<Item?, any Error>?
        var finished = false
        var failure: (any Error)?
        var lastKey: String?
        /// True from the moment `next()` hands an item to the consumer until it asks for the next one: the
        /// consumer is then busy with the destination.
        var consumerHoldsItem = false
    }

    private let condition = NSCondition()
    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = max(1, capacity)
    }

    /// Runs `body` on the state with the condition's lock held.
    private func locked<T>(_ body: (inout State) throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try state.withLock { try body(&$0) }
    }

    /// Producer: hands over `item`, waiting while the channel is full. Throws the consumer's error.
    func send(_ item: Item) throws {
        condition.lock()
        let capacity = self.capacity
        if case .begin(let key) = item { state.withLock { $0.lastKey = key } }
        while state.withLock({ $0.items.count >= capacity && $0.failure == nil && $0.waitingConsumer == nil }) {
            condition.wait()
        }
        let next: Result<CheckedContinuation<Item?, any Error>?, any Error> = state.withLock { s in
            if let failure = s.failure { return .failure(failure) }
            if let consumer = s.waitingConsumer {
                s.waitingConsumer = nil
                s.consumerHoldsItem = true
                return .success(consumer)
            }
            s.items.append(item)
            return .success(nil)
        }
        condition.unlock()
        if let consumer = try next.get() { consumer.resume(returning: item) }
    }

    /// Producer: no more items.
    func finish() {
        let consumer = locked { s -> CheckedContinuation<Item?, any Error>? in
            s.finished = true
            defer { s.waitingConsumer = nil }
            return s.waitingConsumer
        }
        consumer?.resume(returning: nil)
    }

    /// The key of the object being sent (the last `begin`), for messages.
    var currentKey: String? {
        locked { $0.lastKey }
    }

    /// Fails the channel with `error` when the consumer (the uploading side) is what the export waits for: it
    /// holds an item (it is writing to the destination) or items wait for it. Returns false, changing nothing,
    /// when the consumer is waiting for the producer (the database).
    func failIfConsumerBusy(_ error: any Error) -> Bool {
        locked { s in
            guard s.failure == nil, s.waitingConsumer == nil, s.consumerHoldsItem || !s.items.isEmpty else { return false }
            s.failure = error
            condition.broadcast()
            return true
        }
    }

    /// Either side: stops the channel with `error`; the other side gets it on its next call.
    func fail(_ error: any Error) {
        let consumer = locked { s -> CheckedContinuation<Item?, any Error>? in
            if s.failure == nil { s.failure = error }
            defer { s.waitingConsumer = nil }
            condition.broadcast()
            return s.waitingConsumer
        }
        consumer?.resume(throwing: error)
    }

    /// Consumer: the next item, or nil once the producer finished and everything was taken.
    func next() async throws -> Item? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Item?, any Error>) in
            let now: Result<Item?, any Error>? = locked { s in
                s.consumerHoldsItem = false
                if let failure = s.failure { return .failure(failure) }
                if !s.items.isEmpty {
                    // Removed at once, so a taken chunk is freed as soon as the consumer is done with it.
                    let item = s.items.removeFirst()
                    s.consumerHoldsItem = true
                    condition.signal()
                    return .success(item)
                }
                if s.finished { return .success(nil) }
                // A producer blocked on a full channel cannot be: the channel is empty. Wake nobody.
                s.waitingConsumer = continuation
                return nil
            }
            if let now { continuation.resume(with: now) }
        }
    }
}
