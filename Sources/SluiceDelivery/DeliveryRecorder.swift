import Foundation
import SluiceCore

/// Group commit for delivery attempts: the first finished attempt is recorded at once; attempts that
/// finish while that write runs are recorded together by the next one. Every attempt is written as soon
/// as the store is free, and a burst of deliveries costs a few transactions instead of one each.
actor DeliveryRecorder {
    /// A finished attempt waiting to be recorded.
    struct Entry: Sendable {
        var notification: OutboxNotification
        var report: DeliveryReport
        var at: Date
    }

    private var pending: [Entry] = []
    private var writing = false
    private let write: @Sendable ([Entry]) async -> Void

    init(write: @escaping @Sendable ([Entry]) async -> Void) {
        self.write = write
    }

    /// Queues `entry`; the caller that finds no write running writes until nothing is pending. A caller
    /// that queued behind a running write returns at once: the writer (still a running task) records it.
    func add(_ entry: Entry) async {
        pending.append(entry)
        guard !writing else { return }
        writing = true
        while !pending.isEmpty {
            let batch = pending
            pending.removeAll()
            await write(batch)
        }
        writing = false
    }
}
