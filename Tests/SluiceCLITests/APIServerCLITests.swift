import Foundation
import SluiceTestSupport
import XCTest

/// Issue 13, the server itself: `sluice api-server` and `sluice standalone` listen on loopback, answer
/// Airflow's version and health endpoints in the shapes `apache-airflow-client` 3.3.2 reads, and every
/// error as `{"detail": ...}`.
final class APIServerCLITests: CLIProjectTestCase {
    /// Starts `sluice <command> --port 0 ...` and returns the URL it prints once it listens.
    private func startServer(_ command: [String], env: [String: String] = [:]) throws -> (Process, OutputBuffer, String) {
        try startListening(command + ["--port", "0"], announcement: "api-server listening on", env: env)
    }

    /// GET or POST with Python's urllib: status and body.
    private func request(_ url: String, method: String = "GET", body: String? = nil) throws -> (Int, String) {
        let script = """
            import sys, urllib.request, urllib.error
            url, method, body = sys.argv[1], sys.argv[2], sys.argv[3]
            req = urllib.request.Request(url, method=method, data=body.encode() if body != "-" else None,
                                         headers={"Content-Type": "application/json"})
            try:
                r = urllib.request.urlopen(req, timeout=10)
                print(r.status); print(r.read().decode())
            except urllib.error.HTTPError as e:
                print(e.code); print(e.read().decode())
            """
        let out = try TestProcess.python(script, [url, method, body ?? "-"])
        let lines = out.split(separator: "\n", maxSplits: 1).map(String.init)
        return (Int(lines.first ?? "") ?? 0, lines.count > 1 ? lines[1] : "")
    }

    /// Version and health through the official client, as a script would.
    private func clientReads(_ url: String) throws -> String {
        try TestProcess.python("""
            import sys
            import airflow_client.client as client
            from airflow_client.client.api import monitor_api, version_api
            with client.ApiClient(client.Configuration(host=sys.argv[1])) as api:
                version = version_api.VersionApi(api).get_version()
                health = monitor_api.MonitorApi(api).get_health()
                print(version.version, health.metadatabase.status, health.scheduler.status)
            """, [url])
    }

    func testTheAPIServerListensOnLoopbackAndAnswersVersionAndHealthAsAirflowsClientReadsThem() throws {
        let (_, buffer, url) = try startServer(["api-server"])
        XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), url)
        let (status, body) = try request(url + "/api/v2/version")
        XCTAssertEqual(status, 200)
        let version = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        XCTAssertEqual(Set(version.keys), ["version", "git_version"])
        let health = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try request(url + "/api/v2/monitor/health").1.utf8)) as? [String: Any])
        XCTAssertEqual((health["metadatabase"] as? [String: Any])?["status"] as? String, "healthy")
        XCTAssertEqual((health["scheduler"] as? [String: Any])?["status"] as? String, "unhealthy", "no scheduler runs")
        XCTAssertTrue(health.keys.contains("triggerer") && health.keys.contains("dag_processor"))
        // The official client deserialises both.
        XCTAssertEqual(try clientReads(url), "\(version["version"] as? String ?? "?") healthy unhealthy")
        XCTAssertTrue(buffer.text.contains("GET /api/v2/monitor/health 200"), buffer.text)
    }

    func testStandaloneRunsTheSchedulerAndTheServerInOneProcess() throws {
        let (process, buffer, url) = try startServer(["standalone"])
        XCTAssertTrue(buffer.text.contains("scheduler started"), buffer.text)
        XCTAssertEqual(try clientReads(url).split(separator: " ").dropFirst().joined(separator: " "), "healthy healthy")
        // One scheduler per home: a second one refuses while standalone runs.
        // The first start made an admin whose password is in a file only the owner reads, never in the output.
        let file = project.home.appendingPathComponent("standalone_admin_password")
        XCTAssertTrue(buffer.text.contains("login: admin, password in \(file.path)"), buffer.text)
        let password = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(password.count, 20)
        XCTAssertFalse(buffer.text.contains(password))
        let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)
        XCTAssertEqual(mode.intValue, 0o600)
        let token = try TestProcess.python("""
            import json, sys, urllib.request
            req = urllib.request.Request(sys.argv[1] + "/auth/token", method="POST", headers={"Content-Type": "application/json"},
                                         data=json.dumps({"username": "admin", "password": sys.argv[2]}).encode())
            print(urllib.request.urlopen(req).status)
            """, [url, password])
        XCTAssertEqual(token, "201")
        let second = try project.sluice(["scheduler"], pg: pg)
        XCTAssertEqual(second.status, 1)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, buffer.text)
        XCTAssertTrue(buffer.text.contains("scheduler stopped"), buffer.text)
    }

    func testErrorsAreJSONDetailsWithTheirStatus() throws {
        let (_, _, url) = try startServer(["api-server"])
        let (status, body) = try request(url + "/api/v2/no/such/thing")
        XCTAssertEqual(status, 404)
        XCTAssertEqual(body, #"{"detail":"Not found: GET /api/v2/no/such/thing"}"#)
    }

    func testLogFormatJSONGivesOneObjectPerLineWithTheAccessLog() throws {
        let (_, buffer, url) = try startServer(["api-server", "--log-format", "json", "--log-level", "info"])
        XCTAssertEqual(try request(url + "/api/v2/version").0, 200)
        XCTAssertTrue(eventually { buffer.text.contains("GET /api/v2/version 200") }, buffer.text)
        let lines = buffer.text.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 2)
        for line in lines {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
            XCTAssertNotNil(object["time"])
            XCTAssertNotNil(object["level"])
            XCTAssertNotNil(object["message"])
        }
        let refused = try project.sluice(["api-server", "--log-format", "xml"], pg: pg)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--log-format must be text or json"), refused.stderr)
    }
}
