import Foundation
import SluiceTestSupport
import SluiceExport
import XCTest

/// Exports of a `metrics`-shaped table to a `file://` destination against a real PostgreSQL, read back by
/// pyarrow and DuckDB.
final class MetricsExportTests: XCTestCase {
    var pg: TestPostgres!
    var harness: ExportHarness!
    var table = ""

    override func setUp() async throws {
        pg = try TestPostgres.get()
        harness = try ExportHarness(pg: pg)
        table = "metrics_" + UUID().uuidString.prefix(8).lowercased()
        // Three days, one row every 2 minutes: 720 rows a day.
        try pg.createMetrics(table, rows: 2160, minutes: 2)
    }

    override func tearDown() async throws {
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
        harness = nil
    }

    private func exportYAML(format: String, compression: String, mode: String = "delta", extra: String = "") -> String {
        """
        table: \(table)
        timestamp_column: timestamp
        mode: \(mode)
        format: \(format)
        compression: \(compression)
        destination: lake
        path: "\(table)/\(format)-\(compression)-\(mode)/day={{ ds }}"
        audits:
          - row_count_matches_source
          - not_null: [hash_id, timestamp]
          - unique: [hash_id]
          - min_rows: 1
        \(extra)
        """
    }

    func testDeltaAndFullExportsInEveryFormatReadBackEqualToTheSource() async throws {
        let cases = [("csv", "none"), ("csv", "gzip"), ("jsonl", "zstd"), ("jsonl", "none"), ("parquet", "zstd"), ("parquet", "snappy"), ("csv", "zstd")]
        for (i, (format, compression)) in cases.enumerated() {
            for mode in ["delta", "full"] {
                let dag = try harness.dag("m\(i)\(mode)", exportYAML(format: format, compression: compression, mode: mode))
                let outcome = await harness.run(dag, day: "2026-01-02")
                let result = try outcome.result.get()
                let expected: Int64 = mode == "delta" ? 720 : 2160
                XCTAssertEqual(result.rowsAffected, expected, "\(format)/\(compression)/\(mode)")
                let dir = "\(table)/\(format)-\(compression)-\(mode)/day=2026-01-02"
                let files = harness.files(under: dir)
                XCTAssertEqual(files.filter { !$0.hasPrefix("_") }.count, 1, "\(files)")
                XCTAssertTrue(files.contains("_SUCCESS") && files.contains("_manifest.json") && files.contains("_schema.json"), "\(files)")
                XCTAssertFalse(files.contains { $0.hasPrefix("_staging") }, "\(files)")
                let query = mode == "delta"
                    ? "SELECT * FROM \(table) WHERE \"timestamp\" >= '2026-01-02' AND \"timestamp\" < '2026-01-03'"
                    : "SELECT * FROM \(table)"
                let pattern = harness.lake.path + "/" + dir + "/part-*"
                // pyarrow and DuckDB decompress .gz/.zst by extension.
                let digests = try Readers.metrics(format: format, glob: pattern, dsn: pg.uri, query: query)
                XCTAssertEqual(digests.source.rows, Int(expected))
                XCTAssertEqual(digests.pyarrow, digests.source, "pyarrow \(format)/\(compression)/\(mode)")
                XCTAssertEqual(digests.duckdb, digests.source, "duckdb \(format)/\(compression)/\(mode)")
            }
        }
    }

    func testUncompressedCSVIsByteIdenticalToPostgresCSVAndTheManifestDescribesIt() async throws {
        let dag = try harness.dag("csvbytes", exportYAML(format: "csv", compression: "none"))
        let outcome = await harness.run(dag, day: "2026-01-03")
        XCTAssertEqual(try outcome.result.get().rowsAffected, 720, outcome.log)
        let dir = harness.lake.appendingPathComponent("\(table)/csv-none-delta/day=2026-01-03")
        let part = try XCTUnwrap(harness.files(under: "\(table)/csv-none-delta/day=2026-01-03").first { $0.hasPrefix("part-00000-") && $0.hasSuffix(".csv") })
        let written = try Data(contentsOf: dir.appendingPathComponent(part))
        let reference = try pg.copyCSV("SELECT * FROM \(table) WHERE \"timestamp\" >= '2026-01-03' AND \"timestamp\" < '2026-01-04'")
        XCTAssertEqual(written, reference)
        let manifest = try ExportManifest.decode(Data(contentsOf: dir.appendingPathComponent("_manifest.json")))
        XCTAssertEqual(manifest.totalRows, 720)
        XCTAssertEqual(manifest.files.map(\.path), [part])
        XCTAssertEqual(manifest.files.first?.bytes, Int64(written.count))
        let sha = try TestProcess.python("import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", [dir.appendingPathComponent(part).path])
        XCTAssertEqual(manifest.files.first?.sha256, sha)
        XCTAssertEqual(manifest.logicalDate, "2026-01-03T00:00:00+00:00")
        XCTAssertEqual(manifest.schema.map(\.name), ["hash_id", "timestamp", "name", "tags", "fields"])
        XCTAssertEqual(manifest.schema.map(\.lakeType), ["bigint", "timestamptz", "string", "json", "json"])
        XCTAssertEqual(manifest.querySha256.count, 64)
        XCTAssertTrue(outcome.log.contains("audit unique(hash_id): passed"), outcome.log)
        XCTAssertFalse(harness.progress.isEmpty)
        XCTAssertEqual(harness.progress.last?.0, 720)
    }

    func testAFailingAuditLeavesThePublishedPartitionUntouchedAndKeepsTheStagedFiles() async throws {
        let good = try harness.dag("audit", exportYAML(format: "parquet", compression: "zstd"))
        _ = try await harness.run(good, day: "2026-01-02").result.get()
        let dir = "\(table)/parquet-zstd-delta/day=2026-01-02"
        let before = try harness.files(under: dir).map { try Data(contentsOf: harness.lake.appendingPathComponent(dir + "/" + $0)) }

        // A duplicate key and a failing sql audit; the source changed too.
        try pg.psql("INSERT INTO \(table) SELECT * FROM \(table) WHERE hash_id = 800")
        let bad = try harness.dag("audit", exportYAML(format: "parquet", compression: "zstd", extra: """
              - sql: "SELECT count(*) = 0 FROM \(table) WHERE hash_id = 800"
              - min_rows: 100000
            """))
        let outcome = await harness.run(bad, day: "2026-01-02", tryNumber: 2)
        guard case let .failure(error) = outcome.result else { return XCTFail("the export should fail its audits") }
        XCTAssertTrue("\(error)".contains("unique(hash_id)") && "\(error)".contains("min_rows(100000)") && "\(error)".contains("sql"), "\(error)")
        XCTAssertFalse("\(error)".contains("row_count_matches_source"), "\(error)")
        XCTAssertTrue(outcome.log.contains("audit unique(hash_id): FAILED (1 duplicate rows)"), outcome.log)
        XCTAssertTrue(outcome.log.contains("audit sql: FAILED (returned f, true required)"), outcome.log)
        XCTAssertTrue(outcome.log.contains("audit row_count_matches_source: passed (source has 721 rows, 721 written)"), outcome.log)

        let files = harness.files(under: dir)
        let after = try files.map { try Data(contentsOf: harness.lake.appendingPathComponent(dir + "/" + $0)) }
        XCTAssertEqual(after, before, "the published partition changed")
        // Kept for inspection outside the lake, in the staging folder beside it.
        let kept = harness.root.path + "/.lake.sluice-staging/" + dir.replacingOccurrences(of: "/", with: "%2F")
            + "/scheduled__2026-01-02T00:00:00+00:00.2.audit.export/part-00000.parquet"
        XCTAssertTrue(FileManager.default.fileExists(atPath: kept), kept)
        let staged = try Readers.json("""
            import pyarrow.parquet as pq, sys, json; print(json.dumps(pq.read_table(sys.argv[1]).num_rows))
            """, [kept]) as? Int
        XCTAssertEqual(staged, 721)
    }

    func testAReexportReplacesThePartitionAndRemovesPartsOfTheEarlierExport() async throws {
        // First: small parts (several files), each a valid Parquet file on its own.
        let split = try harness.dag("replace", exportYAML(format: "parquet", compression: "snappy", extra: "max_file_size: 8KB\nrow_group_size: 100"))
        let first = await harness.run(split, day: "2026-01-01", batchSize: 50)
        XCTAssertEqual(try first.result.get().rowsAffected, 720, first.log)
        let dir = "\(table)/parquet-snappy-delta/day=2026-01-01"
        let parts = harness.files(under: dir).filter { $0.hasPrefix("part-") }
        XCTAssertGreaterThan(parts.count, 2, "\(parts)")
        XCTAssertTrue(parts.first?.hasPrefix("part-00000-") == true, "\(parts)")
        let perFile = try Readers.json("""
            import pyarrow.parquet as pq, sys, json; print(json.dumps([pq.ParquetFile(f).metadata.num_rows for f in sys.argv[1:]]))
            """, parts.map { harness.lake.path + "/" + dir + "/" + $0 }) as? [Int] ?? []
        XCTAssertEqual(perFile.reduce(0, +), 720)
        XCTAssertTrue(perFile.allSatisfy { $0 > 0 }, "\(perFile)")
        let manifest = try ExportManifest.decode(Data(contentsOf: harness.lake.appendingPathComponent(dir + "/_manifest.json")))
        XCTAssertEqual(manifest.files.map(\.rows), perFile.map(Int64.init))

        // A stray file of someone else's in a deeper folder stays; the old parts go.
        let deeper = harness.lake.appendingPathComponent(dir + "/hour=01")
        try FileManager.default.createDirectory(at: deeper, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: deeper.appendingPathComponent("other.txt"))
        try pg.psql("DELETE FROM \(table) WHERE hash_id % 2 = 0")
        let whole = try harness.dag("replace", exportYAML(format: "parquet", compression: "snappy"))
        let second = await harness.run(whole, day: "2026-01-01")
        XCTAssertEqual(try second.result.get().rowsAffected, 360, second.log)
        let replaced = harness.files(under: dir)
        XCTAssertEqual(replaced.filter { !$0.hasPrefix("part-") }, ["_SUCCESS", "_manifest.json", "_schema.json", "hour=01/other.txt"])
        XCTAssertEqual(replaced.filter { $0.hasPrefix("part-") }.count, 1, "\(replaced)")
        XCTAssertFalse(replaced.contains { parts.contains($0) }, "\(replaced)")
        // Other partitions are not touched.
        XCTAssertTrue(harness.files(under: "\(table)").allSatisfy { $0.hasPrefix("parquet-snappy-delta/day=2026-01-01/") })
        let digests = try Readers.metrics(format: "parquet", glob: harness.lake.path + "/" + dir + "/part-*", dsn: pg.uri,
                                          query: "SELECT * FROM \(table) WHERE \"timestamp\" < '2026-01-02'")
        XCTAssertEqual(digests.pyarrow, digests.source)
        XCTAssertEqual(digests.source.rows, 360)
    }

    func testCSVPartsOfMaxFileSizeEachHaveTheirHeader() async throws {
        let dag = try harness.dag("csvparts", exportYAML(format: "csv", compression: "none", extra: "max_file_size: 4KB"))
        let outcome = await harness.run(dag, day: "2026-01-02", batchSize: 64)
        XCTAssertEqual(try outcome.result.get().rowsAffected, 720, outcome.log)
        let dir = "\(table)/csv-none-delta/day=2026-01-02"
        let parts = harness.files(under: dir).filter { $0.hasPrefix("part-") }
        XCTAssertGreaterThan(parts.count, 2, "\(parts)")
        XCTAssertTrue(parts.allSatisfy { $0.hasSuffix(".csv") })
        let headers = try Readers.json("""
            import sys, json; print(json.dumps([open(f).readline() for f in sys.argv[1:]]))
            """, parts.map { harness.lake.path + "/" + dir + "/" + $0 }) as? [String] ?? []
        XCTAssertEqual(Set(headers), ["hash_id,timestamp,name,tags,fields\n"])
        let digests = try Readers.metrics(format: "csv", glob: harness.lake.path + "/" + dir + "/part-*", dsn: pg.uri,
                                          query: "SELECT * FROM \(table) WHERE \"timestamp\" >= '2026-01-02' AND \"timestamp\" < '2026-01-03'")
        XCTAssertEqual(digests.pyarrow, digests.source)
        XCTAssertEqual(digests.duckdb, digests.source)
    }

    func testATableNameThatTriesToInjectSQLIsQuotedHarmlessly() async throws {
        let victim = table + "_victim"
        try pg.psql("CREATE TABLE \(victim) (x int)")
        defer { _ = try? pg.psql("DROP TABLE IF EXISTS \(victim)") }
        let dag = try harness.dag("inject", """
            table: '\(table)"; DROP TABLE \(victim); --'
            mode: full
            format: csv
            destination: lake
            path: "inject/day={{ ds }}"
            """)
        let outcome = await harness.run(dag, day: "2026-01-02")
        guard case let .failure(error) = outcome.result else { return XCTFail("the export should fail") }
        XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        XCTAssertEqual(try pg.psql("SELECT count(*) FROM pg_tables WHERE tablename = '\(victim)'"), "1")
        XCTAssertEqual(harness.files(under: "inject"), [])
        // An injection through the timestamp column is quoted the same way.
        let viaColumn = try harness.dag("inject2", """
            table: \(table)
            timestamp_column: 'timestamp" > now() OR 1=1; DROP TABLE \(victim); --'
            mode: delta
            format: csv
            destination: lake
            path: "inject2/day={{ ds }}"
            """)
        let second = await harness.run(viaColumn, day: "2026-01-02")
        guard case .failure = second.result else { return XCTFail("the export should fail") }
        XCTAssertEqual(try pg.psql("SELECT count(*) FROM pg_tables WHERE tablename = '\(victim)'"), "1")
    }

    func testAZeroRowExportIsAValidParquetFileWithItsSchemaAndACSVWithItsHeader() async throws {
        for (format, compression) in [("parquet", "zstd"), ("csv", "none"), ("jsonl", "gzip")] {
            let dag = try harness.dag("empty_\(format)", exportYAML(format: format, compression: compression).replacingOccurrences(of: "  - min_rows: 1\n", with: ""))
            let outcome = await harness.run(dag, day: "2026-02-10")
            XCTAssertEqual(try outcome.result.get().rowsAffected, 0, outcome.log)
            let dir = harness.lake.path + "/\(table)/\(format)-\(compression)-delta/day=2026-02-10"
            let parts = harness.files(under: "\(table)/\(format)-\(compression)-delta/day=2026-02-10").filter { $0.hasPrefix("part-") }
            XCTAssertEqual(parts.count, 1)
            switch format {
            case "parquet":
                let info = try Readers.json("""
                    import pyarrow.parquet as pq, sys, json, duckdb
                    t = pq.read_table(sys.argv[1])
                    d = duckdb.sql(f"SELECT count(*) FROM read_parquet('{sys.argv[1]}')").fetchone()[0]
                    print(json.dumps({"rows": t.num_rows, "names": t.schema.names, "types": [str(x) for x in t.schema.types], "duckdb": d}))
                    """, [dir + "/" + parts[0]]) as? [String: Any]
                XCTAssertEqual(info?["rows"] as? Int, 0)
                XCTAssertEqual(info?["duckdb"] as? Int, 0)
                XCTAssertEqual(info?["names"] as? [String], ["hash_id", "timestamp", "name", "tags", "fields"])
                XCTAssertEqual((info?["types"] as? [String])?.prefix(3), ["int64", "timestamp[us, tz=UTC]", "string"])
            case "csv":
                XCTAssertEqual(try String(contentsOfFile: dir + "/" + parts[0], encoding: .utf8), "hash_id,timestamp,name,tags,fields\n")
            default:
                let text = try TestProcess.python("import gzip,sys; print(repr(gzip.open(sys.argv[1]).read()))", [dir + "/" + parts[0]])
                XCTAssertEqual(text, "b''")
            }
        }
    }

    func testDuckDBAndPyarrowReadAHivePartitionedExportOfSeveralDaysAsOneDataset() async throws {
        let yaml = """
            table: \(table)
            timestamp_column: timestamp
            mode: delta
            format: parquet
            destination: lake
            path: "hive/metrics/year={{ logical_date.strftime('%Y') }}/month={{ logical_date.strftime('%m') }}/day={{ logical_date.strftime('%d') }}"
            """
        let dag = try harness.dag("hive", yaml)
        for day in ["2026-01-01", "2026-01-02", "2026-01-03"] {
            let outcome = await harness.run(dag, day: day)
            XCTAssertEqual(try outcome.result.get().rowsAffected, 720, outcome.log)
        }
        let root = harness.lake.path + "/hive/metrics"
        let counts = try Readers.json("""
            import duckdb, sys, json, pyarrow.dataset as ds
            rows = duckdb.sql(f"SELECT year, month, day, count(*), sum(hash_id) FROM read_parquet('{sys.argv[1]}/**/*.parquet', hive_partitioning=true) GROUP BY ALL ORDER BY ALL").fetchall()
            d = ds.dataset(sys.argv[1], format="parquet", partitioning="hive", exclude_invalid_files=True)
            t = d.to_table()
            by_day = {}
            for day in t.column("day").to_pylist(): by_day[str(day)] = by_day.get(str(day), 0) + 1
            print(json.dumps({"duckdb": [[int(r[0]), int(r[1]), int(r[2]), r[3], int(r[4])] for r in rows], "pyarrow": by_day, "columns": t.schema.names}))
            """, [root]) as? [String: Any]
        let source = try pg.psql("SELECT string_agg(s::text, ',' ORDER BY d) FROM (SELECT date_trunc('day', \"timestamp\") d, sum(hash_id) s FROM \(table) GROUP BY 1) x")
        let duck = counts?["duckdb"] as? [[Int]] ?? []
        XCTAssertEqual(duck.map { [$0[0], $0[1], $0[2], $0[3]] }, [[2026, 1, 1, 720], [2026, 1, 2, 720], [2026, 1, 3, 720]])
        XCTAssertEqual(duck.map { String($0[4]) }.joined(separator: ","), source)
        XCTAssertEqual(counts?["pyarrow"] as? [String: Int], ["1": 720, "2": 720, "3": 720])
        XCTAssertEqual((counts?["columns"] as? [String])?.suffix(3), ["year", "month", "day"])
    }

    func testTheCursorFallbackWritesTheSameCSVAsCopy() async throws {
        let dag = try harness.dag("cursor", exportYAML(format: "csv", compression: "none"))
        let outcome = await harness.run(dag, day: "2026-01-02", readMethod: .cursor, batchSize: 100)
        XCTAssertEqual(try outcome.result.get().rowsAffected, 720, outcome.log)
        let dir = "\(table)/csv-none-delta/day=2026-01-02"
        let part = try XCTUnwrap(harness.files(under: dir).first { $0.hasPrefix("part-00000-") })
        let written = try Data(contentsOf: harness.lake.appendingPathComponent(dir + "/" + part))
        let reference = try pg.copyCSV("SELECT * FROM \(table) WHERE \"timestamp\" >= '2026-01-02' AND \"timestamp\" < '2026-01-03'")
        XCTAssertEqual(String(decoding: written, as: UTF8.self), String(decoding: reference, as: UTF8.self))
    }
}
