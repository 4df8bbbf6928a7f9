import Foundation
import SluiceCore
import SluiceStore
import XCTest

/// Issue 12, the outbox half: a failing run writes its notifications into the store with the state
/// changes that cause them, to the notifiers its DAG file names; a local run tries to send them once
/// (here to a closed port) and leaves them pending for a scheduler.
final class NotificationOutboxCLITests: CLIProjectTestCase {
    func testAFailedRunWritesTryAndRunNotificationsToTheSubscribedNotifiersWithMaskedPayloads() async throws {
        let secret = "s3cr3t_" + UUID().uuidString.prefix(8).lowercased()
        try project.write("dags/fails.yaml", """
            dag_id: fails
            schedule: null
            notify:
              - {to: ops, on: [failed, retries_exhausted, run_failed]}
              - {to: mail, on: [run_succeeded]}
            default_args: {connection: pg, retries: 1, retry_delay: 0s}
            tasks:
              - task_id: boom
                sql: "SELECT 1 FROM {{ env.API_TOKEN }}"
            """)
        let env = ["SLUICE_NOTIFY_OPS": "http://127.0.0.1:9/hook", "SLUICE_NOTIFY_MAIL": "smtp://127.0.0.1:9/?from=a@x&to=b@y", "API_TOKEN": secret]
        let r = try project.sluice(["dags", "trigger", "fails", "--local"], pg: pg, env: env)
        XCTAssertEqual(r.status, 1, r.stderr + r.stdout)
        XCTAssertFalse(r.stdout.contains(secret) || r.stderr.contains(secret))

        let rows = try await store().notifications()
        let runId = try XCTUnwrap(rows.first?.draft.runId)
        XCTAssertEqual(Set(rows.map { "\($0.draft.notifier) \($0.draft.event.rawValue) \($0.draft.eventId)" }), [
            "ops failed fails/\(runId)/boom/1/failed",
            "ops failed fails/\(runId)/boom/2/failed",
            "ops retries_exhausted fails/\(runId)/boom/2/retries_exhausted",
            "ops run_failed fails/\(runId)/run_failed",
        ])
        XCTAssertTrue(rows.allSatisfy { $0.state == .pending && $0.attempts == 1 && $0.lastError?.contains("connect") == true }, "\(rows)")
        let exhausted = try XCTUnwrap(rows.first { $0.draft.event == .retriesExhausted })
        let payload = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(exhausted.draft.payload.utf8)) as? [String: Any])
        XCTAssertEqual(payload["event"] as? String, "retries_exhausted")
        XCTAssertEqual(payload["dag_id"] as? String, "fails")
        XCTAssertEqual(payload["task_id"] as? String, "boom")
        XCTAssertEqual(payload["try_number"] as? Int, 2)
        XCTAssertEqual(payload["max_tries"] as? Int, 1, "Airflow's max_tries: the retries")
        XCTAssertEqual(payload["state"] as? String, "failed")
        // PostgreSQL's error names the relation, which is the secret: it reaches the payload masked.
        XCTAssertTrue((payload["error"] as? String ?? "").contains("relation \"***\" does not exist"), "\(payload)")
        // The database and its WAL (the -shm index may vanish as connections close: nothing to read then).
        for file in try FileManager.default.contentsOfDirectory(atPath: project.home.path) where file.hasPrefix("sluice.db") {
            guard let data = FileManager.default.contents(atPath: project.home.appendingPathComponent(file).path) else { continue }
            XCTAssertFalse(String(decoding: data, as: UTF8.self).contains(secret) || String(data: data, encoding: .isoLatin1)?.contains(secret) == true,
                           "a secret reached the store (\(file))")
        }
        XCTAssertFalse(rows.contains { $0.draft.payload.contains(secret) })

        // `notifications list` shows them; nothing has failed for good yet.
        let listed = try project.sluice(["notifications", "list", "--json"], pg: pg, env: env)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], listed.stdout)
        XCTAssertEqual(items.count, 4)
        XCTAssertTrue(items.allSatisfy { $0["state"] as? String == "pending" && $0["attempts"] as? Int == 1 })
        let none = try project.sluice(["notifications", "list", "--failed"], pg: pg, env: env)
        XCTAssertEqual(none.stdout, "no failed notifications\n")
        let retry = try project.sluice(["notifications", "retry", "\(rows[0].id)"], pg: pg, env: env)
        XCTAssertEqual(retry.status, 1)
        XCTAssertTrue(retry.stderr.contains("no failed notification has id \(rows[0].id)"), retry.stderr)
    }
}
