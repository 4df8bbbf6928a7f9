import Foundation
import SluiceCore
@testable import SluiceStore
import XCTest

final class MetadataStoreTaskInstanceTests: XCTestCase {
    private var fixture: StoreFixture!
    private let t0 = StoreFixture.t0

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    func testCreateRunMakesTaskInstancesInStateNoneWithTheirMaxTries() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["load", "extract", "audit"], maxTries: ["load": 3, "audit": 1])
        let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
        XCTAssertEqual(tis.map(\.taskId), ["audit", "extract", "load"])
        XCTAssertEqual(tis.map(\.maxTries), [1, 0, 3])
        XCTAssertEqual(Set(tis.map(\.state)), [.none])
        XCTAssertEqual(Set(tis.map(\.tryNumber)), [0])
        XCTAssertTrue(tis.allSatisfy { $0.startedAt == nil && $0.error == nil && $0.heartbeatAt == nil && $0.logPath == nil })
    }

    func testTaskInstanceRoundTripsEveryField() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["load"], maxTries: [:])
        let written = TaskInstance(dagId: "etl", runId: run.runId, taskId: "load", tryNumber: 3, maxTries: 5, state: .upForRetry,
                                   startedAt: t0, endedAt: t0 + 12.345_678, duration: 12.345_678, rowsAffected: 9_000_000_000,
                                   error: "ERROR: relation \"x\" does not exist\nline 2 ✗", host: "worker-1", pid: 31_337,
                                   heartbeatAt: t0 + 10.000_001, nextRetryAt: t0 + 312.5, logPath: "/tmp/logs/etl/load/3.log")
        try await store.updateTaskInstances([written])
        let stored = try await store.taskInstances(dagId: "etl", runId: run.runId)
        let read = try XCTUnwrap(stored.first)
        XCTAssertEqual(read.key, written.key)
        XCTAssertEqual(read.tryNumber, 3)
        XCTAssertEqual(read.maxTries, 5)
        XCTAssertEqual(read.state, .upForRetry)
        XCTAssertEqual(micros(read.startedAt), micros(written.startedAt))
        XCTAssertEqual(micros(read.endedAt), micros(written.endedAt))
        XCTAssertEqual(read.duration, 12.345_678)
        XCTAssertEqual(read.rowsAffected, 9_000_000_000)
        XCTAssertEqual(read.error, written.error)
        XCTAssertEqual(read.host, "worker-1")
        XCTAssertEqual(read.pid, 31_337)
        XCTAssertEqual(micros(read.heartbeatAt), micros(written.heartbeatAt))
        XCTAssertEqual(micros(read.nextRetryAt), micros(written.nextRetryAt))
        XCTAssertEqual(read.logPath, written.logPath)
    }

    func testBatchUpdateWritesAllOrNothing() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: (0..<50).map { "t\($0)" }, maxTries: [:])
        let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
        try await store.updateTaskInstances(tis.map { $0.queued(at: self.t0) })
        let queued = try await store.taskInstances(dagId: "etl", runId: run.runId)
        XCTAssertEqual(queued.count, 50)
        XCTAssertTrue(queued.allSatisfy { $0.state == .queued && $0.tryNumber == 1 })

        let ghost = TaskInstance(dagId: "etl", runId: run.runId, taskId: "ghost")
        let batch = queued.map { $0.running(at: self.t0, host: "h", pid: 1) } + [ghost]
        await XCTAssertThrowsErrorAsync(try await store.updateTaskInstances(batch)) { error in
            XCTAssertEqual(error as? StoreError, .taskInstanceNotFound(ghost.key))
        }
        let after = try await store.taskInstances(dagId: "etl", runId: run.runId)
        XCTAssertTrue(after.allSatisfy { $0.state == .queued }, "a failed batch must not leave partial writes")
    }

    func testStaleTasksAreRecoveredAndFreshOnesUntouched() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1, state: .running)
        try await store.createRun(run, taskIds: ["stale", "fresh", "spent", "waiting", "done", "never_beat"],
                                  maxTries: ["stale": 2, "fresh": 2, "spent": 1, "waiting": 1, "never_beat": 1])
        let start = t0
        var tis = Dictionary(uniqueKeysWithValues: try await store.taskInstances(dagId: "etl", runId: run.runId).map { ($0.taskId, $0) })
        func attempts(_ id: String, tries: Int) -> TaskInstance {
            var ti = tis[id]!
            for _ in 0..<tries { ti = ti.queued(at: start).running(at: start, host: "old-box", pid: 99) }
            return ti
        }
        tis["stale"] = attempts("stale", tries: 1)
        tis["fresh"] = attempts("fresh", tries: 1)
        tis["spent"] = attempts("spent", tries: 2)
        tis["waiting"] = tis["waiting"]!.queued(at: start)
        tis["done"] = attempts("done", tries: 1).succeeded(at: start)
        var neverBeat = attempts("never_beat", tries: 1)
        neverBeat.heartbeatAt = nil
        tis["never_beat"] = neverBeat
        try await store.updateTaskInstances(Array(tis.values))
        try await store.heartbeat(keys: [tis["fresh"]!.key], at: start + 120)

        let now = start + 150
        let recovered = try await store.recoverAttempts(host: "", deadPids: [], staleBefore: now - 60, now: now)
        XCTAssertEqual(recovered.map(\.taskId), ["never_beat", "spent", "stale", "waiting"])

        let read = Dictionary(uniqueKeysWithValues: try await store.taskInstances(dagId: "etl", runId: run.runId).map { ($0.taskId, $0) })
        XCTAssertEqual(read["stale"]?.state, .upForRetry)
        XCTAssertEqual(micros(read["stale"]?.nextRetryAt), micros(now))
        XCTAssertEqual(read["stale"]?.tryNumber, 1)
        XCTAssertEqual(read["stale"]?.error?.contains("(pid 99 on old-box) died"), true, read["stale"]?.error ?? "")
        XCTAssertEqual(read["spent"]?.state, .failed)
        XCTAssertNil(read["spent"]?.nextRetryAt)
        XCTAssertEqual(read["waiting"]?.state, .upForRetry)
        XCTAssertEqual(read["never_beat"]?.state, .upForRetry)
        XCTAssertEqual(read["fresh"]?.state, .running)
        XCTAssertEqual(micros(read["fresh"]?.heartbeatAt), micros(start + 120))
        XCTAssertNil(read["fresh"]?.error)
        XCTAssertEqual(read["done"]?.state, .success)
        let runAfter = try await store.run(dagId: "etl", runId: run.runId)
        XCTAssertEqual(runAfter?.state, .running)

        let again = try await store.recoverAttempts(host: "", deadPids: [], staleBefore: now - 60, now: now)
        XCTAssertEqual(again, [], "recovered tasks are no longer running or queued")
    }

    func testClearTasksResetsMatchedTasksAndRequeuesTheirRuns() async throws {
        let store = try await fixture.open()
        for day in 1...3 {
            try await store.createRun(StoreFixture.run(day: day, state: .failed), taskIds: ["a", "b", "c"], maxTries: ["a": 1, "b": 1, "c": 1])
        }
        try await store.createRun(StoreFixture.run("other", day: 2, state: .failed), taskIds: ["a"], maxTries: [:])
        // a succeeded, b failed after both tries, c upstream failed, in every run.
        for dagId in ["etl", "other"] {
            for run in try await store.runs(dagId: dagId, state: nil, limit: nil) {
                let tis = try await store.taskInstances(dagId: dagId, runId: run.runId).map { ti -> TaskInstance in
                    switch ti.taskId {
                    case "a": return ti.queued(at: t0).running(at: t0, host: nil, pid: nil).succeeded(at: t0)
                    case "b":
                        let first = ti.queued(at: t0).running(at: t0, host: nil, pid: nil).failed(at: t0, error: "x", policy: .none)
                        return first.queued(at: t0).running(at: t0, host: nil, pid: nil).failed(at: t0, error: "x", policy: .none)
                    default: return ti.upstreamFailed(at: t0)
                    }
                }
                try await store.updateTaskInstances(tis)
            }
        }

        let now = t0 + 1000
        let cleared = try await store.clearTasks(dagId: "etl", from: StoreFixture.day(2), through: StoreFixture.day(3), onlyFailed: true, now: now)
        XCTAssertEqual(cleared, 4)
        for day in 1...3 {
            let found = try await store.run(dagId: "etl", logicalDate: StoreFixture.day(day))
            let run = try XCTUnwrap(found)
            let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
            if day == 1 {
                XCTAssertEqual(run.state, .failed)
                XCTAssertEqual(tis.map(\.state), [.success, .failed, .upstreamFailed])
            } else {
                XCTAssertEqual(run.state, .queued)
                XCTAssertEqual(micros(run.queuedAt), micros(now))
                XCTAssertNil(run.endedAt)
                XCTAssertEqual(tis.map(\.state), [.success, .none, .none])
                XCTAssertEqual(tis.map(\.tryNumber), [1, 2, 0], "try numbers are kept")
                XCTAssertEqual(tis.map(\.maxTries), [1, 3, 1], "max tries extended to try number + retries")
                XCTAssertNil(tis[1].error)
            }
        }
        let otherDag = try await store.taskInstances(dagId: "other", runId: StoreFixture.run("other", day: 2).runId)
        XCTAssertEqual(otherDag.map(\.state), [.success])

        let all = try await store.clearTasks(dagId: "etl", from: StoreFixture.day(1), through: StoreFixture.day(1), onlyFailed: false, now: now)
        XCTAssertEqual(all, 3)
        let day1 = try await store.taskInstances(dagId: "etl", runId: StoreFixture.run(day: 1).runId)
        XCTAssertEqual(day1.map(\.state), [.none, .none, .none])
        XCTAssertEqual(day1.map(\.maxTries), [2, 3, 1])
    }

    func testHeartbeatOfUnknownTaskChangesNothing() async throws {
        let store = try await fixture.open()
        let run = StoreFixture.run(day: 1)
        try await store.createRun(run, taskIds: ["a"], maxTries: [:])
        try await store.heartbeat(keys: [TaskInstanceKey(dagId: "etl", runId: run.runId, taskId: "zzz")], at: t0)
        let tis = try await store.taskInstances(dagId: "etl", runId: run.runId)
        XCTAssertNil(tis.first?.heartbeatAt)
    }
}
