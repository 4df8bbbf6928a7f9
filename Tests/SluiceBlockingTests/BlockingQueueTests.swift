import Dispatch
import Foundation
import SluiceBlocking
import Synchronization
import XCTest

/// The bridge from blocking calls to async code: results and errors come back, work runs on the queue, and a
/// caller can be released while the work is still stuck (the frozen-server case), by a watch timer or by
/// cancelling the calling task.
final class BlockingQueueTests: XCTestCase {
    private struct Stuck: Error, Equatable {}
    private struct Failed: Error, Equatable {}

    func testRunReturnsTheWorksResultComputedOnTheQueue() async {
        let blocking = BlockingQueue(label: "test.blocking")
        let key = DispatchSpecificKey<String>()
        blocking.queue.setSpecific(key: key, value: "mine")
        let seen = await blocking.run { DispatchQueue.getSpecific(key: key) ?? "elsewhere" }
        XCTAssertEqual(seen, "mine")
    }

    func testRunRethrowsTheWorksError() async {
        do {
            _ = try await BlockingQueue(label: "test.blocking").run { () throws -> Int in throw Failed() }
            XCTFail("no error")
        } catch {
            XCTAssertEqual(error as? Failed, Failed())
        }
    }

    func testAWatchCanReleaseTheCallerWhileTheWorkIsStillBlocked() async throws {
        let release = DispatchSemaphore(value: 0)
        addTeardownBlock { release.signal() }
        let blocking = BlockingQueue(label: "test.blocking")
        let watched = Mutex<PendingCall<Int>?>(nil)
        do {
            _ = try await blocking.run(onCancel: { _ in }, watch: { call in
                watched.withLock { $0 = call }
                call.abandon(throwing: Stuck())
            }) {
                release.wait()
                return 1
            }
            XCTFail("the caller waited for blocked work")
        } catch {
            XCTAssertEqual(error as? Stuck, Stuck())
        }
        let call = try XCTUnwrap(watched.withLock { $0 })
        XCTAssertTrue(call.isResumed)
        XCTAssertFalse(call.workHasReturned)
        release.signal()
        // The work's late result is dropped; the queue is free again afterwards.
        let next = await blocking.run { 2 }
        XCTAssertEqual(next, 2)
        XCTAssertTrue(call.workHasReturned)
    }

    func testCancellingTheCallerLetsOnCancelReleaseIt() async throws {
        let release = DispatchSemaphore(value: 0)
        addTeardownBlock { release.signal() }
        let started = DispatchSemaphore(value: 0)
        let blocking = BlockingQueue(label: "test.blocking")
        let caller = Task {
            try await blocking.run(onCancel: { call in call.abandon(throwing: CancellationError()) }) {
                started.signal()
                release.wait()
                return 1
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                started.wait()
                continuation.resume()
            }
        }
        caller.cancel()
        do {
            _ = try await caller.value
            XCTFail("the cancelled caller waited for blocked work")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
    }
}
