import Foundation
import SluiceTestSupport
import XCTest

/// Issue 13, users and tokens on the wire, and the DAG endpoints: `POST /auth/token`, bearer tokens with
/// roles (401 without a valid one, 403 beyond the role), `GET/PATCH /api/v2/dags` read by `apache-airflow-client`.
final class APIAuthCLITests: CLIProjectTestCase {
    private var url = ""
    private var server: OutputBuffer!
    private let passwords = ["ada": "ada-" + UUID().uuidString.prefix(12), "olga": "olga-" + UUID().uuidString.prefix(12),
                             "vic": "vic-" + UUID().uuidString.prefix(12)]

    /// Runs the built binary in the project with `input` on stdin.
    private func sluice(_ args: [String], input: String) throws -> String {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLUICE_") }
        env["SLUICE_HOME"] = project.home.path
        env["SLUICE_DAGS_FOLDER"] = project.root.appendingPathComponent("dags").path
        return String(decoding: try TestProcess.run(CLIRunner.binary.path, args, environment: env, stdin: Data(input.utf8)), as: UTF8.self)
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        for id in ["alpha_export", "beta_rollup"] {
            try project.write("dags/\(id).yaml", """
                dag_id: \(id)
                schedule: "@daily"
                start_date: 2026-11-01
                tags: [\(id.hasPrefix("alpha") ? "lake" : "sql")]
                default_args: {connection: pg}
                tasks:
                  - {task_id: t, sql: "SELECT 1"}
                """)
        }
        for (name, role) in [("ada", "admin"), ("olga", "operator"), ("vic", "viewer")] {
            _ = try sluice(["users", "create", name, "--role", role, "--password-stdin"], input: (passwords[name] ?? "") + "\n")
        }
        (url, server) = try startAPI("api-server")
    }

    /// Status of `method path` with an optional bearer token and JSON body, through Python's urllib.
    private func status(_ method: String, _ path: String, token: String?, body: String? = nil) throws -> Int {
        let out = try TestProcess.python("""
            import sys, urllib.request, urllib.error
            url, method, token, body = sys.argv[1:5]
            headers = {"Content-Type": "application/json"}
            if token != "-": headers["Authorization"] = "Bearer " + token
            req = urllib.request.Request(url, method=method, data=None if body == "-" else body.encode(), headers=headers)
            try:
                print(urllib.request.urlopen(req, timeout=10).status)
            except urllib.error.HTTPError as e:
                print(e.code)
            """, [url + path, method, token ?? "-", body ?? "-"])
        return Int(out) ?? 0
    }

    private func login(_ user: String) throws -> String {
        try TestProcess.python("""
            import json, sys, urllib.request
            req = urllib.request.Request(sys.argv[1] + "/auth/token", method="POST", headers={"Content-Type": "application/json"},
                                         data=json.dumps({"username": sys.argv[2], "password": sys.argv[3]}).encode())
            r = urllib.request.urlopen(req, timeout=10)
            assert r.status == 201, r.status
            print(json.load(r)["access_token"])
            """, [url, user, passwords[user] ?? ""])
    }

    func testAirflowsClientLogsInListsReadsAndPausesDags() throws {
        let out = try TestProcess.python("""
            import json, sys, urllib.request
            import airflow_client.client as client
            from airflow_client.client.api import dag_api
            from airflow_client.client.models.dag_patch_body import DAGPatchBody
            url, user, password = sys.argv[1:4]
            req = urllib.request.Request(url + "/auth/token", method="POST", headers={"Content-Type": "application/json"},
                                         data=json.dumps({"username": user, "password": password}).encode())
            token = json.load(urllib.request.urlopen(req))["access_token"]
            with client.ApiClient(client.Configuration(host=url, access_token=token)) as api:
                dags = dag_api.DAGApi(api)
                listed = dags.get_dags(limit=10)
                print(listed.total_entries, ",".join(d.dag_id for d in listed.dags))
                print(dags.get_dags(tags=["sql"]).total_entries, dags.get_dags(dag_id_pattern="ALPHA").dags[0].dag_id)
                one = dags.get_dag("alpha_export")
                print(one.is_paused, one.timetable_summary, [t.name for t in one.tags], one.next_dagrun_logical_date is not None)
                print(dags.patch_dag("alpha_export", DAGPatchBody(is_paused=True)).is_paused)
                print(dags.get_dags(paused=True).total_entries, dags.get_dags(limit=1, offset=1).dags[0].dag_id)
            """, [url, "olga", passwords["olga"] ?? ""])
        XCTAssertEqual(out.split(separator: "\n").map(String.init), [
            "2 alpha_export,beta_rollup",
            "1 alpha_export",
            "False @daily ['lake'] True",
            "True",
            "1 beta_rollup",
        ])
        // The pause is the store's: the CLI sees it.
        let listed = try project.sluice(["dags", "list", "--json"], pg: pg)
        let dags = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], listed.stdout)
        XCTAssertEqual(dags.first { $0["dag_id"] as? String == "alpha_export" }?["is_paused"] as? Bool, true, listed.stdout)
    }

    func testEveryRoleBoundaryAnswers401Or403() throws {
        let viewer = try login("vic"), op = try login("olga"), admin = try login("ada")
        let pause = #"{"is_paused": false}"#
        XCTAssertEqual(try status("GET", "/api/v2/dags", token: nil), 401)
        XCTAssertEqual(try status("GET", "/api/v2/dags", token: "sluice_" + String(repeating: "A", count: 43)), 401)
        XCTAssertEqual(try status("GET", "/api/v2/dags", token: "not-a-token"), 401)
        XCTAssertEqual(try status("GET", "/api/v2/dags", token: viewer), 200)
        XCTAssertEqual(try status("GET", "/api/v2/dags/alpha_export", token: viewer), 200)
        XCTAssertEqual(try status("PATCH", "/api/v2/dags/alpha_export", token: viewer, body: pause), 403)
        XCTAssertEqual(try status("PATCH", "/api/v2/dags/alpha_export", token: op, body: pause), 200)
        XCTAssertEqual(try status("PATCH", "/api/v2/dags/alpha_export", token: admin, body: pause), 200)
        XCTAssertEqual(try status("PATCH", "/api/v2/dags/alpha_export", token: nil, body: pause), 401)
        XCTAssertEqual(try status("GET", "/api/v2/dags/no_such_dag", token: viewer), 404)
        XCTAssertEqual(try status("PATCH", "/api/v2/dags/alpha_export", token: op, body: #"{"is_paused": "yes"}"#), 422)
        XCTAssertEqual(try status("PATCH", "/api/v2/dags/alpha_export", token: op, body: "not json"), 400)
        XCTAssertEqual(try status("GET", "/api/v2/dags?limit=-1", token: viewer), 422)
        XCTAssertEqual(try status("POST", "/auth/token", token: nil, body: #"{"username": "olga", "password": "wrong-password"}"#), 401)
        XCTAssertEqual(try status("POST", "/auth/token", token: nil, body: #"{"username": "olga"}"#), 422)
        // Health and version need no token.
        XCTAssertEqual(try status("GET", "/api/v2/monitor/health", token: nil), 200)
        XCTAssertEqual(try status("GET", "/api/v2/version", token: nil), 200)
        // An automation token has its own role, and stops working when revoked.
        let automation = try sluice(["tokens", "create", "ci", "--role", "viewer"], input: "").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try status("GET", "/api/v2/dags", token: automation), 200)
        XCTAssertEqual(try status("PATCH", "/api/v2/dags/alpha_export", token: automation, body: pause), 403)
        _ = try sluice(["tokens", "revoke", "ci"], input: "")
        XCTAssertEqual(try status("GET", "/api/v2/dags", token: automation), 401)
        // A deleted user's session ends.
        _ = try sluice(["users", "delete", "vic"], input: "")
        XCTAssertEqual(try status("GET", "/api/v2/dags", token: viewer), 401)

        // Neither the passwords nor the tokens reach the server's log or the store.
        var haystacks = [server.text]
        for path in FileManager.default.subpaths(atPath: project.home.path) ?? [] {
            guard let data = FileManager.default.contents(atPath: project.home.appendingPathComponent(path).path) else { continue }
            haystacks.append(String(decoding: data, as: UTF8.self))
            haystacks.append(String(data: data, encoding: .isoLatin1) ?? "")
        }
        XCTAssertTrue(server.text.contains("POST /auth/token 201"), server.text)
        for secret in Array(passwords.values) + [viewer, op, admin, automation] {
            XCTAssertFalse(haystacks.contains { $0.contains(secret) }, "a password or token leaked")
        }
    }
}
