import Foundation
import XCTest

/// Output conventions: one `error:` line per failure (exit 1; exit 2 with the usage for a command line
/// that does not parse), JSON errors with `--json`, piped output without carriage returns or escapes,
/// shell completion, and `sluice lake ls` / `lake gc DAG --older-than`.
final class OutputConventionsTests: CLIProjectTestCase {
    private func writeDag(_ id: String, minRows: Int = 1) throws {
        try project.write("dags/\(id).yaml", """
            dag_id: \(id)
            schedule: "@daily"
            start_date: 2026-01-01
            default_args: {connection: pg, retries: 0}
            tasks:
              - task_id: hello
                sql: "SELECT 1"
              - task_id: export_series
                type: export
                query: "SELECT g AS n FROM generate_series(1, 100) AS g"
                format: csv
                destination: lake
                path: "series/day={{ ds }}"
                audits: [{min_rows: \(minRows)}]
            """)
    }

    private var lakeEnv: [String: String] { ["SLUICE_DEST_LAKE": "file://" + project.root.appendingPathComponent("lake").path] }

    func testEveryErrorPathPrintsExactlyOneErrorLine() throws {
        try writeDag("conventions")
        let userErrors: [[String]] = [
            ["dags", "show", "nope"], ["dags", "trigger", "nope"], ["runs", "show", "nope"], ["tasks", "render", "conventions", "nope", "2026-01-01"],
            ["dags", "backfill", "conventions", "--start-date", "someday", "--end-date", "2026-01-02"], ["lake", "ls", "conventions", "hello"],
            ["connections", "test", "nope"], ["completion", "tcsh"], ["lake", "gc", "--older-than", "soon"],
        ]
        for command in userErrors {
            let r = try project.sluice(command, pg: pg, env: lakeEnv)
            XCTAssertEqual(r.status, 1, "\(command): \(r.stderr)")
            let errors = r.stderr.split(separator: "\n").filter { $0.lowercased().hasPrefix("error") }
            XCTAssertEqual(errors.count, 1, "\(command): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("error: "), "\(command): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Usage:"), "no usage text for a user error: \(command): \(r.stderr)")
        }
        for command in [["dags", "show"], ["dags", "list", "--bogus"], ["runs", "list", "--limit", "many"]] {
            let r = try project.sluice(command, pg: pg)
            XCTAssertEqual(r.status, 2, "\(command): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("error: "), "\(command): \(r.stderr)")
            XCTAssertEqual(r.stderr.components(separatedBy: "error:").count - 1, 1, "\(command): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("Usage: sluice "), "a usage error shows the usage: \(command): \(r.stderr)")
        }
    }

    func testJSONErrorsAreOneObjectWithACodeAndAMessage() throws {
        try writeDag("conventions")
        let r = try project.sluice(["dags", "show", "nope", "--json"], pg: pg)
        XCTAssertEqual(r.status, 1)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stderr.utf8)) as? [String: Any], r.stderr)
        let error = try XCTUnwrap(object["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "not_found")
        XCTAssertTrue((error["message"] as? String)?.contains("nope") ?? false, r.stderr)
        let usage = try project.sluice(["runs", "list", "--json", "--limit", "many"], pg: pg)
        XCTAssertEqual(usage.status, 2)
        let usageObject = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(usage.stderr.utf8)) as? [String: Any], usage.stderr)
        XCTAssertEqual((usageObject["error"] as? [String: Any])?["code"] as? String, "usage")
    }

    func testPipedOutputHasNoCarriageReturnsNoEscapesAndPublishedPartitionsAreListed() throws {
        try writeDag("conventions")
        let backfill = try project.sluice(["dags", "backfill", "conventions", "--start-date", "2026-01-01", "--end-date", "2026-01-03"], pg: pg, env: lakeEnv)
        XCTAssertEqual(backfill.status, 0, backfill.stderr)
        for text in [backfill.stdout, backfill.stderr] {
            XCTAssertFalse(text.contains("\r") || text.contains("\u{1B}"), "piped output is plain lines: \(text.debugDescription)")
        }
        XCTAssertFalse(backfill.stderr.contains("rows/s") && backfill.stderr.range(of: #"\d{7,} rows/s"#, options: .regularExpression) != nil,
                       "no absurd rates: \(backfill.stderr)")

        let ls = try project.sluice(["lake", "ls", "conventions", "export_series", "--json"], pg: pg, env: lakeEnv)
        XCTAssertEqual(ls.status, 0, ls.stderr)
        let partitions = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(ls.stdout.utf8)) as? [[String: Any]], ls.stdout)
        XCTAssertEqual(partitions.map { $0["logical_date"] as? String ?? "" }.map { String($0.prefix(10)) }, ["2026-01-01", "2026-01-02", "2026-01-03"])
        XCTAssertEqual(partitions.map { $0["rows"] as? Int ?? -1 }, [100, 100, 100])
        let table = try project.sluice(["lake", "ls", "conventions", "export_series"], pg: pg, env: lakeEnv)
        XCTAssertTrue(table.stdout.hasSuffix("\n") && table.stdout.contains("series/day=2026-01-02"), table.stdout)
    }

    func testLogsRenderAndValidateEndInANewlineSayDidYouMeanAndSpeakJSON() throws {
        try writeDag("conventions")
        let backfill = try project.sluice(["dags", "backfill", "conventions", "--start-date", "2026-01-01", "--end-date", "2026-01-01"], pg: pg, env: lakeEnv)
        XCTAssertEqual(backfill.status, 0, backfill.stderr)
        let log = try project.sluice(["tasks", "logs", "conventions", "2026-01-01", "hello"], pg: pg)
        XCTAssertEqual(log.status, 0, log.stderr)
        XCTAssertTrue(log.stdout.hasSuffix("\n") && log.stdout.contains("SELECT 1"), log.stdout)
        let typo = try project.sluice(["tasks", "logs", "conventions", "2026-01-01", "helo"], pg: pg)
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.hasPrefix("error: ") && typo.stderr.contains("did you mean 'hello'"), typo.stderr)

        let render = try project.sluice(["tasks", "render", "conventions", "export_series", "2026-01-01", "--json"], pg: pg, env: lakeEnv)
        XCTAssertEqual(render.status, 0, render.stderr)
        let preview = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(render.stdout.utf8)) as? [String: Any], render.stdout)
        XCTAssertTrue((preview["statement"] as? String)?.contains("generate_series") ?? false, render.stdout)
        XCTAssertTrue((preview["destination"] as? String)?.hasSuffix("series/day=2026-01-01/") ?? false, render.stdout)

        try project.write("dags/broken.yaml", "dag_id: broken\nscheduel: daily\n")
        let validate = try project.sluice(["dags", "validate", "--json"], pg: pg)
        XCTAssertEqual(validate.status, 1)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any], validate.stdout)
        let problems = try XCTUnwrap(report["problems"] as? [[String: Any]])
        XCTAssertTrue(problems.contains { $0["file"] as? String == "dags/broken.yaml" && $0["line"] as? Int == 2 && $0["column"] as? Int == 1 }, "\(problems)")
        let text = try project.sluice(["dags", "validate"], pg: pg)
        XCTAssertEqual(text.status, 1)
        XCTAssertEqual(text.stderr.split(separator: "\n").count, 1, text.stderr)
        XCTAssertTrue(text.stderr.hasPrefix("error: ") && text.stdout.contains("dags/broken.yaml:2:1: "), text.stdout + text.stderr)
    }

    func testLakeGCOfOneDagHonoursOlderThan() throws {
        try writeDag("conventions", minRows: 1000)
        // An audit that fails keeps its staging for inspection.
        let failing = try project.sluice(["dags", "backfill", "conventions", "--start-date", "2026-01-05", "--end-date", "2026-01-05"], pg: pg, env: lakeEnv)
        XCTAssertEqual(failing.status, 1, failing.stderr)
        let young = try project.sluice(["lake", "gc", "conventions", "--older-than", "1d"], pg: pg, env: lakeEnv)
        XCTAssertEqual(young.status, 0, young.stderr)
        XCTAssertTrue(young.stdout.contains("removed 0 staging folders"), "staging younger than a day is kept: \(young.stdout)")
        let other = try project.sluice(["lake", "gc", "some_other_dag"], pg: pg, env: lakeEnv)
        XCTAssertTrue(other.stdout.contains("removed 0 staging folders"), other.stdout)
        let all = try project.sluice(["lake", "gc", "conventions", "--dry-run"], pg: pg, env: lakeEnv)
        XCTAssertTrue(all.stdout.contains("would remove 1 staging folder"), all.stdout)
        let gone = try project.sluice(["lake", "gc", "conventions"], pg: pg, env: lakeEnv)
        XCTAssertTrue(gone.stdout.contains("failed audit") && gone.stdout.contains("removed 1 staging folder"), gone.stdout)
    }

    func testCompletionScriptsCompleteDagIdsFromTheProject() throws {
        try writeDag("completes_me")
        for shell in ["bash", "zsh", "fish"] {
            let r = try project.sluice(["completion", shell], pg: pg)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("sluice") && r.stdout.contains("---completion"), "\(shell): custom completions are wired in")
        }
        let r = try project.sluice(["---completion", "lake", "ls", "--", "positional@0", "0", "4", "comp"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.split(separator: "\n"), ["completes_me"])
    }
}
