import Foundation
import SluiceCore
import SluiceStore
import SluiceTestSupport
import XCTest

/// Issue 12, the export events: a published partition writes `published` (its path, files, rows, bytes)
/// with the try's success, and failed audits write `audit_failed` with the failed try, each only to the
/// notifiers subscribed to it; the backfill's process delivers them to a real receiver.
final class ExportNotificationCLITests: CLIProjectTestCase {
    private var table = ""
    private var env: [String: String] = [:]
    private var receiver: WebhookReceiver!

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "xnotify_" + UUID().uuidString.prefix(8).lowercased()
        receiver = try WebhookReceiver()
        env = ["SLUICE_DEST_LAKE": "file://" + lake.path,
               "SLUICE_NOTIFY_CATALOG": receiver.url("/catalog"), "SLUICE_NOTIFY_OPS": receiver.url("/ops")]
        // 20,000 rows a day on 2026-05-01 and 2026-05-02, 5,000 on 2026-05-03 (parts split between batches of 8,192 rows).
        try pg.psql("""
            CREATE TABLE \(table) (id BIGINT PRIMARY KEY, ts TIMESTAMPTZ NOT NULL, pad TEXT);
            INSERT INTO \(table) SELECT g, timestamptz '2026-05-01 00:00:00+00' + ((g - 1) / 20000) * interval '1 day'
                + ((g - 1) % 20000) * interval '4 seconds', md5(g::text) FROM generate_series(1, 45000) g;
            """)
    }

    override func tearDownWithError() throws {
        receiver?.stop()  // the test case outlives its test (XCTest keeps it): its receiver must not outlive the tests
        receiver = nil
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
        try super.tearDownWithError()
    }

    private var lake: URL { project.root.appendingPathComponent("lake") }

    /// An export of one day of the table into several Parquet parts under `lake/<table>/day=<ds>`, after a
    /// `sql` task; `notify` and `audits` as given.
    private func writeDag(_ id: String, notify: String, audits: String = "[]", retries: Int = 0) throws {
        try project.write("dags/\(id).yaml", """
            dag_id: \(id)
            schedule: "@daily"
            start_date: 2026-05-01
            catchup: false
            notify: \(notify)
            default_args: {connection: pg, retries: \(retries), retry_delay: 0s}
            tasks:
              - task_id: prepare
                sql: "SELECT 1"
              - task_id: export
                type: export
                depends_on: [prepare]
                table: \(table)
                timestamp_column: ts
                format: parquet
                max_file_size: 16KB
                row_group_size: 500
                destination: lake
                path: "\(table)/day={{ ds }}"
                audits: \(audits)
            """)
    }

    /// The data files of a published partition as the file system has them: count and total size (the
    /// `_manifest.json`, `_schema.json` and `_SUCCESS` beside them are not data).
    private func dataFiles(in folder: URL) throws -> (count: Int, bytes: Int) {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }
        let bytes = try names.reduce(0) { sum, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            return sum + ((attributes[.size] as? NSNumber)?.intValue ?? 0)
        }
        return (names.count, bytes)
    }

    private func payload(_ row: OutboxNotification) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(row.draft.payload.utf8)) as? [String: Any], row.draft.payload)
    }

    func testEachPublishedExportWritesOnePublishedNotificationWithThePartitionsPathFilesRowsAndBytes() async throws {
        try writeDag("lake_export", notify: "[{to: catalog, on: [published]}, {to: ops, on: [failed, audit_failed]}]")
        let backfill = try project.sluice(["dags", "backfill", "lake_export", "--start-date", "2026-05-01", "--end-date", "2026-05-03"], pg: pg, env: env)
        XCTAssertEqual(backfill.status, 0, backfill.stderr + backfill.stdout)

        let rows = try await store().notifications()
        // Only `catalog` hears of it, once per export (the `sql` task publishes nothing; `ops` hears of failures only).
        XCTAssertEqual(rows.map(\.draft.notifier), ["catalog", "catalog", "catalog"], "\(rows.map(\.draft))")
        XCTAssertTrue(rows.allSatisfy { $0.draft.event == .published && $0.draft.taskId == "export" && $0.state == .delivered })
        // The receiver got exactly the stored payloads, each once.
        let received = receiver.requests()
        XCTAssertEqual(received.map(\.path), ["/catalog", "/catalog", "/catalog"])
        XCTAssertEqual(Set(received.map { String(decoding: $0.body, as: UTF8.self) }), Set(rows.map(\.draft.payload)))
        XCTAssertEqual(Set(received.compactMap { $0.headers["x-sluice-event"] }), ["published"])
        let days = ["2026-05-01": 20000, "2026-05-02": 20000, "2026-05-03": 5000]
        var seen: Set<String> = []
        for row in rows {
            let body = try payload(row)
            let runId = row.draft.runId
            let day = String(try XCTUnwrap(body["logical_date"] as? String).prefix(10))
            seen.insert(day)
            XCTAssertEqual(row.draft.eventId, "lake_export/\(runId)/export/1/published")
            XCTAssertEqual(body["event_id"] as? String, row.draft.eventId)
            XCTAssertEqual(body["event"] as? String, "published")
            XCTAssertEqual(body["run_id"] as? String, runId)
            XCTAssertEqual(body["task_id"] as? String, "export")
            XCTAssertEqual(body["try_number"] as? Int, 1)
            XCTAssertEqual(body["max_tries"] as? Int, 0)
            XCTAssertEqual(body["state"] as? String, "success")
            XCTAssertNil(body["error"])
            // What the payload says is what a reader finds in the lake.
            let folder = lake.appendingPathComponent("\(table)/day=\(day)")
            XCTAssertEqual(body["path"] as? String, folder.path)
            let files = try dataFiles(in: folder)
            XCTAssertGreaterThan(files.count, (days[day] ?? 0) > 8192 ? 1 : 0, "more than a batch of rows is several parts")
            XCTAssertEqual(body["files"] as? Int, files.count, "\(body)")
            XCTAssertEqual(body["bytes"] as? Int, files.bytes, "\(body)")
            let sourceRows = Int(try pg.psql("SELECT count(*) FROM \(table) WHERE ts >= '\(day) 00:00:00+00' AND ts < timestamptz '\(day) 00:00:00+00' + interval '1 day'"))
            XCTAssertEqual(body["rows"] as? Int, sourceRows)
            XCTAssertEqual(sourceRows, days[day])
        }
        XCTAssertEqual(seen, Set(days.keys))

        let listed = try project.sluice(["notifications", "list", "--json"], pg: pg, env: env)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], listed.stdout)
        XCTAssertEqual(items.map { $0["event"] as? String }, ["published", "published", "published"])
    }

    func testAnExportWhoseAuditsFailWritesAuditFailedForEachTryAndNoPublished() async throws {
        try writeDag("audited_export", notify: "[{to: catalog, on: [published, audit_failed]}, {to: ops, on: [retries_exhausted]}]",
                     audits: "[{min_rows: 50000}, {not_null: [id]}]", retries: 1)
        let backfill = try project.sluice(["dags", "backfill", "audited_export", "--start-date", "2026-05-01", "--end-date", "2026-05-01"], pg: pg, env: env)
        XCTAssertEqual(backfill.status, 1, backfill.stderr + backfill.stdout)

        let rows = try await store().notifications()
        let runId = try XCTUnwrap(rows.first?.draft.runId)
        XCTAssertEqual(Set(rows.map { "\($0.draft.notifier) \($0.draft.event.rawValue) \($0.draft.eventId)" }), [
            "catalog audit_failed audited_export/\(runId)/export/1/audit_failed",
            "catalog audit_failed audited_export/\(runId)/export/2/audit_failed",
            "ops retries_exhausted audited_export/\(runId)/export/2/retries_exhausted",
        ])
        XCTAssertEqual(rows.count, 3)
        let second = try XCTUnwrap(rows.first { $0.draft.eventId.hasSuffix("/2/audit_failed") })
        let body = try payload(second)
        XCTAssertEqual(body["event"] as? String, "audit_failed")
        XCTAssertEqual(body["task_id"] as? String, "export")
        XCTAssertEqual(body["try_number"] as? Int, 2)
        XCTAssertEqual(body["max_tries"] as? Int, 1)
        XCTAssertEqual(body["state"] as? String, "failed")
        let error = try XCTUnwrap(body["error"] as? String, "\(body)")
        XCTAssertTrue(error.contains("audit failed: min_rows"), error)
        XCTAssertFalse(error.contains("not_null"), "only the failed audit is named: \(error)")
        XCTAssertNil(body["path"], "nothing was published")
        XCTAssertEqual(receiver.requests().map { "\($0.path) \($0.headers["x-sluice-event"] ?? "")" }.sorted(),
                       ["/catalog audit_failed", "/catalog audit_failed", "/ops retries_exhausted"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: lake.appendingPathComponent("\(table)/day=2026-05-01").path))
    }
}
