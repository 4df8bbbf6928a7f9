import Foundation
import SluiceCore
import SluiceStore
import SluiceTestSupport
import XCTest

/// Issue 12, `deadline:`: the running scheduler writes one `deadline_missed` notification for a run
/// still unfinished when its deadline passes, while it is still running, and none for a run that
/// finished in time.
final class DeadlineCLITests: CLIProjectTestCase {
    private func writeDag(_ id: String, deadline: String, sql: String) throws {
        try project.write("dags/\(id).yaml", """
            dag_id: \(id)
            schedule: null
            deadline: \(deadline)
            notify: [{to: ops, on: [deadline_missed, run_succeeded]}]
            default_args: {connection: pg, retries: 0}
            tasks:
              - task_id: work
                sql: "\(sql)"
            """)
    }

    private func json(_ args: [String], env: [String: String]) throws -> [[String: Any]] {
        let r = try project.sluice(args, pg: pg, env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], r.stdout)
    }

    private func date(_ value: Any?) throws -> Date {
        try XCTUnwrap((value as? String).flatMap { DateText.parse($0, in: TimeZone(secondsFromGMT: 0) ?? .current) }, "\(value ?? "nil")")
    }

    func testARunStillRunningWhenItsDeadlinePassesGetsOneDeadlineMissedAndARunFinishedInTimeNone() async throws {
        try writeDag("slow", deadline: "5s", sql: "select pg_sleep(15)")
        try writeDag("quick", deadline: "10s", sql: "select 1")
        let receiver = try WebhookReceiver()
        let env = ["SLUICE_NOTIFY_OPS": receiver.url()]
        let (_, buffer) = try startScheduler(env)
        XCTAssertTrue(eventually { buffer.text.contains("scheduler started") }, buffer.text)
        for dag in ["slow", "quick"] {
            let r = try project.sluice(["dags", "trigger", dag], pg: pg, env: env)
            XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
        }

        // Both runs end: the slow one about 15 s after it started, long after both deadlines passed.
        let ended = try eventually(timeout: 90) {
            let runs = try json(["runs", "list", "--json"], env: env)
            return runs.count == 2 && runs.allSatisfy { $0["state"] as? String == "success" }
        }
        XCTAssertTrue(ended, buffer.text)
        let runs = try json(["runs", "list", "--json"], env: env)
        let slow = try XCTUnwrap(runs.first { $0["dag_id"] as? String == "slow" })
        let slowEnd = try date(slow["ended_at"])

        let rows = try json(["notifications", "list", "--json"], env: env).filter { $0["event"] as? String == "deadline_missed" }
        XCTAssertEqual(rows.count, 1, "\(rows)\n\(buffer.text)")
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row["dag_id"] as? String, "slow")
        XCTAssertEqual(row["notifier"] as? String, "ops")
        XCTAssertEqual(row["run_id"] as? String, slow["run_id"] as? String)
        XCTAssertEqual(row["event_id"] as? String, "slow/\(slow["run_id"] as? String ?? "")/deadline_missed")
        XCTAssertLessThan(try date(row["created_at"]), slowEnd, "written while the run was still running")
        XCTAssertTrue(buffer.text.contains("slow \(slow["run_id"] as? String ?? "") missed its deadline"), buffer.text)
        let missed = buffer.text.split(separator: "\n").filter { $0.contains("missed its deadline") }
        XCTAssertEqual(missed.count, 1, missed.joined(separator: "\n"))

        // The payload: the run, running, late from the end of its data interval plus 5 s.
        let stored = try await store().notifications().filter { $0.draft.event == .deadlineMissed }
        let payload = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(stored.first).draft.payload.utf8)) as? [String: Any])
        XCTAssertEqual(payload["state"] as? String, "running")
        XCTAssertEqual(payload["run_type"] as? String, "manual")
        let occurred = try date(payload["occurred_at"])
        XCTAssertEqual(occurred.timeIntervalSince(try date(payload["data_interval_end"])), 5, accuracy: 0.001)
        XCTAssertLessThan(occurred, slowEnd)
        XCTAssertNil(payload["error"])

        // Both runs told of their success: the quick one's only notification.
        let quick = try json(["notifications", "list", "--json"], env: env).filter { $0["dag_id"] as? String == "quick" }
        XCTAssertEqual(quick.map { $0["event"] as? String }, ["run_succeeded"])

        // The scheduler delivered it: one request, the stored payload, before the slow run ended.
        XCTAssertTrue(eventually { receiver.requests().count == 3 }, "\(receiver.requests().map(\.json))")
        let late = receiver.requests().filter { $0.headers["x-sluice-event"] == "deadline_missed" }
        XCTAssertEqual(late.count, 1)
        XCTAssertEqual(late.first.map { String(decoding: $0.body, as: UTF8.self) }, stored.first?.draft.payload)
        let outbox = try await store().notifications()
        let delivered = try XCTUnwrap(outbox.first { $0.draft.event == .deadlineMissed }?.deliveredAt)
        XCTAssertLessThan(delivered, slowEnd, "delivered while the run was still running")
    }
}
