import Foundation
import SluiceCore
import SluiceStore
import XCTest

final class MetadataStoreConcurrencyTests: XCTestCase {
    private var fixture: StoreFixture!

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    func testManyTasksSharingOneStoreNeverSeeBusyErrors() async throws {
        let store = try await fixture.open()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for day in 0..<64 {
                group.addTask {
                    let run = StoreFixture.run(day: day)
                    try await store.createRun(run, taskIds: ["a", "b", "c"], maxTries: [:])
                    let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
                    try await store.updateTaskInstances(tis.map { $0.queued(at: StoreFixture.t0) })
                    try await store.heartbeat(keys: tis.map(\.key), at: StoreFixture.t0 + 1)
                    _ = try await store.runs(dagId: "etl", state: nil, limit: 5)
                }
            }
            try await group.waitForAll()
        }
        let runs = try await store.runs(dagId: "etl", state: nil, limit: nil)
        XCTAssertEqual(runs.count, 64)
        for run in runs {
            let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
            XCTAssertEqual(tis.map(\.state), [.queued, .queued, .queued])
        }
    }

    func testTwoConnectionsWritingTheSameFileWaitInsteadOfFailing() async throws {
        let first = try await fixture.open()
        let second = try await fixture.open()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [first, second].enumerated() {
                group.addTask {
                    for n in 0..<40 {
                        let run = StoreFixture.run("dag\(index)", day: n)
                        try await store.createRun(run, taskIds: (0..<10).map { "t\($0)" }, maxTries: [:])
                        let tis = try await store.taskInstances(dagId: run.dagId, runId: run.runId)
                        try await store.updateTaskInstances(tis.map { $0.queued(at: StoreFixture.t0) })
                    }
                }
            }
            try await group.waitForAll()
        }
        let seenByFirst = try await first.runs(dagId: nil, state: nil, limit: nil)
        XCTAssertEqual(seenByFirst.count, 80)
        let seenBySecond = try await second.runs(dagId: "dag0", state: .queued, limit: nil)
        XCTAssertEqual(seenBySecond.count, 40)
    }
}
