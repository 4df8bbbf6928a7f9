import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceDestinations
@testable import SluiceExport
import XCTest

/// What `tasks render` shows of an export: built by the runner's own plan, without a database,
/// a destination or its credentials.
final class ExportPreviewTests: XCTestCase {
    func testThePreviewHasTheCopyTheDestinationAndEachAuditsSQLWithoutCredentials() throws {
        let utc = TimeZone(identifier: "UTC")!
        let spec = ExportSpec(source: .query(TemplateSource(text: "SELECT * FROM orders WHERE region = '{{ params.region }}';", name: "q")),
                              timestampColumn: "ts", mode: .delta, destination: "lake", path: "orders/ds={{ ds }}",
                              audits: [.rowCountMatchesSource, .minRows(1), .unique(["id"]), .sql("SELECT count(*) > 0 FROM orders WHERE ds = '{{ ds }}'")])
        var task = TaskSpec(taskId: "export_orders", type: .export, connection: "pg", params: [("region", .string("eu"))])
        task.export = spec
        let dag = Dag(dagId: "d", schedule: "@daily", timetable: try Timetable(schedule: "@daily", kind: .interval, timeZone: utc), timeZone: utc,
                      startDate: nil, tasks: [task], fileURL: URL(fileURLWithPath: "/tmp/d.yaml"), projectRoot: URL(fileURLWithPath: "/tmp"))
        let day = try XCTUnwrap(DateText.parse("2026-03-01", in: utc))
        let run = DagRun(dagId: "d", runType: .scheduled, logicalDate: day, dataIntervalStart: day, dataIntervalEnd: day.addingTimeInterval(86400))
        // An S3 destination with no AWS credentials anywhere: the preview needs none.
        let env = ["SLUICE_DEST_LAKE": "s3://bucket/exports"]
        let preview = try ExportPreview.render(task: task, dag: dag, run: run, renderer: TaskRenderer(environment: env),
                                               destinations: DestinationRegistry(environment: env))
        let select = "SELECT * FROM (\nSELECT * FROM orders WHERE region = 'eu'\n) AS q WHERE \"ts\" >= '2026-03-01T00:00:00+00:00'::timestamptz AND \"ts\" < '2026-03-02T00:00:00+00:00'::timestamptz"
        XCTAssertEqual(preview.select, select)
        XCTAssertEqual(preview.copy, "COPY (\(select)) TO STDOUT (FORMAT binary)")
        XCTAssertEqual(preview.destination, "s3://bucket/exports/orders/ds=2026-03-01/")
        XCTAssertEqual(preview.source, "query")
        XCTAssertEqual(preview.audits.map(\.name), ["row_count_matches_source", "min_rows(1)", "unique(id)", "sql"])
        XCTAssertEqual(preview.audits[0].sql, "SELECT count(*) FROM (\(select)) AS sluice_export")
        XCTAssertNil(preview.audits[1].sql, "counted from the written rows")
        XCTAssertTrue(preview.audits[2].sql?.contains("GROUP BY \"id\" HAVING count(*) > 1") ?? false)
        XCTAssertEqual(preview.audits[3].sql, "SELECT count(*) > 0 FROM orders WHERE ds = '2026-03-01'")
    }
}
