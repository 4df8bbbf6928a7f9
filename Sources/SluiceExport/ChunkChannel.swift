import Foundation

/// A bounded hand-off of output from the thread that formats it (the connection's Dispatch queue, inside
/// `copyOut`) to the async task that uploads it.
///
/// Why it exists: formatting and compression are synchronous and must stay off Swift's cooperative pool,
/// while destinations upload asynchronously. The producer blocks (on its own Dispatch thread, never on the
/// pool) when `capacity` chunks are waiting, so memory stays bounded by `capacity` chunks whatever the
/// export's size. Either side can fail the channel; the other side then sees the error.
final class ChunkChannel: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked (the
    // producer must block on it, which a Mutex cannot do).
    /// What flows through: the start of an object, its bytes, its end.
    enum Item {
        case begin(key: String)
        case bytes([UInt8])
        case end
    }

    private let condition = NSCondition()
    /// Waiting items, oldest first; at most `capacity` (plus framing), so removing the first is cheap.
    private var items: [Item] = []
    private var waitingConsumer: CheckedContinuation<Item?, any Error>?
    private var finished = false
    private var failure: (any Error)?
    private var lastKey: String?
    /// True from the moment `next()` hands an item to the consumer until it asks for the next one: the
    /// consumer is then busy with the destination.
    private var consumerHoldsItem = false
    private let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = max(1, capacity)
    }

    private var queued: Int { items.count }

    /// Producer: hands over `item`, waiting while the channel is full. Throws the consumer's error.
    func send(_ item: Item) throws {
        condition.lock()
        if case .begin(let key) = item { lastKey = key }
        while queued >= capacity && failure == nil && waitingConsumer == nil {
            condition.wait()
        }
        if let failure {
            condition.unlock()
            throw failure
        }
        if let consumer = waitingConsumer {
            waitingConsumer = nil
            consumerHoldsItem = true
            condition.unlock()
            consumer.resume(returning: item)
            return
        }
        items.append(item)
        condition.unlock()
    }

    /// Producer: no more items.
    func finish() {
        condition.lock()
        finished = true
        let consumer = waitingConsumer
        waitingConsumer = nil
        condition.unlock()
        consumer?.resume(returning: nil)
    }

    /// The key of the object being sent (the last `begin`), for messages.
    var currentKey: String? {
        condition.lock()
        defer { condition.unlock() }
        return lastKey
    }

    /// Fails the channel with `error` when the consumer (the uploading side) is what the export waits for: it
    /// holds an item (it is writing to the destination) or items wait for it. Returns false, changing nothing,
    /// when the consumer is waiting for the producer (the database).
    func failIfConsumerBusy(_ error: any Error) -> Bool {
        condition.lock()
        guard failure == nil, waitingConsumer == nil, consumerHoldsItem || !items.isEmpty else {
            condition.unlock()
            return false
        }
        failure = error
        condition.broadcast()
        condition.unlock()
        return true
    }

    /// Either side: stops the channel with `error`; the other side gets it on its next call.
    func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        let consumer = waitingConsumer
        waitingConsumer = nil
        condition.broadcast()
        condition.unlock()
        consumer?.resume(throwing: error)
    }

    /// Consumer: the next item, or nil once the producer finished and everything was taken.
    func next() async throws -> Item? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Item?, any Error>) in
            condition.lock()
            consumerHoldsItem = false
            if let failure {
                condition.unlock()
                continuation.resume(throwing: failure)
                return
            }
            if !items.isEmpty {
                // Removed at once, so a taken chunk is freed as soon as the consumer is done with it.
                let item = items.removeFirst()
                consumerHoldsItem = true
                condition.signal()
                condition.unlock()
                continuation.resume(returning: item)
                return
            }
            if finished {
                condition.unlock()
                continuation.resume(returning: nil)
                return
            }
            waitingConsumer = continuation
            // A producer blocked on a full channel cannot be: the channel is empty. Wake nobody.
            condition.unlock()
        }
    }
}
