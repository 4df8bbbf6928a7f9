import Foundation
import SluiceCore
@testable import SluiceDelivery
import Synchronization
import XCTest

/// Group commit of delivery attempts: one write at a time, and what finishes meanwhile goes into the next.
final class DeliveryRecorderTests: XCTestCase {
    private func entry(_ id: Int64) -> DeliveryRecorder.Entry {
        let draft = NotificationDraft(eventId: "e\(id)", notifier: "ops", event: .failed, dagId: "d", runId: "r", taskId: "t", payload: "{}")
        let notification = OutboxNotification(id: id, draft: draft, state: .pending, attempts: 0, createdAt: Date(), nextAttemptAt: Date(),
                                              lastAttemptAt: nil, lastError: nil, deliveredAt: nil)
        return DeliveryRecorder.Entry(notification: notification, report: DeliveryReport(outcome: .delivered, answer: "HTTP 200"), at: Date())
    }

    func testAttemptsThatFinishDuringAWriteAreRecordedTogetherInTheNextOne() async {
        let batches = Mutex<[[Int64]]>([])
        let (gate, open) = AsyncStream<Void>.makeStream()
        let recorder = DeliveryRecorder { entries in
            batches.withLock { $0.append(entries.map(\.notification.id)) }
            if entries.first?.notification.id == 1 {
                for await _ in gate { break }  // the first write is slow
            }
        }
        let one = entry(1)
        async let first: Void = recorder.add(one)
        while batches.withLock({ $0.isEmpty }) { await Task.yield() }
        // While it runs, three more finish: queued, and their callers go on at once.
        await recorder.add(entry(2))
        await recorder.add(entry(3))
        await recorder.add(entry(4))
        XCTAssertEqual(batches.withLock { $0 }, [[1]], "nothing else is written while a write runs")
        open.yield()
        open.finish()
        await first
        XCTAssertEqual(batches.withLock { $0 }, [[1], [2, 3, 4]])
    }

    func testALoneAttemptIsWrittenAtOnce() async {
        let batches = Mutex<[[Int64]]>([])
        let recorder = DeliveryRecorder { entries in batches.withLock { $0.append(entries.map(\.notification.id)) } }
        await recorder.add(entry(7))
        XCTAssertEqual(batches.withLock { $0 }, [[7]])
        await recorder.add(entry(8))
        XCTAssertEqual(batches.withLock { $0 }, [[7], [8]])
    }
}
