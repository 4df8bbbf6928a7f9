import Foundation
import SluiceTestSupport
import SluiceExport
import XCTest

/// Exports to an `s3://` destination on a real moto_server, directly and through a proxy that answers 503
/// or drops the connection on a share of requests; read back with pyarrow and DuckDB.
final class S3ExportTests: XCTestCase {
    var pg: TestPostgres!
    var moto: MotoServer!
    var proxy: FaultProxy?
    var table = ""
    var downloads: URL!

    override func setUp() async throws {
        pg = try TestPostgres.get()
        moto = try MotoServer()
        table = "s3metrics_" + UUID().uuidString.prefix(8).lowercased()
        try pg.createMetrics(table, rows: 60_000, minutes: 1)  // about 41.7 days: 1440 rows a day
        downloads = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-s3-\(UUID().uuidString)")
    }

    override func tearDown() async throws {
        proxy?.stop()
        moto?.stop()
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
        try? FileManager.default.removeItem(at: downloads)
    }

    private func yaml(format: String, compression: String, mode: String, extra: String = "") -> String {
        """
        table: \(table)
        timestamp_column: timestamp
        mode: \(mode)
        format: \(format)
        compression: \(compression)
        destination: lake
        path: "metrics/\(format)-\(mode)/year={{ logical_date.strftime('%Y') }}/month={{ logical_date.strftime('%m') }}/day={{ logical_date.strftime('%d') }}"
        audits: [row_count_matches_source, {not_null: [hash_id]}, {unique: [hash_id]}]
        \(extra)
        """
    }

    func testDeltaAndFullExportsToS3ReadBackEqualToTheSource() async throws {
        let harness = try ExportHarness(pg: pg, destinations: moto.environment(prefix: "base"))
        for (format, compression) in [("parquet", "zstd"), ("csv", "gzip"), ("jsonl", "zstd")] {
            for mode in ["delta", "full"] {
                let dag = try harness.dag("s3\(format)\(mode)", yaml(format: format, compression: compression, mode: mode))
                let outcome = await harness.run(dag, day: "2026-01-05")
                XCTAssertEqual(try outcome.result.get().rowsAffected, mode == "delta" ? 1440 : 60_000, outcome.log)
                let prefix = "base/metrics/\(format)-\(mode)/year=2026/month=01/day=05/"
                let keys = try moto.download(prefix: prefix, to: downloads)
                XCTAssertEqual(keys.filter { $0.hasSuffix("_SUCCESS") || $0.hasSuffix("_manifest.json") || $0.hasSuffix("_schema.json") }.count, 3, "\(keys)")
                XCTAssertFalse(keys.contains { $0.contains("_staging") }, "\(keys)")
                let query = mode == "delta"
                    ? "SELECT * FROM \(table) WHERE \"timestamp\" >= '2026-01-05' AND \"timestamp\" < '2026-01-06'"
                    : "SELECT * FROM \(table)"
                let digests = try Readers.metrics(format: format, glob: downloads.path + "/" + prefix + "part-*", dsn: pg.uri, query: query)
                XCTAssertEqual(digests.pyarrow, digests.source, "pyarrow \(format) \(mode)")
                XCTAssertEqual(digests.duckdb, digests.source, "duckdb \(format) \(mode)")
            }
        }
        XCTAssertEqual(try moto.openUploads(), 0)
    }

    func testAnExportToS3ReportsThePublishedPrefixWithItsDataFilesRowsAndBytes() async throws {
        let harness = try ExportHarness(pg: pg, destinations: moto.environment(prefix: "pub"))
        let dag = try harness.dag("s3published", yaml(format: "csv", compression: "none", mode: "full", extra: "max_file_size: 600KB"))
        let outcome = await harness.run(dag, day: "2026-01-05")
        let publication = try XCTUnwrap(try outcome.result.get().publication, outcome.log)
        // What the `published` notification says is what a reader of the bucket finds.
        let prefix = "pub/metrics/csv-full/year=2026/month=01/day=05/"
        XCTAssertEqual(publication.path, "s3://\(moto.bucket)/\(prefix)")
        let parts = try moto.download(prefix: prefix, to: downloads).filter { !($0.split(separator: "/").last ?? "").hasPrefix("_") }
        XCTAssertGreaterThan(parts.count, 1, "several parts")
        XCTAssertEqual(publication.files, parts.count)
        let bytes = try parts.reduce(0) { sum, key in
            let attributes = try FileManager.default.attributesOfItem(atPath: downloads.appendingPathComponent(key).path)
            return sum + ((attributes[.size] as? NSNumber)?.intValue ?? 0)
        }
        XCTAssertEqual(publication.bytes, bytes)
        XCTAssertEqual(publication.rows, 60_000)
    }

    func testAnExportThroughAFaultyS3IsCompleteAndByteCorrect() async throws {
        let faulty = try FaultProxy(upstreamPort: moto.port, every: 4)
        proxy = faulty
        let harness = try ExportHarness(pg: pg, destinations: moto.environment(prefix: "faulty", port: faulty.port))
        // Several parts (some multipart uploads), a re-export, and the publish steps all go through the proxy.
        let dag = try harness.dag("faulty", yaml(format: "parquet", compression: "zstd", mode: "full", extra: "max_file_size: 600KB\nrow_group_size: 5000"))
        for attempt in 1...2 {
            let outcome = await harness.run(dag, day: "2026-01-07", tryNumber: attempt, batchSize: 2000)
            XCTAssertEqual(try outcome.result.get().rowsAffected, 60_000, outcome.log)
        }
        let stats = try faulty.stats()
        XCTAssertGreaterThan(stats.slowdowns, 0)
        XCTAssertGreaterThan(stats.drops, 0)
        let prefix = "faulty/metrics/parquet-full/year=2026/month=01/day=07/"
        let keys = try moto.download(prefix: prefix, to: downloads)
        let parts = keys.filter { $0.contains("/part-") }
        XCTAssertGreaterThan(parts.count, 1, "\(keys)")
        let manifest = try ExportManifest.decode(Data(contentsOf: downloads.appendingPathComponent(prefix + "_manifest.json")))
        XCTAssertEqual(manifest.files.map { prefix + $0.path }, parts)
        XCTAssertEqual(manifest.tryNumber, 2)
        for file in manifest.files {
            let sha = try TestProcess.python("import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())",
                                             [downloads.path + "/" + prefix + file.path])
            XCTAssertEqual(sha, file.sha256, file.path)
        }
        let digests = try Readers.metrics(format: "parquet", glob: downloads.path + "/" + prefix + "part-*", dsn: pg.uri, query: "SELECT * FROM \(table)")
        XCTAssertEqual(digests.pyarrow, digests.source)
        XCTAssertEqual(digests.duckdb, digests.source)
        XCTAssertEqual(try moto.openUploads(), 0)
    }
}
