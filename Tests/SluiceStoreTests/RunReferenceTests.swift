import Foundation
import SluiceCore
import SluiceStore
import XCTest

/// Naming a run by its id or logical date (`RunReference`), filtered listings (`RunFilter`), and
/// asking whether a scheduler holds the lock without taking it (`SchedulerLock.holder`).
final class RunReferenceTests: XCTestCase {
    private var fixture: StoreFixture!
    private let utc = TimeZone(secondsFromGMT: 0)!
    private let berlin = TimeZone(identifier: "Europe/Berlin")!

    override func setUpWithError() throws { fixture = try StoreFixture() }
    override func tearDown() { fixture.remove() }

    private func date(_ text: String) -> Date { DateText.parse(text, in: utc)! }

    private func store(with runs: [DagRun]) async throws -> SQLMetadataStore {
        let store = try await fixture.open()
        for run in runs { try await store.createRun(run, taskIds: ["t"], maxTries: [:]) }
        return store
    }

    private func run(_ dagId: String, _ logical: String, type: RunType = .scheduled, state: RunState = .success, ended: Date? = nil) -> DagRun {
        let at = date(logical)
        return DagRun(dagId: dagId, runType: type, logicalDate: at, dataIntervalStart: at, dataIntervalEnd: at.addingTimeInterval(86_400),
                      state: state, endedAt: ended)
    }

    func testARunIsFoundByItsIdOrByItsLogicalDateInTheDagsTimeZone() async throws {
        // 02:30 in Berlin (summer time) is 00:30 UTC.
        let store = try await store(with: [run("rollup", "2026-07-05T00:30:00Z"), run("daily", "2026-07-05T00:00:00Z", type: .manual)])
        let zones = ["rollup": berlin, "daily": utc]
        let byId = try await RunReference("scheduled__2026-07-05T00:30:00+00:00").resolve(in: store, dagId: nil, timeZone: { zones[$0] })
        XCTAssertEqual(byId.dagId, "rollup")
        let byLocalTime = try await RunReference("2026-07-05T02:30").resolve(in: store, dagId: nil, timeZone: { zones[$0] })
        XCTAssertEqual(byLocalTime.dagId, "rollup")
        let byDay = try await RunReference("2026-07-05").resolve(in: store, dagId: "rollup", timeZone: { zones[$0] })
        XCTAssertEqual(byDay.runId, "scheduled__2026-07-05T00:30:00+00:00")
        let withOffset = try await RunReference("2026-07-05T00:00:00Z").resolve(in: store, dagId: nil, timeZone: { zones[$0] })
        XCTAssertEqual(withOffset.dagId, "daily")
    }

    func testADateOfSeveralDagsIsAmbiguousAndAnUnknownOneIsNotFound() async throws {
        let store = try await store(with: [run("a", "2026-01-02T00:00:00Z"), run("b", "2026-01-02T00:00:00Z")])
        await XCTAssertThrowsErrorAsync(try await RunReference("2026-01-02").resolve(in: store, dagId: nil, timeZone: { _ in nil })) { error in
            guard case let .runReferenceAmbiguous(_, candidates)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(candidates.count, 2)
            XCTAssertTrue(String(describing: error).contains("--dag"), String(describing: error))
        }
        let one = try await RunReference("2026-01-02").resolve(in: store, dagId: "b", timeZone: { _ in nil })
        XCTAssertEqual(one.dagId, "b")
        await XCTAssertThrowsErrorAsync(try await RunReference("2026-01-03").resolve(in: store, dagId: "a", timeZone: { _ in nil })) { error in
            XCTAssertEqual(error as? StoreError, .runReferenceNotFound(reference: "2026-01-03", dagId: "a"))
        }
    }

    func testRunFilterSelectsByStateTypeLogicalDatesAndEndTime() async throws {
        let now = date("2026-02-01T00:00:00Z")
        let store = try await store(with: [
            run("a", "2026-01-01T00:00:00Z", state: .failed, ended: now.addingTimeInterval(-8 * 86_400)),
            run("a", "2026-01-02T00:00:00Z", state: .failed, ended: now.addingTimeInterval(-86_400)),
            run("a", "2026-01-03T00:00:00Z", type: .backfill, state: .success, ended: now),
            run("b", "2026-01-03T00:00:00Z", type: .manual, state: .queued),
        ])
        let recentFailures = try await store.runs(matching: RunFilter(dagId: "a", states: [.failed], endedSince: now.addingTimeInterval(-7 * 86_400)))
        XCTAssertEqual(recentFailures.map(\.logicalDate), [date("2026-01-02T00:00:00Z")])
        let notScheduled = try await store.runs(matching: RunFilter(types: [.backfill, .manual]))
        XCTAssertEqual(notScheduled.map(\.dagId), ["a", "b"])
        let range = try await store.runs(matching: RunFilter(logicalFrom: date("2026-01-02T00:00:00Z"), logicalThrough: date("2026-01-02T23:59:59Z")))
        XCTAssertEqual(range.count, 1)
        let limited = try await store.runs(matching: RunFilter(limit: 2))
        XCTAssertEqual(limited.count, 2)
        for filter in [RunFilter(dagId: "a", states: [.failed]), RunFilter(types: [.manual]), RunFilter(logicalFrom: date("2026-01-02T00:00:00Z"))] {
            let all = try await store.runs(matching: RunFilter())
            let stored = try await store.runs(matching: filter)
            XCTAssertEqual(stored, all.filter(filter.matches), "the SQL and the in-memory rule agree")
        }
    }

    func testHolderSeesAHeldLockWithoutTakingItAndNothingOtherwise() throws {
        let location = StoreLocation(home: fixture.folder.appendingPathComponent("home", isDirectory: true))
        XCTAssertNil(SchedulerLock.holder(location: location))
        XCTAssertFalse(FileManager.default.fileExists(atPath: location.home.path), "asking creates nothing")
        let lock = try SchedulerLock.acquire(location: location, pid: 4242, host: "box-a")
        let holder = SchedulerLock.holder(location: location)
        XCTAssertEqual(holder?.pid, 4242)
        XCTAssertEqual(holder?.host, "box-a")
        XCTAssertTrue(lock.isHeld)
        lock.release()
        XCTAssertNil(SchedulerLock.holder(location: location))
        // A holder recorded on this host whose process is gone (killed, the text left behind).
        try "999999 \(SchedulerLock.currentHostName())\n".write(toFile: location.lockPath, atomically: false, encoding: .utf8)
        XCTAssertNil(SchedulerLock.holder(location: location))
    }
}
