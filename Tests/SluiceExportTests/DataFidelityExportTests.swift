import Foundation
import XCTest

/// Values whose text or Parquet form is easy to get subtly wrong, exported through the real export path
/// and compared with what PostgreSQL itself prints.
final class DataFidelityExportTests: XCTestCase {
    var pg: TestPostgres!
    var harness: ExportHarness!
    var table = ""

    override func setUp() async throws {
        pg = try TestPostgres.get()
        harness = try ExportHarness(pg: pg)
        table = "fidelity_" + UUID().uuidString.prefix(8).lowercased()
    }

    override func tearDown() async throws {
        try? pg.psql("DROP TABLE IF EXISTS \(table)")
    }

    /// Exports `SELECT * FROM table ORDER BY id` and returns the part file's path.
    private func export(_ format: String, compression: String = "none") async throws -> String {
        let dag = try harness.dag("fidelity_\(format)", """
            query: "SELECT * FROM \(table) ORDER BY id"
            mode: full
            format: \(format)
            compression: \(compression)
            destination: lake
            path: "fidelity/\(format)"
            """)
        let outcome = await harness.run(dag, day: "2026-01-01")
        _ = try outcome.result.get()
        let part = harness.files(under: "fidelity/\(format)").first { $0.hasPrefix("part-") } ?? ""
        return harness.lake.path + "/fidelity/\(format)/" + part
    }

    private func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    func testJSONLinesKeepsMicrosecondsOfTimestamptz() async throws {
        try pg.psql("CREATE TABLE \(table) (id int, tstz timestamptz, ts timestamp)",
                    "INSERT INTO \(table) VALUES (1, '2026-01-01 12:34:56.123456+00', '2026-01-01 12:34:56.123456'), (2, '1969-12-31 23:59:59.000001+00', '1969-12-31 23:59:59.000001')")
        let path = try await export("jsonl")
        let lines = try text(path)
        XCTAssertFalse(lines.utf8.contains(0), "NUL bytes in \(lines.debugDescription)")
        XCTAssertEqual(lines, """
            {"id":1,"tstz":"2026-01-01T12:34:56.123456Z","ts":"2026-01-01T12:34:56.123456"}
            {"id":2,"tstz":"1969-12-31T23:59:59.000001Z","ts":"1969-12-31T23:59:59.000001"}

            """)
        let duck = try Readers.json("""
            import sys, json, duckdb
            rows = duckdb.sql(f"SELECT id, epoch_us(tstz::timestamptz)::varchar FROM read_json('{sys.argv[1]}', format='newline_delimited') ORDER BY id").fetchall()
            print(json.dumps([r[1] for r in rows]))
            """, [path]) as? [String]
        XCTAssertEqual(duck, ["1767270896123456", "-999999"])
    }
}
