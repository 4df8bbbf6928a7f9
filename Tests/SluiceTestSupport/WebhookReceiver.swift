import Foundation

/// One request a `WebhookReceiver` recorded.
public struct ReceivedRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: Data
    /// The status the receiver answered.
    public var status: Int

    /// The body as a JSON object.
    public var json: [String: Any] {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:]
    }
}

/// A real HTTP receiver: a small Python server on a loopback port that records every request (method,
/// path, headers, body) before answering it. It answers the statuses it was given in order, then 200.
/// `stop()` and `start()` take it down and bring it back on the same port, as a receiver that is down
/// for a while.
public final class WebhookReceiver: @unchecked Sendable {
    public let port: Int
    private let folder: URL
    private var process: Process?

    public init(statuses: [Int] = []) throws {
        port = try TestProcess.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-receiver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.script.write(to: folder.appendingPathComponent("receiver.py"), atomically: true, encoding: .utf8)
        try statuses.map(String.init).joined(separator: "\n").write(to: folder.appendingPathComponent("statuses"), atomically: true, encoding: .utf8)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String = "/hook") -> String { "http://127.0.0.1:\(port)\(path)" }

    public func start() throws {
        let process = try TestProcess.start(["python3", folder.appendingPathComponent("receiver.py").path, String(port), folder.path])
        self.process = process
        try TestProcess.waitUntilListening(port: port, process: process)
    }

    public func stop() {
        TestProcess.stop(process)
        process = nil
    }

    /// Every request recorded so far, in arrival order.
    public func requests() -> [ReceivedRequest] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("requests.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  let method = object["method"] as? String, let path = object["path"] as? String,
                  let headers = object["headers"] as? [String: String], let body = object["body"] as? String,
                  let status = object["status"] as? Int else { return nil }
            return ReceivedRequest(method: method, path: path, headers: headers, body: Data(base64Encoded: body) ?? Data(), status: status)
        }
    }

    static let script = #"""
    import base64, json, os, sys, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    port, folder = int(sys.argv[1]), sys.argv[2]
    lock = threading.Lock()

    def next_status():
        path = os.path.join(folder, "statuses")
        with open(path) as f:
            lines = [l for l in f.read().split("\n") if l.strip()]
        if not lines:
            return 200
        with open(path, "w") as f:
            f.write("\n".join(lines[1:]))
        return int(lines[0])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                status = next_status()
                record = {"method": self.command, "path": self.path, "status": status,
                          "headers": {k.lower(): v for k, v in self.headers.items()},
                          "body": base64.b64encode(body).decode()}
                with open(os.path.join(folder, "requests.jsonl"), "a") as f:
                    f.write(json.dumps(record) + "\n")
            answer = b"ok" if status < 300 else b"receiver says no"
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        def log_message(self, *args):
            pass

    ThreadingHTTPServer.allow_reuse_address = True
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
    """#
}
