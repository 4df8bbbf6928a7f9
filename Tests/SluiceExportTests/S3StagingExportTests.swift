import Foundation
import SluiceTestSupport
import XCTest

/// Staging on S3: a sibling prefix of the destination's, never listed under it, emptied by failures and
/// publishes (failed audits kept until the next publish), on a real moto_server.
final class S3StagingExportTests: XCTestCase {
    var pg: TestPostgres!
    var moto: MotoServer!
    var table = ""
    var downloads: URL!

    override func setUp() async throws {
        pg = try TestPostgres.get()
        moto = try MotoServer()
        table = "s3staging_" + UUID().uuidString.prefix(8).lowercased()
        try pg.psql("CREATE TABLE \(table) (id BIGINT, pad TEXT)",
                    "INSERT INTO \(table) SELECT g, md5(g::text) FROM generate_series(1, 3000) g")
        downloads = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-s3-staging-\(UUID().uuidString)")
    }

    override func tearDown() async throws {
        moto?.stop()
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
        try? FileManager.default.removeItem(at: downloads)
    }

    private func yaml(query: String, audits: String) -> String {
        StagingTaskYAML.export(query: query, path: "\(table)/day={{ ds }}", extra: "audits: \(audits)")
    }

    private func keys(_ prefix: String) throws -> [String] {
        try moto.download(prefix: prefix, to: downloads.appendingPathComponent(UUID().uuidString))
    }

    func testS3StagesUnderASiblingPrefixAndEmptiesItOnFailureAndPublish() async throws {
        let harness = try ExportHarness(pg: pg, destinations: moto.environment(prefix: "base"))
        let boom = try harness.dag("s3boom", yaml(query: "SELECT id, pad, 1 / (id - 2900) AS boom FROM \(table)", audits: "[]"))
        let failed = await harness.run(boom, day: "2026-01-02", batchSize: 100)
        guard case .failure = failed.result else { return XCTFail("division by zero should fail the try") }
        XCTAssertEqual(try keys("base"), [])
        XCTAssertEqual(try moto.openUploads(), 0)

        let audited = try harness.dag("s3audit", yaml(query: "SELECT * FROM \(table)", audits: "[{min_rows: 100000}]"))
        let failedAudit = await harness.run(audited, day: "2026-01-02", batchSize: 100)
        guard case let .failure(error) = failedAudit.result else { return XCTFail("the audit should fail") }
        XCTAssertTrue("\(error)".contains("s3://"), "\(error)")
        XCTAssertEqual(try keys("base/"), [])
        let kept = try keys("base.sluice-staging/")
        XCTAssertTrue(kept.contains { $0.hasSuffix(".1.s3audit.export/part-00000.parquet") }, "\(kept)")

        let passing = try harness.dag("s3audit", yaml(query: "SELECT * FROM \(table)", audits: "[{min_rows: 10}]"))
        let passed = await harness.run(passing, day: "2026-01-02", tryNumber: 2, batchSize: 100)
        XCTAssertEqual(try passed.result.get().rowsAffected, 3000, passed.log)
        let published = try keys("base/")
        XCTAssertTrue(published.contains("base/\(table)/day=2026-01-02/_SUCCESS"), "\(published)")
        XCTAssertTrue(published.allSatisfy { $0.hasPrefix("base/\(table)/day=2026-01-02/") }, "\(published)")
        XCTAssertEqual(try keys("base.sluice-staging/"), [])
        let rows = try TestProcess.python("""
            import duckdb, sys; print(duckdb.sql(f"SELECT count(*) FROM read_parquet('{sys.argv[1]}/**/*.parquet')").fetchone()[0])
            """, [downloads.path + "/*/base"])
        XCTAssertEqual(rows, "3000")
    }
}
