import Foundation
import SluiceTestSupport
import XCTest

/// Issue 13, the OpenAPI document: served at `/api/v2/openapi.json` byte for byte as checked in
/// (docs/api/openapi.json), valid for `openapi-spec-validator`, and kept by the live server under every
/// check of `schemathesis run` (its settings in Tests/Contract/schemathesis.toml); the export endpoint of
/// `/api/sluice/v1` over a partition that really was published.
final class APIContractCLITests: CLIProjectTestCase {
    private var table = ""
    private var env: [String: String] = [:]
    private let password = "pw-" + UUID().uuidString.prefix(12)

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "xcontract_" + UUID().uuidString.prefix(8).lowercased()
        env = ["SLUICE_DEST_LAKE": "file://" + project.root.appendingPathComponent("lake").path]
        try pg.psql("CREATE TABLE \(table) (id BIGINT PRIMARY KEY, ts TIMESTAMPTZ NOT NULL); INSERT INTO \(table) SELECT g, now() FROM generate_series(1, 5) g;")
        try project.write("dags/nightly.yaml", """
            dag_id: nightly
            schedule: "@daily"
            start_date: 2026-01-01
            tags: [contract]
            default_args: {connection: pg, retries: 0}
            tasks:
              - {task_id: extract, sql: "SELECT 1"}
              - {task_id: export, type: export, table: \(table), timestamp_column: ts, mode: full, format: csv,
                 destination: lake, path: "\(table)/day={{ ds }}", audits: [{min_rows: 1}, {unique: [id]}], depends_on: [extract]}
            """)
        try createUsers([("ada", "admin"), ("vic", "viewer")], password: password)
    }

    override func tearDownWithError() throws {
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table)")
        try super.tearDownWithError()
    }

    private var packageRoot: URL { ThrowawayPostgres.packageRoot }

    /// One run of `nightly` for 2026-03-01, carried out in this process (no scheduler needed).
    private func runNightly() throws {
        let r = try project.sluice(["dags", "trigger", "nightly", "--logical-date", "2026-03-01", "--local"], pg: pg, env: env)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    }

    func testTheServedDocumentIsTheCheckedInOneAndValid() throws {
        let (url, _) = try startAPI("api-server", env: env)
        let checkedIn = try String(contentsOf: packageRoot.appendingPathComponent("docs/api/openapi.json"), encoding: .utf8)
        let served = try TestProcess.python("""
            import sys, urllib.request
            r = urllib.request.urlopen(sys.argv[1] + "/api/v2/openapi.json")
            print(r.headers["Content-Type"])
            sys.stdout.write(r.read().decode())
            """, [url])
        XCTAssertTrue(served.hasPrefix("application/json\n"), String(served.prefix(80)))
        XCTAssertEqual(String(served.dropFirst("application/json\n".count)), checkedIn.trimmingCharacters(in: .whitespacesAndNewlines),
                       "run scripts/openapi/derive.py: the embedded document differs from docs/api/openapi.json")
        let verdict = try TestProcess.python("""
            import sys
            from openapi_spec_validator import validate
            from openapi_spec_validator.readers import read_from_filename
            spec, _ = read_from_filename(sys.argv[1])
            validate(spec)
            print(spec["openapi"], len(spec["paths"]))
            """, [packageRoot.appendingPathComponent("docs/api/openapi.json").path])
        XCTAssertTrue(verdict.hasPrefix("3.1.0 "), verdict)
    }

    func testTheServerKeepsItsDocumentUnderEveryCheckOfSchemathesis() throws {
        try runNightly()
        let (url, output) = try startAPI("api-server", env: env)
        let token = try project.sluice(["tokens", "create", "contract", "--role", "admin"], pg: pg)
        XCTAssertEqual(token.status, 0, token.stderr)
        let secret = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let config = packageRoot.appendingPathComponent("Tests/Contract/schemathesis.toml").path
        let report = try TestProcess.python("""
            import json, subprocess, sys
            url, token, config, document, workdir = sys.argv[1:6]
            print(sum(len(methods) for methods in json.load(open(document))["paths"].values()))
            r = subprocess.run(["schemathesis", "--config-file", config, "run", url + "/api/v2/openapi.json",
                                "-H", "Authorization: Bearer " + token, "--seed", "1", "--no-color"],
                               capture_output=True, text=True, timeout=900, cwd=workdir)
            print(r.returncode)
            print(r.stdout[-6000:])
            """, [url, secret, config, packageRoot.appendingPathComponent("docs/api/openapi.json").path, project.root.path])
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false)
        let operations = Int(lines.first ?? "") ?? 0
        XCTAssertGreaterThan(operations, 25)
        XCTAssertEqual(lines.dropFirst().first, "0", report)
        // Every operation but the document's own (schemathesis does not test the URL it reads the schema from).
        XCTAssertTrue(report.contains("Selected: \(operations - 1)/\(operations - 1)\n") && report.contains("Tested: \(operations - 1)\n"),
                      "every operation of the document was tested:\n\(report)")
        XCTAssertTrue(report.range(of: #"\d+ generated, \d+ passed"#, options: .regularExpression) != nil, report)
        XCTAssertFalse(output.text.contains(secret), "the token is not in the server's log")
    }

    func testAnExportTaskInstanceShowsThePartitionItPublished() throws {
        try runNightly()
        let (url, _) = try startAPI("api-server", env: env)
        let out = try airflowClient(url, user: "vic", password: password, """
            import hashlib, os
            base = "/api/sluice/v1/dags/nightly/dagRuns/manual__2026-03-01T00:00:00+00:00/taskInstances/"
            req = urllib.request.Request(url + base + "export/export", headers={"Authorization": "Bearer " + token})
            try:
                body = json.load(urllib.request.urlopen(req))
            except urllib.error.HTTPError as e:
                print(e.code, e.read().decode(), file=sys.stderr)
                raise
            m = body["manifest"]
            print(body["task_id"], body["dag_run_id"], os.path.isdir(body["partition"]), body["partition"].endswith("/day=2026-03-01"))
            print(m["total_rows"], len(m["files"]), m["format"])
            for f in m["files"]:
                data = open(os.path.join(body["partition"], f["path"]), "rb").read()
                print(f["bytes"] == len(data), f["sha256"] == hashlib.sha256(data).hexdigest())
            print(sorted((a["name"], a["passed"]) for a in m["audits"]))
            print(status("GET", base + "extract/export"), status("GET", base + "nope/export"))
            print(status("GET", "/api/sluice/v1/dags/nightly/dagRuns/nope/taskInstances/export/export"))
            """)
        XCTAssertEqual(out.first, "export manual__2026-03-01T00:00:00+00:00 True True", out.joined(separator: "\n"))
        XCTAssertEqual(out.dropFirst().first, "5 1 csv")
        XCTAssertEqual(out.dropFirst(2).first, "True True")
        XCTAssertTrue(out.dropFirst(3).first?.contains("('min_rows(1)', True)") == true, out.joined(separator: "\n"))
        XCTAssertEqual(Array(out.suffix(2)), ["404 404", "404"])
    }

    func testRequestsOutsideTheDocumentAreRefusedSayingWhere() throws {
        let (url, _) = try startAPI("api-server", env: env)
        let out = try airflowClient(url, user: "ada", password: password, """
            def detail(method, path, body=None, raw=None):
                headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token}
                data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
                req = urllib.request.Request(url + path, method=method, headers=headers, data=data)
                try:
                    r = urllib.request.urlopen(req)
                    return f"{r.status}"
                except urllib.error.HTTPError as e:
                    return f"{e.code} {e.headers.get('Allow') or ''} {json.load(e)['detail']}"
            print(detail("PUT", "/api/v2/dags"))
            print(detail("DELETE", "/api/v2/backfills/dry_run"))
            print(detail("PATCH", "/api/v2/dags/nightly", {"is_paused": True, "owner": "x"}))
            print(detail("PATCH", "/api/v2/dags/nightly/dagRuns/r1", {"state": "queued", "note": "x" * 1001}))
            print(detail("GET", "/api/v2/dags?limit=10001"))
            print(detail("GET", "/api/v2/dags/nightly/dagRuns?state=exploded"))
            print(detail("POST", "/api/v2/dags/nightly/dagRuns", raw=b"{not json"))
            print(detail("GET", "/api/v2/backfills/abc"))
            """)
        XCTAssertEqual(out, [
            "405 GET Method PUT is not allowed here: use GET.",
            "405 POST Method DELETE is not allowed here: use POST.",
            "422  body.owner: not a field here.",
            "422  body.note: must be null, not \"" + String(repeating: "x", count: 56) + "...",
            "422  query parameter limit: must be at most 10000.",
            "422  query parameter state[0]: must be one of \"queued\", \"running\", \"success\", \"failed\", not \"exploded\".",
            "400  The request body is not valid JSON.",
            "422  path parameter backfill_id: 'abc' is not a whole number.",
        ])
    }

    func testEveryOperationOfTheDocumentAnswers401WithoutATokenAnd403BeyondTheRole() throws {
        let (url, _) = try startAPI("api-server", env: env)
        let out = try airflowClient(url, user: "vic", password: password, """
            document = json.load(open(sys.argv[4]))
            wrong = []
            count = 0
            for path, methods in document["paths"].items():
                for method, op in methods.items():
                    if not op.get("security"):
                        continue
                    count += 1
                    concrete = path
                    for p in op.get("parameters", []):
                        if p["in"] == "path":
                            concrete = concrete.replace("{" + p["name"] + "}", "1" if p["schema"].get("type") == "integer" else "nightly")
                    body = {} if "requestBody" in op else None
                    for bearer, expected in ((None, 401), ("sluice_" + "A" * 43, 401)):
                        headers = {"Content-Type": "application/json"} | ({"Authorization": "Bearer " + bearer} if bearer else {})
                        req = urllib.request.Request(url + concrete, method=method.upper(), headers=headers,
                                                     data=None if body is None else b"{}")
                        try:
                            got = urllib.request.urlopen(req).status
                        except urllib.error.HTTPError as e:
                            got = e.code
                        if got != expected:
                            wrong.append(f"{method.upper()} {path} with {bearer and 'a bad token'}: {got}")
                    got = status(method.upper(), concrete, body)
                    if (method == "get" and got in (401, 403)) or (method != "get" and got != 403):
                        wrong.append(f"{method.upper()} {path} as a viewer: {got}")
            print(count > 25, wrong)
            """.replacingOccurrences(of: "sys.argv[4]", with: "'" + packageRoot.appendingPathComponent("docs/api/openapi.json").path + "'"))
        XCTAssertEqual(out, ["True []"])
    }
}
