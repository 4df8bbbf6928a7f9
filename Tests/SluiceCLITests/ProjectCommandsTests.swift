import Foundation
import XCTest

/// Projects: found from any subfolder, settings from sluice.yaml under the environment under flags,
/// nothing created outside a project, `sluice init`, and `sluice connections`.
final class ProjectCommandsTests: CLIProjectTestCase {
    private var outside: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        outside = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-outside-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: outside)
        try super.tearDownWithError()
    }

    private func writeDag(_ id: String, in folder: String = "dags") throws {
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent(folder), withIntermediateDirectories: true)
        try project.write("\(folder)/\(id).yaml", """
            dag_id: \(id)
            schedule: "@daily"
            start_date: 2026-01-01
            tasks:
              - task_id: hello
                sql: "SELECT 1"
                connection: pg
            """)
    }

    private func contents(of folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    func testCommandsRunFromASubfolderFindTheProjectAndItsStore() throws {
        try writeDag("found_from_below")
        let sub = project.root.appendingPathComponent("dags/deeper/still")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let list = try CLIRunner.run(["dags", "list"], in: sub, environment: ["SLUICE_CONN_PG": pg.uri])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("found_from_below"), list.stdout)
        let runs = try CLIRunner.run(["runs", "list"], in: sub)
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.home.appendingPathComponent("sluice.db").path), "the store is the project's")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sub.appendingPathComponent(".sluice").path), "no store in the subfolder")
    }

    func testOutsideAnyProjectCommandsThatNeedStateSaySoAndCreateNothing() throws {
        for command in [["runs", "list"], ["dags", "pause", "x"], ["scheduler"], ["tasks", "clear", "x", "--start-date", "2026-01-01", "--end-date", "2026-01-01"]] {
            let r = try CLIRunner.run(command, in: outside)
            XCTAssertEqual(r.status, 1, "\(command): \(r.stderr)")
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(command): one error line: \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("error: not inside a Sluice project") && r.stderr.contains("sluice init"), "\(command): \(r.stderr)")
        }
        let validate = try CLIRunner.run(["dags", "validate"], in: outside)
        XCTAssertEqual(validate.status, 1, validate.stderr)
        XCTAssertTrue(validate.stderr.hasPrefix("error: "), validate.stderr)
        XCTAssertEqual(contents(of: outside), [], "nothing was created outside a project")
    }

    func testSettingsComeFromSluiceYamlUnderTheEnvironmentUnderTheFlags() throws {
        try project.write("sluice.yaml", "dags_folder: pipelines\nhome: state\ndefault_timezone: Europe/Berlin\n")
        try writeDag("from_yaml", in: "pipelines")
        try writeDag("from_env", in: "other")
        try writeDag("from_flag", in: "third")

        let yaml = try CLIRunner.run(["dags", "show", "from_yaml"], in: project.root)
        XCTAssertEqual(yaml.status, 0, yaml.stderr)
        XCTAssertTrue(yaml.stdout.contains("Europe/Berlin"), "default_timezone applies to a DAG without timezone: \(yaml.stdout)")
        let env = try CLIRunner.run(["dags", "list"], in: project.root, environment: ["SLUICE_DAGS_FOLDER": "other"])
        XCTAssertTrue(env.stdout.contains("from_env") && !env.stdout.contains("from_yaml"), "the environment overrides sluice.yaml: \(env.stdout)")
        let flag = try CLIRunner.run(["dags", "list", "--dags-folder", project.root.appendingPathComponent("third").path], in: project.root,
                                     environment: ["SLUICE_DAGS_FOLDER": "other"])
        XCTAssertTrue(flag.stdout.contains("from_flag") && !flag.stdout.contains("from_env"), "the flag overrides both: \(flag.stdout)")

        let runs = try CLIRunner.run(["runs", "list"], in: project.root)
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("state/sluice.db").path), "home: state")
        try project.write(".env", "SLUICE_HOME=elsewhere\n")
        _ = try CLIRunner.run(["runs", "list"], in: project.root.appendingPathComponent("pipelines"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("elsewhere/sluice.db").path),
                      "the project's .env overrides sluice.yaml, relative to the project root")
    }

    func testABrokenSluiceYamlIsOneLocatedErrorWithDidYouMean() throws {
        try project.write("sluice.yaml", "# settings\ndag_folder: dags\n")
        let r = try CLIRunner.run(["dags", "list"], in: project.root)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: sluice.yaml:2:1: unknown setting 'dag_folder' in sluice.yaml; did you mean 'dags_folder'?; "
            + "the settings are dags_folder, home, parallelism, shutdown_grace, log_format, default_timezone\n")
        try project.write("sluice.yaml", "parallelism: lots\n")
        let bad = try CLIRunner.run(["dags", "list"], in: project.root)
        XCTAssertEqual(bad.stderr, "error: sluice.yaml:1:14: parallelism must be a whole number from 1 to 10000\n")
    }

    func testInitScaffoldsAProjectWhoseExampleValidatesAndRunsAndKeepsExistingFiles() throws {
        let dir = outside.appendingPathComponent("new-project")
        let r = try CLIRunner.run(["init", dir.path], in: outside)
        XCTAssertEqual(r.status, 0, r.stderr)
        for file in ["sluice.yaml", "dags/example_export.yaml", "include/README.md", ".env.example", ".gitignore"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), file)
        }
        let validate = try CLIRunner.run(["dags", "validate"], in: dir)
        XCTAssertEqual(validate.status, 0, validate.stderr + validate.stdout)

        try "# mine\n".write(to: dir.appendingPathComponent("sluice.yaml"), atomically: true, encoding: .utf8)
        let again = try CLIRunner.run(["init"], in: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("kept sluice.yaml"), again.stderr)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("sluice.yaml"), encoding: .utf8), "# mine\n")

        // The example runs against a real table once .env names the connection and the lake.
        try pg.psql("CREATE TABLE IF NOT EXISTS public.orders (id int, created_at timestamptz); INSERT INTO public.orders VALUES (1, '2026-01-01 10:00+00'), (2, '2026-01-02 10:00+00')")
        let lake = dir.appendingPathComponent("lake")
        try "SLUICE_CONN_WAREHOUSE=\(pg.uri)\nSLUICE_DEST_LAKE=file://\(lake.path)\n".write(to: dir.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let test = try CLIRunner.run(["dags", "test", "example_export", "2026-01-01"], in: dir.appendingPathComponent("dags"))
        XCTAssertEqual(test.status, 0, test.stderr + test.stdout)
        let published = (FileManager.default.enumerator(atPath: lake.path)?.allObjects as? [String]) ?? []
        XCTAssertTrue(published.contains { $0.hasPrefix("orders/day=2026-01-01/") && $0.hasSuffix(".parquet") }, "\(published)")
    }

    func testConnectionsListMasksPasswordsAndTestReportsTheServerOrAClearError() throws {
        let secret = "s3cret-\(UUID().uuidString.prefix(6))"
        let env = ["SLUICE_CONN_WITHPW": "postgresql://alice:\(secret)@db.invalid:5432/wh", "SLUICE_CONN_PG": pg.uri]
        let list = try CLIRunner.run(["connections", "list"], in: project.root, environment: env)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("withpw") && list.stdout.contains("alice") && list.stdout.contains("db.invalid"), list.stdout)
        XCTAssertFalse(list.stdout.contains(secret) || list.stderr.contains(secret), "the password is masked")

        let ok = try CLIRunner.run(["connections", "test", "pg", "--json"], in: project.root, environment: env)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any])
        XCTAssertTrue((report["server_version"] as? String)?.hasPrefix("PostgreSQL ") ?? false, ok.stdout)
        XCTAssertNotNil(report["connect_ms"] as? Double, ok.stdout)

        let down = try CLIRunner.run(["connections", "test", "withpw"], in: project.root, environment: env)
        XCTAssertEqual(down.status, 1)
        XCTAssertTrue(down.stderr.hasPrefix("error: cannot connect to withpw"), down.stderr)
        XCTAssertFalse(down.stderr.contains(secret), down.stderr)
        let unknown = try CLIRunner.run(["connections", "test", "withp"], in: project.root, environment: env)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'withpw'"), unknown.stderr)
    }
}
