import Foundation
import SluiceCore
import SluiceDestinations
import SluiceExport
import SluiceTestSupport
import XCTest

/// Where exports stage their files and when staged files go away, against a real PostgreSQL, with
/// DuckDB reading the lake the way a user does (`read_parquet('<task path>/**/*.parquet')`).
final class StagingExportTests: XCTestCase {
    var pg: TestPostgres!
    var table = ""

    override func setUp() async throws {
        pg = try TestPostgres.get()
        table = "staging_" + UUID().uuidString.prefix(8).lowercased()
        try pg.psql("""
            CREATE TABLE \(table) (id BIGINT, pad TEXT);
            INSERT INTO \(table) SELECT g, md5(g::text) FROM generate_series(1, 2000) g;
            CREATE TABLE \(table)_limit (n BIGINT);
            INSERT INTO \(table)_limit VALUES (2000);
            """)
    }

    override func tearDown() async throws {
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)", "DROP TABLE IF EXISTS \(table)_limit")
    }

    /// An export of the rows with `id <= (SELECT n FROM <table>_limit)` into `<table>/day={{ ds }}`.
    private func yaml(_ extra: String = "", query: String? = nil) -> String {
        StagingTaskYAML.export(query: query ?? "SELECT * FROM \(table) WHERE id <= (SELECT n FROM \(table)_limit)",
                               path: "\(table)/day={{ ds }}", extra: extra)
    }

    /// Every file under the staging area of the harness's lake.
    private func stagedFiles(_ harness: ExportHarness) -> [String] {
        let area = harness.root.appendingPathComponent(".lake.sluice-staging").path
        return (FileManager.default.enumerator(atPath: area)?.allObjects as? [String] ?? []).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: area + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    func testAReaderPollingDuringReexportsSeesTheOldOrTheNewRowsNeverAMixNorAStagedFile() async throws {
        let harness = try ExportHarness(pg: pg)
        let dag = try harness.dag("swap", yaml())
        _ = try await harness.run(dag, day: "2026-01-02", batchSize: 100).result.get()

        let glob = harness.lake.path + "/\(table)/**/*.parquet"
        let stop = harness.root.appendingPathComponent("stop").path
        let out = harness.root.appendingPathComponent("reads.txt").path
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        reader.arguments = ["python3", "-c", """
            import duckdb, os, sys
            glob, stop, out = sys.argv[1:4]
            con = duckdb.connect()
            with open(out, "w") as f:
                for _ in range(20000):
                    if os.path.exists(stop): break
                    try:
                        files = [r[0] for r in con.sql(f"SELECT file FROM glob('{glob}')").fetchall()]
                        rows = con.sql(f"SELECT count(*) FROM read_parquet('{glob}')").fetchone()[0]
                        staged = [x for x in files if "sluice-staging" in x or "/_staging/" in x or ".partial" in x]
                        f.write(f"{rows} {len(staged)}\\n")
                    except Exception as e:
                        f.write("ERR " + str(e).replace("\\n", " ")[:300] + "\\n")
                    f.flush()
            """, glob, stop, out]
        try reader.run()
        defer { TestProcess.stop(reader) }
        try Deadline.wait(for: "the reader's first read") { ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").contains("\n") }

        // Re-export the partition with 1000 and 2000 rows in turn (different numbers of part files), at least
        // 6 times and until the reader has read 30 times (at most 60 re-exports).
        func readsSoFar() -> Int { ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").filter { $0 == "\n" }.count }
        var exports = 0
        while exports < 6 || (readsSoFar() < 30 && exports < 60) {
            let limit = exports % 2 == 0 ? 1000 : 2000
            try pg.psql("UPDATE \(table)_limit SET n = \(limit)")
            let outcome = await harness.run(dag, day: "2026-01-02", tryNumber: exports + 2, batchSize: 100)
            XCTAssertEqual(try outcome.result.get().rowsAffected, Int64(limit), outcome.log)
            exports += 1
        }
        _ = FileManager.default.createFile(atPath: stop, contents: nil)
        try Deadline.wait(for: "the reader to stop") { !reader.isRunning }

        let reads = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        let counted = reads.filter { !$0.hasPrefix("ERR") }
        XCTAssertGreaterThanOrEqual(reads.count, 30, "\(reads.prefix(20))")
        XCTAssertGreaterThan(counted.count, reads.count / 2, "\(reads.prefix(20))")
        XCTAssertEqual(Set(counted).subtracting(["1000 0", "2000 0"]), [], "reads other than the old or new rows: \(Set(counted))")
        // A read whose listing came before a swap and whose open came after can only fail (part names are
        // new at each publish), never count a mix.
        let errors = reads.filter { $0.hasPrefix("ERR") }
        XCTAssertTrue(errors.allSatisfy { $0.contains("No such file") || $0.contains("No files found") }, "\(errors.prefix(5))")
        XCTAssertEqual(stagedFiles(harness), [])
        print("\(reads.count) reads during \(exports) re-exports, \(errors.count) failed with a file gone (listed before a swap, opened after)")
    }

    func testAFailedTryRemovesItsStagedFilesAndPublishesNothing() async throws {
        let harness = try ExportHarness(pg: pg)
        let dag = try harness.dag("fails", yaml(query: "SELECT g AS id, md5(g::text) AS pad, CASE WHEN g = 45000 THEN 1 / (g - 45000) END AS boom FROM generate_series(1, 50000) g"))
        let outcome = await harness.run(dag, day: "2026-01-02", batchSize: 100)
        guard case let .failure(error) = outcome.result else { return XCTFail("division by zero should fail the try") }
        XCTAssertTrue("\(error)".contains("division by zero"), "\(error)")
        XCTAssertEqual(harness.files(), [])
        XCTAssertEqual(stagedFiles(harness), [])
    }

    func testACancelledTryRemovesItsStagedFiles() async throws {
        let harness = try ExportHarness(pg: pg)
        let dag = try harness.dag("cancelled", yaml(query: "SELECT g AS id, md5(g::text) AS pad, CASE WHEN g = 45000 THEN pg_sleep(60)::text END AS s FROM generate_series(1, 50000) g"))
        let run = Task { await harness.run(dag, day: "2026-01-02", batchSize: 100) }
        try Deadline.wait(for: "staged part files", timeout: 60) { stagedFiles(harness).contains { $0.hasSuffix(".parquet") } }
        run.cancel()
        let outcome = await run.value
        guard case .failure = outcome.result else { return XCTFail("a cancelled try succeeded") }
        XCTAssertEqual(stagedFiles(harness), [])
        XCTAssertEqual(harness.files(), [])
    }

    func testAFailedAuditKeepsItsFilesOutsideTheLakeUntilThePartitionIsNextPublished() async throws {
        let harness = try ExportHarness(pg: pg)
        let failing = try harness.dag("audited", yaml("audits:\n  - min_rows: 5000"))
        let outcome = await harness.run(failing, day: "2026-01-02", batchSize: 100)
        guard case let .failure(error) = outcome.result else { return XCTFail("the audit should fail") }
        XCTAssertTrue("\(error)".contains(".lake.sluice-staging/"), "\(error)")
        XCTAssertEqual(harness.files(), [])
        let kept = stagedFiles(harness)
        XCTAssertTrue(kept.contains { $0.hasSuffix(".1.audited.export/part-00000.parquet") }, "\(kept)")

        // Another try whose audit fails too leaves the first one's files alone...
        try pg.psql("UPDATE \(table)_limit SET n = 1")
        let stillFailing = await harness.run(failing, day: "2026-01-02", tryNumber: 2, batchSize: 100)
        if case .success = stillFailing.result { XCTFail("one row passed min_rows: 5000") }
        XCTAssertTrue(stagedFiles(harness).contains { $0.hasSuffix(".1.audited.export/part-00000.parquet") })

        // ...and the partition's next successful publish removes them.
        try pg.psql("UPDATE \(table)_limit SET n = 2000")
        let passing = try harness.dag("audited", yaml("audits:\n  - min_rows: 10"))
        _ = try await harness.run(passing, day: "2026-01-02", tryNumber: 3, batchSize: 100).result.get()
        XCTAssertEqual(stagedFiles(harness), [])
        XCTAssertTrue(harness.files(under: "\(table)/day=2026-01-02").contains("_SUCCESS"))
    }

    func testTheNextTryRemovesTheStagingOfATryWhoseProcessDiedAndThePublishThatOfOtherDeadTriesOfThePartition() async throws {
        let harness = try ExportHarness(pg: pg)
        // What a killed try 1 leaves: its record, a finished part and a partial one.
        let staging = try ExportStaging(destination: LocalDestination(root: harness.lake.path))
        let dead = StagedTry(dagId: "orphan", taskId: "export", runId: "scheduled__2026-01-02T00:00:00+00:00", tryNumber: 1,
                             partition: "\(table)/day=2026-01-02", pid: 999_999)
        let folder = try await staging.begin(dead)
        _ = try await staging.area.put(key: folder + "part-00000.parquet", data: Data("PAR1".utf8))
        let partial = try await staging.area.openWriter(key: folder + "part-00001.parquet")
        try await partial.write(Data("PAR1".utf8))
        // A killed try of another run that writes the same partition goes at the partition's next publish.
        let otherRun = StagedTry(dagId: "orphan", taskId: "export", runId: "manual__killed", tryNumber: 1,
                                 partition: dead.partition, pid: 999_999)
        _ = try await staging.area.put(key: try await staging.begin(otherRun) + "part-00000.parquet", data: Data("PAR1".utf8))
        XCTAssertEqual(stagedFiles(harness).count, 5, "\(stagedFiles(harness))")

        let dag = try harness.dag("orphan", yaml())
        _ = try await harness.run(dag, day: "2026-01-02", tryNumber: 2, batchSize: 100).result.get()
        XCTAssertEqual(stagedFiles(harness), [])
        await partial.abort()
    }

    func testRecoveryOfADeadProcessesTaskInstanceRemovesItsStagingAtOnce() async throws {
        let harness = try ExportHarness(pg: pg)
        let dag = try harness.dag("recovered", yaml())
        let runId = "scheduled__2026-01-02T00:00:00+00:00"
        let staging = try ExportStaging(destination: LocalDestination(root: harness.lake.path))
        let folder = try await staging.begin(StagedTry(dagId: "recovered", taskId: "export", runId: runId, tryNumber: 1,
                                                       partition: "\(table)/day=2026-01-02", pid: 999_999))
        _ = try await staging.area.put(key: folder + "part-00000.parquet", data: Data("PAR1".utf8))
        let other = try await staging.begin(StagedTry(dagId: "recovered", taskId: "export", runId: "manual__x", tryNumber: 1,
                                                      partition: "\(table)/day=2026-01-03", pid: 999_999))

        let recovered = TaskInstance(dagId: "recovered", runId: runId, taskId: "export", tryNumber: 1)
        let removed = await ExportStaging.removeOrphans(of: [recovered], dags: [dag],
                                                        destinations: DestinationRegistry(environment: harness.environment))
        XCTAssertEqual(removed.map(\.runId), [runId])
        XCTAssertEqual(stagedFiles(harness), [other.dropLast() + ".json"])
    }

    func testADiskFullAtTheDestinationFailsTheTryWithNoSpaceLeftAndPublishesNothing() async throws {
        let disk = try Tmpfs(megabytes: 2)
        defer { disk.unmount() }
        let harness = try ExportHarness(pg: pg, destinations: ["SLUICE_DEST_LAKE": "file://" + disk.path + "/lake"])
        try pg.psql("INSERT INTO \(table) SELECT g, repeat(md5(g::text), 4) FROM generate_series(2001, 60000) g",
                    "UPDATE \(table)_limit SET n = 60000")
        let dag = try harness.dag("full", StagingTaskYAML.export(query: "SELECT * FROM \(table) WHERE id <= (SELECT n FROM \(table)_limit)",
                                                                 path: "\(table)/day={{ ds }}", format: "csv", compression: "none", smallParts: false))
        let outcome = await harness.run(dag, day: "2026-01-02")
        guard case let .failure(error) = outcome.result else { return XCTFail("8 MB fit on a 2 MiB disk") }
        XCTAssertTrue("\(error)".contains("no space left on device writing \(disk.path)/.lake.sluice-staging/"), "\(error)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: disk.path + "/lake/\(table)"))
        let left = FileManager.default.enumerator(atPath: disk.path)?.allObjects as? [String] ?? []
        XCTAssertTrue(left.allSatisfy { !$0.contains(".parquet") && !$0.contains(".csv") && !$0.hasSuffix(".json") }, "\(left)")
        XCTAssertLessThan(disk.usedBytes, 256 * 1024, "the staged bytes were not removed")
    }
}
