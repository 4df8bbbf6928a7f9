import Foundation
import SluiceCore
@testable import SluiceStore
import SluiceTestSupport
import XCTest

/// Wake-ups on a shared store: what one process commits (runs created, queued or ended) is announced
/// with PostgreSQL's NOTIFY and heard by the others' `listenForChanges`, which wakes the tasks waiting on
/// `changes`. Always on the PostgreSQL test server (SQLite has one scheduler per store, nothing to hear).
final class StoreChangeTests: XCTestCase {
    private var url: String!

    override func setUpWithError() throws {
        url = try ThrowawayPostgres.shared().createDatabase(prefix: "sluice_changes")
    }

    override func tearDown() {
        if let url { try? ThrowawayPostgres.shared().dropDatabase(uri: url) }
    }

    /// Once `listener` listens, runs `change` (a commit in another process) again and again until `listener`
    /// hears `kind`: the waiter may start waiting after the first commit's notification, never after all of
    /// them. Fails after 20 s.
    private func hears(_ kind: StoreChange, on listener: SQLMetadataStore, after change: @escaping @Sendable (Int) async throws -> Void) async throws {
        let (started, startedNow) = AsyncStream<Void>.makeStream()
        let listening = Task { await listener.listenForChanges(listening: { startedNow.yield() }) }
        defer { listening.cancel() }
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()  // listening now; what it heard on connecting is over
        let heard = Task { await listener.changes.wait(for: [kind]) }
        let deadline = Date().addingTimeInterval(20)
        var attempt = 0
        let done = Task { await heard.value; return true }
        while Date() < deadline {
            attempt += 1
            try await change(attempt)
            if await Self.finished(done, within: .milliseconds(200)) { return }
        }
        heard.cancel()
        XCTFail("\(kind) was never heard in 20 s (\(attempt) commits)")
    }

    /// Whether `task` ends within `limit` (without cancelling it otherwise).
    private static func finished(_ task: Task<Bool, Never>, within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await task.value }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    func testARunCreatedByAnotherProcessWakesTheListenersOfRunChanges() async throws {
        let listener = try await SQLMetadataStore.open(url: url)
        let other = try await SQLMetadataStore.open(url: url)
        try await hears(.runs, on: listener) { n in
            try await other.createRun(StoreFixture.run(day: 100 + n), taskIds: ["t"], maxTries: [:])
        }
    }

    func testASQLiteStoreHasNothingToListenToAndSaysSoAtOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-changes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLMetadataStore.open(path: folder.appendingPathComponent("sluice.db").path)
        await store.listenForChanges()  // returns: a hang here fails the test by its time limit
        XCTAssertFalse(store.isShared)
    }
}
