import Foundation
import SluiceTestSupport
import XCTest

/// `sluice dags backfill` of a lake-export DAG, run through the built binary as a user runs it.
final class CLIBackfillExportTests: XCTestCase {
    static var binary: URL? {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("sluice")]
            + ["debug", "release"].map { TestPostgres.packageRoot.appendingPathComponent(".build/\($0)/sluice") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func testABackfillOfThreeDaysWritesHivePartitionsThatDuckDBCountsPerDay() throws {
        guard let binary = Self.binary else { return XCTFail("the sluice binary is not built: run swift build first") }
        let pg = try TestPostgres.get()
        let table = "cli_metrics_" + UUID().uuidString.prefix(6).lowercased()
        try pg.createMetrics(table, rows: 4320, minutes: 1)
        defer { _ = try? pg.psql("DROP TABLE IF EXISTS \(table)") }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-cli-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dags"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("include"), withIntermediateDirectories: true)
        // The shape of dags/metrics_lake_export.yaml, with its own table list.
        var dag = try String(contentsOf: TestPostgres.packageRoot.appendingPathComponent("dags/metrics_lake_export.yaml"), encoding: .utf8)
        dag = dag.replacingOccurrences(of: "include/lake_exports.yaml", with: "include/cli_exports.yaml")
        try dag.write(to: root.appendingPathComponent("dags/metrics_lake_export.yaml"), atomically: true, encoding: .utf8)
        try "- {table: \(table), timestamp_column: timestamp, target: metrics}\n"
            .write(to: root.appendingPathComponent("include/cli_exports.yaml"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = binary
        process.arguments = ["dags", "backfill", "metrics_lake_export", "--start-date", "2026-01-01", "--end-date", "2026-01-03"]
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLUICE_") }
        env["SLUICE_HOME"] = root.appendingPathComponent("home").path
        env["SLUICE_CONN_WAREHOUSE"] = pg.uri
        env["SLUICE_DEST_LAKE"] = "file://" + root.appendingPathComponent("lake").path
        process.environment = env
        let out = root.appendingPathComponent("out.txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("3 succeeded, 0 failed"), text)

        let counts = try TestProcess.python("""
            import duckdb, sys
            rows = duckdb.sql(f"SELECT day, count(*) FROM read_parquet('{sys.argv[1]}/**/*.parquet', hive_partitioning=true) GROUP BY day ORDER BY day").fetchall()
            print(",".join(f"{int(d)}:{n}" for d, n in rows))
            """, [root.appendingPathComponent("lake/metrics").path])
        let source = try pg.psql("SELECT string_agg(extract(day FROM d)::int || ':' || n, ',' ORDER BY d) FROM (SELECT date_trunc('day', \"timestamp\") d, count(*) n FROM \(table) WHERE \"timestamp\" < '2026-01-04' GROUP BY 1) x")
        XCTAssertEqual(counts, source)
        XCTAssertEqual(counts, "1:1440,2:1440,3:1440")
    }
}
