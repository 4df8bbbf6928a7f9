import Foundation
import SluiceCore
import SluiceDefinitions
import XCTest

/// The example DAGs shipped in dags/ load, and the seed's DAG renders the tutorial's SQL.
final class ExampleDagTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testTheExampleDagsLoadWithoutProblems() throws {
        let bag = try DagFolderLoader(folder: Self.root.appendingPathComponent("dags")).load()
        XCTAssertEqual(bag.problems, [])
        XCTAssertNotNil(bag.dags["cratedb_table_export"])
        XCTAssertEqual(bag.dags["postgres_daily_rollup"]?.timeZone.identifier, "Europe/Berlin")
    }

    func testTheSeedDagRendersYesterdaysCopyWithTheSecretInIt() throws {
        let bag = try DagFolderLoader(folder: Self.root.appendingPathComponent("dags")).load()
        let dag = try XCTUnwrap(bag.dags["cratedb_table_export"])
        let task = try XCTUnwrap(dag.task("copy_doc.metrics"))
        let run = TaskRenderer.scheduledRun(of: dag, logicalDate: try XCTUnwrap(DateText.parse("2021-11-12", in: dag.timeZone)))
        XCTAssertEqual(run.runId, "scheduled__2021-11-12T00:00:00+00:00")
        let env = ["ACCESS_KEY_ID": "AKIAEXAMPLE", "SECRET_ACCESS_KEY": "s3cr3t/Key+x"]
        let rendered = try TaskRenderer(environment: env).render(task, of: dag, run: run)
        XCTAssertEqual(rendered.sql, """
            COPY doc.metrics WHERE DATE_TRUNC('day', timestamp) = '2021-11-11'
            TO DIRECTORY 's3://AKIAEXAMPLE:s3cr3t/Key+x@crate-astro-tutorial/metrics-2021-11-11';
            """)
        XCTAssertFalse(rendered.masker.mask(rendered.sql).contains("s3cr3t"))
        XCTAssertTrue(rendered.masker.mask(rendered.sql).contains("AKIAEXAMPLE:***@"))
    }
}
