import Foundation
import SluiceTestSupport
import XCTest

extension CLIProjectTestCase {
    /// Creates API users (name, role) with `password` through `sluice users create --password-stdin`.
    func createUsers(_ users: [(String, String)], password: String) throws {
        for (name, role) in users {
            let r = try project.sluice(["users", "create", name, "--role", role, "--password-stdin"], pg: pg, stdin: password + "\n")
            XCTAssertEqual(r.status, 0, r.stderr)
        }
    }

    /// Starts `sluice standalone` (or `api-server`) on a free port; its URL and output.
    func startAPI(_ command: String = "standalone", env: [String: String] = [:]) throws -> (url: String, output: OutputBuffer) {
        let (_, buffer, url) = try startListening([command, "--port", "0"], announcement: "api-server listening on", env: env)
        return (url, buffer)
    }

    /// Runs `body` in Python after a prelude that logs in to `url` as `user` through `POST /auth/token` and
    /// makes `api` (an `apache-airflow-client` ApiClient), `token`, and `status(method, path, body=None)`
    /// (the HTTP status of a raw request with the token). Returns the printed lines.
    func airflowClient(_ url: String, user: String, password: String, _ body: String) throws -> [String] {
        let script = """
            import json, sys, time, urllib.request, urllib.error
            import airflow_client.client as client
            url, user, password = sys.argv[1:4]
            req = urllib.request.Request(url + "/auth/token", method="POST", headers={"Content-Type": "application/json"},
                                         data=json.dumps({"username": user, "password": password}).encode())
            token = json.load(urllib.request.urlopen(req))["access_token"]
            api = client.ApiClient(client.Configuration(host=url, access_token=token))
            def status(method, path, body=None, bearer=None):
                headers = {"Content-Type": "application/json", "Authorization": "Bearer " + (bearer or token)}
                req = urllib.request.Request(url + path, method=method, headers=headers, data=None if body is None else json.dumps(body).encode())
                try:
                    return urllib.request.urlopen(req).status
                except urllib.error.HTTPError as e:
                    return e.code

            """ + body
        return try TestProcess.python(script, [url, user, password]).split(separator: "\n").map(String.init)
    }
}
