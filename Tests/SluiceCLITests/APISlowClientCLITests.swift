import Foundation
import SluiceTestSupport
import XCTest

/// Issue 13: slow and broken clients hold nothing. Against `sluice standalone`, fifty connections that
/// send nothing or half a request stay open while the scheduler runs a triggered run to success and
/// health answers; the server closes the silent ones after its idle timeout; oversized headers are refused.
final class APISlowClientCLITests: CLIProjectTestCase {
    func testSilentAndHalfSentConnectionsHoldNeitherTheSchedulerNorOtherRequests() throws {
        try project.write("dags/quick.yaml", """
            dag_id: quick
            schedule: null
            default_args: {connection: pg}
            tasks:
              - {task_id: one, sql: "SELECT 1"}
            """)
        let (url, _) = try startAPI(env: ["SLUICE_API_IDLE_TIMEOUT": "2"])
        let port = url.split(separator: ":").last.map(String.init) ?? ""
        let out = try TestProcess.python("""
            import os, socket, subprocess, sys, urllib.request, urllib.error
            port, binary, root, pg = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
            env = {k: v for k, v in os.environ.items() if not k.startswith("SLUICE_")}
            env["SLUICE_CONN_PG"] = pg
            held = []
            for i in range(50):
                s = socket.create_connection(("127.0.0.1", port))
                if i % 2:
                    s.sendall(b"GET /api/v2/monitor/health HTTP/1.1\\r\\nHost: x\\r\\nX-Slow: ")  # never finished
                held.append(s)
            health = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/monitor/health", timeout=10).status
            run = subprocess.run([binary, "dags", "trigger", "quick", "--wait"], capture_output=True, text=True, timeout=120, cwd=root, env=env)
            print(health, run.returncode, "success" in run.stdout + run.stderr)
            closed = 0
            for s in held:
                s.settimeout(30)
                try:
                    s.recv(1024)  # EOF (or an error answer to the half request): the server let it go
                    closed += 1
                except ConnectionResetError:
                    closed += 1
                except socket.timeout:
                    pass
            print(closed)
            big = urllib.request.Request(f"http://127.0.0.1:{port}/api/v2/version", headers={"X-Big": "x" * 20000})
            try:
                print(urllib.request.urlopen(big, timeout=10).status)
            except urllib.error.HTTPError as e:
                print(e.code)
            except OSError:
                print("refused")
            """, [port, CLIRunner.binary.path, project.root.path, pg.uri])
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "200 0 True", out)
        XCTAssertEqual(lines.dropFirst().first, "50", "every held connection was closed (or answered) by the server: \(out)")
        XCTAssertTrue(["400", "431", "refused"].contains(lines.last ?? ""), out)
    }
}
