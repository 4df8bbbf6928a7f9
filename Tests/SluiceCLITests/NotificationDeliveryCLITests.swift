import Foundation
import SluiceCore
import SluiceStore
import SluiceTestSupport
import XCTest

/// Issue 12, delivery: the scheduler sends the outbox to real receivers (a Python HTTP server that records
/// every request, Python's aiosmtpd) with retries and backoff, once, even across a SIGKILL.
final class NotificationDeliveryCLITests: CLIProjectTestCase {
    /// A DAG whose one task fails (`SELECT 1/0`) unless triggered with `--param d=1`.
    private func writeFlakyDag(_ dagId: String = "flaky", notify: String, extra: String = "") throws {
        try project.write("dags/\(dagId).yaml", """
            dag_id: \(dagId)
            schedule: null
            params: {d: 0}
            notify:
            \(notify)
            default_args: {connection: pg, retries: 0}
            \(extra)
            tasks:
              - task_id: divide
                sql: "SELECT 1/{{ params.d }}"
            """)
    }

    /// Starts the scheduler with both output streams collected.
    private func startDaemon(_ env: [String: String]) throws -> (Process, OutputBuffer, OutputBuffer) {
        let (process, out, err) = try project.start(["scheduler"], pg: pg, env: env)
        addTeardownBlock {
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            process.waitUntilExit()
        }
        let stdout = OutputBuffer(out), stderr = OutputBuffer(err)
        XCTAssertTrue(eventually { stdout.text.contains("scheduler started") }, stdout.text + stderr.text)
        return (process, stdout, stderr)
    }

    private func outbox() async throws -> [OutboxNotification] {
        try await store().notifications()
    }

    /// Waits (polling the store) until `condition` holds for the outbox.
    private func waitForOutbox(_ what: String, timeout: TimeInterval = 60, _ condition: ([OutboxNotification]) -> Bool) async throws -> [OutboxNotification] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let rows = try await outbox()
            if condition(rows) { return rows }
            if Date() > deadline { XCTFail("timed out waiting for \(what): \(rows.map { "\($0.id) \($0.draft.event.rawValue) \($0.state.rawValue) \($0.attempts) \($0.lastError ?? "")" })"); return rows }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Whether `signature` is `sha256=<hex of HMAC-SHA256(secret, timestamp + "." + body)>`, checked by Python's hmac.
    private func signatureIsValid(_ request: ReceivedRequest, secret: String) throws -> Bool {
        let check = """
            import base64, hashlib, hmac, sys
            secret, timestamp, body, signature = sys.argv[1], sys.argv[2], base64.b64decode(sys.argv[3]), sys.argv[4]
            expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            print(hmac.compare_digest(expected, signature))
            """
        return try TestProcess.python(check, [secret, request.headers["x-sluice-timestamp"] ?? "", request.body.base64EncodedString(),
                                              request.headers["x-sluice-signature"] ?? ""]) == "True"
    }

    func testEachEventReachesItsNotifierSignedWithTheDocumentedPayload() async throws {
        let receiver = try WebhookReceiver()
        let secret = "whsec_" + UUID().uuidString.prefix(12).lowercased()
        try writeFlakyDag(notify: """
              - {to: ops, on: [failed, retries_exhausted, run_failed, run_succeeded, recovered]}
              - {to: chat, on: [run_failed]}
            """)
        let env = ["SLUICE_NOTIFY_OPS": receiver.url("/ops"), "SLUICE_NOTIFY_OPS_SECRET": secret,
                   "SLUICE_NOTIFY_CHAT": receiver.url("/chat"), "SLUICE_NOTIFY_CHAT_FORMAT": "slack",
                   "SLUICE_PUBLIC_URL": "https://sluice.example.com/"]
        let (_, out, err) = try startDaemon(env)
        let failed = try project.sluice(["dags", "trigger", "flaky", "--wait"], pg: pg, env: env)
        XCTAssertEqual(failed.status, 1, failed.stdout + failed.stderr)
        let succeeded = try project.sluice(["dags", "trigger", "flaky", "--param", "d=1", "--wait"], pg: pg, env: env)
        XCTAssertEqual(succeeded.status, 0, succeeded.stdout + succeeded.stderr)

        let rows = try await waitForOutbox("6 deliveries") { $0.count == 6 && $0.allSatisfy { $0.state == .delivered } }
        XCTAssertTrue(rows.allSatisfy { $0.attempts == 1 && $0.deliveredAt != nil }, "\(rows)")
        let requests = receiver.requests()
        XCTAssertEqual(requests.count, 6, "\(requests.map(\.path))")
        let ops = requests.filter { $0.path == "/ops" }
        XCTAssertEqual(Set(ops.map { $0.json["event"] as? String ?? "" }), ["failed", "retries_exhausted", "run_failed", "run_succeeded", "recovered"])
        for request in ops {
            XCTAssertEqual(request.method, "POST")
            XCTAssertEqual(request.headers["content-type"], "application/json")
            XCTAssertEqual(request.headers["x-sluice-delivery"], request.json["event_id"] as? String)
            XCTAssertEqual(request.headers["x-sluice-event"], request.json["event"] as? String)
            XCTAssertTrue(try signatureIsValid(request, secret: secret), "bad signature on \(request.json)")
            var tampered = request
            tampered.body.append(contentsOf: Array(" ".utf8))
            XCTAssertFalse(try signatureIsValid(tampered, secret: secret))
        }
        // The documented payload of a task event.
        let exhausted = try XCTUnwrap(ops.first { $0.json["event"] as? String == "retries_exhausted" }).json
        let runId = try XCTUnwrap(exhausted["run_id"] as? String)
        XCTAssertEqual(exhausted["event_id"] as? String, "flaky/\(runId)/divide/1/retries_exhausted")
        XCTAssertEqual(exhausted["dag_id"] as? String, "flaky")
        XCTAssertEqual(exhausted["run_type"] as? String, "manual")
        XCTAssertEqual(exhausted["task_id"] as? String, "divide")
        XCTAssertEqual(exhausted["try_number"] as? Int, 1)
        XCTAssertEqual(exhausted["max_tries"] as? Int, 0)
        XCTAssertEqual(exhausted["state"] as? String, "failed")
        XCTAssertTrue((exhausted["error"] as? String ?? "").contains("division by zero"), "\(exhausted)")
        for key in ["occurred_at", "logical_date", "data_interval_start", "data_interval_end"] {
            XCTAssertNotNil(DateText.parse(exhausted[key] as? String ?? "", in: TimeZone(secondsFromGMT: 0)!), "\(key) in \(exhausted)")
        }
        let encodedRun = try XCTUnwrap(runId.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;=:@")))
        XCTAssertEqual(exhausted["ui_url"] as? String, "https://sluice.example.com/dags/flaky/runs/\(encodedRun)")
        XCTAssertEqual(exhausted["log_url"] as? String, "https://sluice.example.com/dags/flaky/runs/\(encodedRun)/tasks/divide?try_number=1")
        XCTAssertFalse(request(ops, "run_failed").keys.contains("task_id"), "a run event has no task fields")
        XCTAssertEqual(request(ops, "recovered")["state"] as? String, "success")
        XCTAssertNotEqual(request(ops, "recovered")["run_id"] as? String, runId, "recovered is about the succeeding run")
        // Slack's shape for the chat notifier: one readable line and the link.
        let chat = try XCTUnwrap(requests.first { $0.path == "/chat" })
        XCTAssertEqual(Array(chat.json.keys), ["text"])
        let text = chat.json["text"] as? String ?? ""
        XCTAssertTrue(text.hasPrefix("[sluice] RUN FAILED flaky "), text)
        XCTAssertTrue(text.hasSuffix("https://sluice.example.com/dags/flaky/runs/\(encodedRun)"), text)
        XCTAssertNil(chat.headers["x-sluice-signature"], "no secret, no signature")
        XCTAssertTrue(out.text.contains("delivered (HTTP 200: ok)"), out.text + err.text)
    }

    private func request(_ requests: [ReceivedRequest], _ event: String) -> [String: Any] {
        requests.first { $0.json["event"] as? String == event }?.json ?? [:]
    }

    func testARunInTheCLIProcessDeliversItsNotificationsBeforeItExits() async throws {
        let receiver = try WebhookReceiver()
        try writeFlakyDag(notify: "  - {to: ops, on: [failed, run_failed]}")
        let env = ["SLUICE_NOTIFY_OPS": receiver.url()]
        let r = try project.sluice(["dags", "trigger", "flaky", "--local"], pg: pg, env: env)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        // No scheduler ran: the trigger's own process sent both before it returned.
        XCTAssertEqual(Set(receiver.requests().map { $0.json["event"] as? String ?? "" }), ["failed", "run_failed"])
        let rows = try await outbox()
        XCTAssertEqual(rows.map(\.state), [.delivered, .delivered])
    }

    func testAReceiverAnswering500TwiceThen200GetsItOnceAfterThreeAttempts() async throws {
        let receiver = try WebhookReceiver(statuses: [500, 500])
        try writeFlakyDag(notify: "  - {to: ops, on: [run_failed]}")
        let env = ["SLUICE_NOTIFY_OPS": receiver.url(), "SLUICE_NOTIFY_RETRY_DELAY": "1s"]
        _ = try startDaemon(env)
        XCTAssertEqual(try project.sluice(["dags", "trigger", "flaky"], pg: pg, env: env).status, 0)
        let rows = try await waitForOutbox("the delivery") { $0.first?.state == .delivered }
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?.attempts, 3)
        let requests = receiver.requests()
        XCTAssertEqual(requests.map(\.status), [500, 500, 200])
        XCTAssertEqual(Set(requests.compactMap { $0.headers["x-sluice-delivery"] }), [rows[0].draft.eventId], "one event id across retries")
        XCTAssertEqual(Set(requests.map(\.body)).count, 1, "every retry sends the same body")
    }

    func testAReceiverDownFor20SecondsGetsItWhenItComesBack() async throws {
        let receiver = try WebhookReceiver()
        receiver.stop()
        let down = Date()
        try writeFlakyDag(notify: "  - {to: ops, on: [run_failed]}")
        let env = ["SLUICE_NOTIFY_OPS": receiver.url(), "SLUICE_NOTIFY_RETRY_DELAY": "1s"]
        _ = try startDaemon(env)
        XCTAssertEqual(try project.sluice(["dags", "trigger", "flaky"], pg: pg, env: env).status, 0)
        // Down for 20 s: the notification keeps failing to connect and stays pending.
        let waiting = try await waitForOutbox("three failed attempts and 20 s of downtime", timeout: 60) {
            ($0.first?.attempts ?? 0) >= 3 && Date().timeIntervalSince(down) >= 20
        }
        XCTAssertEqual(waiting.first?.state, .pending)
        XCTAssertTrue(waiting.first?.lastError?.contains("connect") == true, "\(waiting)")
        try receiver.start()
        let rows = try await waitForOutbox("the delivery after the receiver came back", timeout: 90) { $0.first?.state == .delivered }
        XCTAssertEqual(receiver.requests().count, 1)
        XCTAssertEqual(receiver.requests().first?.headers["x-sluice-delivery"], rows.first?.draft.eventId)
    }

    func testA400FailsAtOnceIsListedAsFailedAndCanBeRetried() async throws {
        let receiver = try WebhookReceiver(statuses: [400])
        try writeFlakyDag(notify: "  - {to: ops, on: [run_failed]}")
        let env = ["SLUICE_NOTIFY_OPS": receiver.url(), "SLUICE_NOTIFY_RETRY_DELAY": "1s"]
        _ = try startDaemon(env)
        XCTAssertEqual(try project.sluice(["dags", "trigger", "flaky"], pg: pg, env: env).status, 0)
        let rows = try await waitForOutbox("the failure") { $0.first?.state == .failed }
        XCTAssertEqual(rows.first?.attempts, 1, "a 400 is not retried")
        let listed = try project.sluice(["notifications", "list", "--failed"], pg: pg, env: env)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("failed") && listed.stdout.contains("run_failed") && listed.stdout.contains("HTTP 400: receiver says no"), listed.stdout)
        let id = try XCTUnwrap(rows.first?.id)
        let retried = try project.sluice(["notifications", "retry", "\(id)"], pg: pg, env: env)
        XCTAssertEqual(retried.status, 0, retried.stderr)
        _ = try await waitForOutbox("the retried delivery") { $0.first?.state == .delivered }
        XCTAssertEqual(receiver.requests().map(\.status), [400, 200])
    }

    func testASchedulerKilledBeforeDeliveryDeliversOnceAfterRestart() async throws {
        let receiver = try WebhookReceiver()
        receiver.stop()
        try writeFlakyDag(notify: "  - {to: ops, on: [failed]}")
        let env = ["SLUICE_NOTIFY_OPS": receiver.url(), "SLUICE_NOTIFY_RETRY_DELAY": "1s"]
        let (first, _, _) = try startDaemon(env)
        XCTAssertEqual(try project.sluice(["dags", "trigger", "flaky"], pg: pg, env: env).status, 0)
        // The task failed and its notification is written, not delivered (the receiver is down): kill -9.
        let written = try await waitForOutbox("the notification of the failed try") { $0.count == 1 && $0[0].attempts >= 1 }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        XCTAssertEqual(written.first?.state, .pending)
        try receiver.start()
        let (second, _, _) = try startDaemon(env)
        let rows = try await waitForOutbox("the delivery after the restart") { $0.first?.state == .delivered }
        let eventId = try XCTUnwrap(rows.first?.draft.eventId)
        // Kill again after delivery: the restarted scheduler must not send it a second time. A later run's
        // notification arriving shows the third scheduler has worked through the outbox.
        kill(second.processIdentifier, SIGKILL)
        second.waitUntilExit()
        _ = try startDaemon(env)
        XCTAssertEqual(try project.sluice(["dags", "trigger", "flaky", "--logical-date", "2026-01-01"], pg: pg, env: env).status, 0)
        _ = try await waitForOutbox("the second run's delivery") { $0.count == 2 && $0.allSatisfy { $0.state == .delivered } }
        let ids = receiver.requests().compactMap { $0.headers["x-sluice-delivery"] }
        XCTAssertEqual(ids.filter { $0 == eventId }.count, 1, "\(ids)")
        XCTAssertEqual(ids.count, 2, "\(ids)")
    }

    func testAnEmailReachesTheSMTPSinkWithSubjectAndBodyAndNoSecretLeaks() async throws {
        let password = "pw_" + UUID().uuidString.prefix(10).lowercased()
        let token = "tok" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let secret = "sig_" + UUID().uuidString.prefix(10).lowercased()
        let sink = try SMTPSink(user: "sluice", password: password)
        let receiver = try WebhookReceiver()
        try writeFlakyDag(notify: """
              - {to: mail, on: [retries_exhausted]}
              - {to: hook, on: [retries_exhausted]}
            """)
        let env = ["SLUICE_NOTIFY_MAIL": "smtp://sluice:\(password)@127.0.0.1:\(sink.port)/?from=sluice@example.com&to=ops@example.com,data@example.com",
                   "SLUICE_NOTIFY_HOOK": receiver.url("/services/T000/B000/\(token)"), "SLUICE_NOTIFY_HOOK_SECRET": secret]
        let (daemon, out, err) = try startDaemon(env)
        XCTAssertEqual(try project.sluice(["dags", "trigger", "flaky", "--logical-date", "2026-11-20"], pg: pg, env: env).status, 0)
        let rows = try await waitForOutbox("both deliveries") { $0.count == 2 && $0.allSatisfy { $0.state == .delivered } }
        let mails = sink.messages()
        XCTAssertEqual(mails.count, 1)
        let mail = try XCTUnwrap(mails.first)
        XCTAssertEqual(mail.login, "sluice")
        XCTAssertEqual(mail.from, "sluice@example.com")
        XCTAssertEqual(mail.recipients, ["ops@example.com", "data@example.com"])
        XCTAssertEqual(mail.header("Subject"), "[sluice] RETRIES EXHAUSTED flaky divide 2026-11-20")
        XCTAssertEqual(mail.header("X-Sluice-Delivery"), rows.first { $0.draft.notifier == "mail" }?.draft.eventId)
        XCTAssertTrue(mail.body.contains("dag_id: flaky") && mail.body.contains("task_id: divide") && mail.body.contains("division by zero"), mail.body)

        // `notify test` prints the receiver's answer, masked.
        let test = try project.sluice(["notify", "test", "hook"], pg: pg, env: env)
        XCTAssertEqual(test.status, 0, test.stderr)
        XCTAssertEqual(test.stdout, "hook: delivered the test message: HTTP 200: ok\n")
        let listed = try project.sluice(["notifications", "list", "--json"], pg: pg, env: env)
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()

        // The password, the URL's token and the signing secret: nowhere but where the receiver needs them.
        var haystacks = [out.text, err.text, test.stdout, test.stderr, listed.stdout, listed.stderr]
        haystacks += receiver.requests().map { String(decoding: $0.body, as: UTF8.self) + $0.headers.filter { $0.key != "x-sluice-signature" }.map { "\($0.key): \($0.value)" }.joined() }
        haystacks += mails.map(\.text)
        haystacks += rows.map(\.draft.payload)
        for folder in [project.home] {
            for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { continue }
                haystacks.append(String(decoding: data, as: UTF8.self))
                haystacks.append(String(data: data, encoding: .isoLatin1) ?? "")
            }
        }
        XCTAssertGreaterThan(haystacks.count, 10)
        for (name, value) in [("password", password), ("token", token), ("secret", secret)] {
            XCTAssertFalse(haystacks.contains { $0.contains(value) }, "the notifier \(name) leaked")
        }
        XCTAssertTrue(receiver.requests().allSatisfy { $0.path.hasSuffix(token) }, "the receiver itself gets its URL")
    }
}
