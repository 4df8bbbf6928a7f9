import Foundation
import SluiceCore
import SluiceDefinitions
@testable import SluiceScheduler
import SluiceStore
import XCTest

/// The scheduler loop over a real SQLite store: one `deadline_missed` per late unfinished run (whoever
/// started it, paused DAG or not), to the DAG's subscribed notifiers, never twice, even after a
/// restart; and a tick never sleeps past the next pending deadline.
final class SchedulerDeadlineTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-deadline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dags"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent("dags/\(name)"), atomically: true, encoding: .utf8)
    }

    private func service(_ store: SQLMetadataStore, masker: SecretMasker = SecretMasker()) -> SchedulerService {
        SchedulerService(loader: DagFolderLoader(folder: root.appendingPathComponent("dags")), store: store,
                         submissions: RunSubmissions(), masker: masker)
    }

    /// A manual run of `dagId` whose data interval ended `endedAgo` seconds ago.
    private func run(_ dagId: String, _ id: String, endedAgo: TimeInterval, state: RunState = .running,
                     type: RunType = .manual, in store: SQLMetadataStore) async throws -> DagRun {
        let end = Date().addingTimeInterval(-endedAgo)
        let run = DagRun(dagId: dagId, runId: id, runType: type, logicalDate: end.addingTimeInterval(-86_400),
                         dataIntervalStart: end.addingTimeInterval(-86_400), dataIntervalEnd: end, state: state,
                         endedAt: state.isFinished ? Date() : nil)
        try await store.createRun(run, taskIds: ["t"], maxTries: [:])
        return run
    }

    func testATickWritesOneDeadlineMissedPerLateUnfinishedRunToTheSubscribedNotifiersOnlyOnceAcrossRestarts() async throws {
        try write("late.yaml", """
            dag_id: late
            schedule: null
            deadline: 1h
            notify:
              - {to: ops, on: [failed, deadline_missed]}
              - {to: mail, on: [deadline_missed]}
              - {to: hook, on: [run_failed]}
            tasks:
              - task_id: t
            """)
        try write("paused.yaml", """
            dag_id: paused
            schedule: null
            deadline: 30m
            notify: [{to: ops, on: [deadline_missed]}]
            tasks:
              - task_id: t
            """)
        try write("relaxed.yaml", """
            dag_id: relaxed
            schedule: null
            notify: [{to: ops, on: [deadline_missed]}]
            tasks:
              - task_id: t
            """)
        let store = try await SQLMetadataStore.open(path: root.appendingPathComponent("sluice.db").path)
        let late = try await run("late", "r_late", endedAgo: 2 * 3_600, in: store)
        _ = try await run("late", "r_done", endedAgo: 2 * 3_600, state: .success, in: store)
        _ = try await run("late", "r_on_time", endedAgo: 0, in: store)
        _ = try await run("late", "r_backfill", endedAgo: 3 * 3_600, state: .running, type: .backfill, in: store)
        try await store.setPaused(dagId: "paused", paused: true)
        _ = try await run("paused", "r_paused", endedAgo: 3_600, state: .queued, in: store)
        _ = try await run("relaxed", "r_relaxed", endedAgo: 30 * 86_400, in: store)

        let scheduler = service(store)
        let bag = try scheduler.loader.load()
        XCTAssertEqual(bag.problems.map(\.description), [])
        let before = Date()
        let wake = try await scheduler.tick(bag: bag, submit: { _ in })

        let rows = try await store.notifications()
        XCTAssertEqual(Set(rows.map { "\($0.draft.notifier) \($0.draft.event.rawValue) \($0.draft.eventId)" }), [
            "ops deadline_missed late/r_late/deadline_missed",
            "mail deadline_missed late/r_late/deadline_missed",
            "ops deadline_missed late/r_backfill/deadline_missed",
            "mail deadline_missed late/r_backfill/deadline_missed",
            "ops deadline_missed paused/r_paused/deadline_missed",
        ])
        XCTAssertTrue(rows.allSatisfy { $0.draft.taskId == nil && $0.draft.runId.hasPrefix("r_") && $0.state == .pending })

        let row = try XCTUnwrap(rows.first { $0.draft.runId == "r_late" })
        let payload = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(row.draft.payload.utf8)) as? [String: Any])
        XCTAssertEqual(payload["event"] as? String, "deadline_missed")
        XCTAssertEqual(payload["event_id"] as? String, "late/r_late/deadline_missed")
        XCTAssertEqual(payload["dag_id"] as? String, "late")
        XCTAssertEqual(payload["run_id"] as? String, "r_late")
        XCTAssertEqual(payload["run_type"] as? String, "manual")
        XCTAssertEqual(payload["state"] as? String, "running")
        XCTAssertEqual(payload["data_interval_end"] as? String, DateText.iso(late.dataIntervalEnd))
        XCTAssertEqual(payload["logical_date"] as? String, DateText.iso(late.logicalDate))
        XCTAssertEqual(payload["occurred_at"] as? String, DateText.iso(late.dataIntervalEnd.addingTimeInterval(3_600)),
                       "the moment the run became late")
        XCTAssertNil(payload["error"])
        XCTAssertNil(payload["task_id"])
        let queued = try XCTUnwrap(rows.first { $0.draft.runId == "r_paused" })
        XCTAssertTrue(queued.draft.payload.contains("\"state\":\"queued\""), queued.draft.payload)

        // The on-time run's deadline is an hour away: the tick wakes for it, not later.
        let wakeAt = try XCTUnwrap(wake, "a pending deadline is a reason to wake up")
        XCTAssertGreaterThan(wakeAt, before)
        XCTAssertLessThanOrEqual(wakeAt, Date().addingTimeInterval(3_600))
        XCTAssertGreaterThan(wakeAt, before.addingTimeInterval(3_590))

        // Another tick, and a restarted scheduler: nothing more.
        _ = try await scheduler.tick(bag: bag, submit: { _ in })
        _ = try await service(store).tick(bag: bag, submit: { _ in })
        let again = try await store.notifications()
        XCTAssertEqual(again.count, 5)
    }

    func testADeadlinePayloadIsMaskedByTheSchedulersMasker() async throws {
        try write("late.yaml", """
            dag_id: late
            schedule: null
            deadline: 1s
            notify: [{to: ops, on: [deadline_missed]}]
            tasks:
              - task_id: t
            """)
        let store = try await SQLMetadataStore.open(path: root.appendingPathComponent("sluice.db").path)
        // The run's state is free text for the payload's masking: a masker that knows it as a secret hides it.
        _ = try await run("late", "r1", endedAgo: 60, in: store)
        let scheduler = service(store, masker: SecretMasker(values: ["running"]))
        _ = try await scheduler.tick(bag: try scheduler.loader.load(), submit: { _ in })
        let rows = try await store.notifications()
        XCTAssertEqual(rows.count, 1)
        let payload = try XCTUnwrap(rows.first).draft.payload
        XCTAssertTrue(payload.contains("\"state\":\"***\""), payload)
    }
}
