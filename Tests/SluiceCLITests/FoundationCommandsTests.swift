import Foundation
import XCTest

/// The CLI end to end: the built binary, real files, real output.
final class FoundationCommandsTests: XCTestCase {
    let seedEnv = ["ACCESS_KEY_ID": "AKIAEXAMPLE", "SECRET_ACCESS_KEY": "s3cr3t/Key+x"]

    func testHelpListsTheCommands() throws {
        let r = try CLIRunner.run(["--help"])
        XCTAssertEqual(r.status, 0)
        for word in ["dags", "tasks"] { XCTAssertTrue(r.stdout.contains(word), r.stdout) }
        let dags = try CLIRunner.run(["dags", "--help"])
        for word in ["list", "validate", "show", "next-runs"] { XCTAssertTrue(dags.stdout.contains(word), dags.stdout) }
    }

    func testRenderPrintsTheSeedSQLForTheDayBeforeWithTheSecretMasked() throws {
        let r = try CLIRunner.run(["tasks", "render", "cratedb_table_export", "copy_doc.metrics", "2021-11-12"], environment: seedEnv)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            COPY doc.metrics WHERE DATE_TRUNC('day', timestamp) = '2021-11-11'
            TO DIRECTORY 's3://AKIAEXAMPLE:***@crate-astro-tutorial/metrics-2021-11-11';

            """, "the SQL, ending with a newline")
        XCTAssertFalse(r.stdout.contains("s3cr3t"))
        XCTAssertEqual(r.stderr, "")
    }

    func testRenderShowsSecretsOnlyWhenAsked() throws {
        let r = try CLIRunner.run(["tasks", "render", "cratedb_table_export", "copy_doc.metrics", "2021-11-12", "--show-secrets"], environment: seedEnv)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("AKIAEXAMPLE:s3cr3t/Key+x@"), r.stdout)
    }

    func testRenderOfAMissingEnvironmentVariableFailsWithOneLineNamingIt() throws {
        let r = try CLIRunner.run(["tasks", "render", "cratedb_table_export", "copy_doc.metrics", "2021-11-12"], environment: ["ACCESS_KEY_ID": "x"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("error: "), r.stderr)
        XCTAssertTrue(r.stderr.contains("environment variable 'SECRET_ACCESS_KEY' is not set"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertFalse(r.stderr.contains("Fatal error"))
    }

    func testUnknownDagAndTaskGiveOneClearLine() throws {
        let dag = try CLIRunner.run(["tasks", "render", "cratedb_table_exprt", "x", "2021-11-12"])
        XCTAssertEqual(dag.status, 1)
        XCTAssertTrue(dag.stderr.contains("did you mean 'cratedb_table_export'"), dag.stderr)
        let task = try CLIRunner.run(["tasks", "render", "cratedb_table_export", "nope", "2021-11-12"], environment: seedEnv)
        XCTAssertEqual(task.status, 1)
        XCTAssertTrue(task.stderr.contains("has no task 'nope'"), task.stderr)
        let date = try CLIRunner.run(["tasks", "render", "cratedb_table_export", "copy_doc.metrics", "2021-02-30"], environment: seedEnv)
        XCTAssertNotEqual(date.status, 0)
        XCTAssertTrue(date.stderr.contains("is not a date"), date.stderr)
    }

    func testValidatePassesOnTheExamplesAndFailsWithLocationsOnBrokenFiles() throws {
        let good = try CLIRunner.run(["dags", "validate"])
        XCTAssertEqual(good.status, 0, good.stdout + good.stderr)
        XCTAssertTrue(good.stdout.contains("all valid"), good.stdout)

        let corpus = CLIRunner.packageRoot.appendingPathComponent("Tests/SluiceDefinitionsTests/Corpus")
        let bad = try CLIRunner.run(["dags", "validate", "broken"], in: corpus)
        XCTAssertEqual(bad.status, 1)
        let lines = bad.stdout.split(separator: "\n").filter { $0.hasPrefix("broken/") }
        XCTAssertGreaterThanOrEqual(lines.count, 30)
        let pattern = try NSRegularExpression(pattern: #"^broken/[0-9]+_[a-z_]+\.yaml:[0-9]+:[0-9]+: .+"#)
        for line in lines {
            let s = String(line)
            XCTAssertNotNil(pattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)), s)
        }
    }

    func testNextRunsJsonHasExactlyTheFourKeysInUTCWithOffsets() throws {
        let r = try CLIRunner.run(["dags", "next-runs", "postgres_daily_rollup", "--from", "2021-03-26", "--count", "3", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let array = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: String]])
        XCTAssertEqual(array.count, 3)
        for run in array {
            XCTAssertEqual(Set(run.keys), ["logical_date", "data_interval_start", "data_interval_end", "run_after"])
        }
        // 02:30 Berlin on weekdays; the interval timetable: Fri 26 Mar 01:30Z .. Mon 29 Mar 00:30Z (summer time).
        XCTAssertEqual(array[0]["logical_date"], "2021-03-26T01:30:00+00:00")
        XCTAssertEqual(array[0]["data_interval_end"], "2021-03-29T00:30:00+00:00")
        XCTAssertEqual(array[0]["run_after"], "2021-03-29T00:30:00+00:00")
        XCTAssertEqual(array[1]["logical_date"], "2021-03-29T00:30:00+00:00")
    }

    func testShowPrintsTasksAndDotEdges() throws {
        let text = try CLIRunner.run(["dags", "show", "postgres_daily_rollup"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("rollup"))
        let dot = try CLIRunner.run(["dags", "show", "postgres_daily_rollup", "--dot"])
        XCTAssertTrue(dot.stdout.hasPrefix("digraph"), dot.stdout)
        XCTAssertTrue(dot.stdout.contains("\"create_summary\" -> \"rollup\";"), dot.stdout)
        XCTAssertTrue(dot.stdout.contains("\"rollup\" -> \"prune_raw\";"), dot.stdout)
    }

    func testListShowsEveryDagAsTableAndJson() throws {
        let table = try CLIRunner.run(["dags", "list"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("cratedb_table_export"))
        XCTAssertTrue(table.stdout.contains("30 2 * * MON-FRI"))
        let json = try CLIRunner.run(["dags", "list", "--json"])
        let array = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(Set(array.compactMap { $0["dag_id"] as? String }), ["cratedb_table_export", "metrics_lake_export", "postgres_daily_rollup"])
    }

    func testDagsFolderComesFromTheOptionOrTheEnvironment() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let viaEnv = try CLIRunner.run(["dags", "list", "--json"], environment: ["SLUICE_DAGS_FOLDER": empty.path])
        XCTAssertEqual(viaEnv.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[]")
        let viaOption = try CLIRunner.run(["dags", "list", "--json", "--dags-folder", empty.path])
        XCTAssertEqual(viaOption.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[]")
        let missing = try CLIRunner.run(["dags", "list", "--dags-folder", "/nonexistent/dags"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("does not exist"), missing.stderr)
    }
}
