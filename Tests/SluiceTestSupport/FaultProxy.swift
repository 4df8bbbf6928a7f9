import Foundation

/// A loopback HTTP proxy in front of moto that injects faults deterministically: every `every`-th request
/// is answered `503 SlowDown` or dropped (connection closed with no response after reading the request),
/// alternating; a request whose request line contains `reject` gets a non-retryable `400 InvalidDigest`;
/// other requests are forwarded. It counts injected faults in a JSON file.
public final class FaultProxy {
    public let port: Int
    public let process: Process
    public let statsPath: String

    static let script = #"""
import socket, sys, threading, json
listen_port, upstream_port, every, stats_path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
reject = sys.argv[5].encode() if len(sys.argv) > 5 else b""
lock = threading.Lock()
state = {"requests": 0, "slowdown": 0, "dropped": 0, "rejected": 0}

def save():
    with open(stats_path, "w") as f:
        json.dump(state, f)

def read_request(conn, buffer):
    while b"\r\n\r\n" not in buffer:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    head, rest = buffer.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = conn.recv(1 << 20)
        if not chunk:
            return None
        rest += chunk
    return head, rest[:length], rest[length:]

def forward(head, body):
    upstream = socket.create_connection(("127.0.0.1", upstream_port))
    lines = [l for l in head.split(b"\r\n") if not l.lower().startswith(b"connection:")]
    upstream.sendall(b"\r\n".join(lines) + b"\r\nConnection: close\r\n\r\n" + body)
    chunks = []
    while True:
        chunk = upstream.recv(1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    upstream.close()
    return b"".join(chunks)

def handle(conn):
    buffer = b""
    try:
        while True:
            request = read_request(conn, buffer)
            if request is None:
                return
            head, body, buffer = request
            with lock:
                state["requests"] += 1
                n = state["requests"]
                fault = None
                if reject and reject in head.split(b"\r\n")[0]:
                    fault = "rejected"
                    state[fault] += 1
                elif every > 0 and n % every == 0:
                    fault = "slowdown" if (n // every) % 2 == 1 else "dropped"
                    state[fault] += 1
                save()
            if fault == "slowdown":
                message = b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>'
                conn.sendall(b"HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                             + str(len(message)).encode() + b"\r\n\r\n" + message)
                continue
            if fault == "rejected":
                message = b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidDigest</Code><Message>Rejected by the test proxy.</Message></Error>'
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/xml\r\nContent-Length: "
                             + str(len(message)).encode() + b"\r\n\r\n" + message)
                continue
            if fault == "dropped":
                return
            conn.sendall(forward(head, body))
            return  # moto answers with Connection: close
    except OSError:
        pass
    finally:
        conn.close()

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen_port))
server.listen(64)
save()
while True:
    client, _ = server.accept()
    threading.Thread(target=handle, args=(client,), daemon=True).start()
"""#

    public init(upstreamPort: Int, every: Int, reject: String = "") throws {
        port = try TestProcess.freePort()
        statsPath = NSTemporaryDirectory() + "sluice-fault-proxy-\(UUID().uuidString).json"
        process = try TestProcess.start(["python3", "-c", FaultProxy.script, String(port), String(upstreamPort),
                                         String(every), statsPath, reject])
        do {
            try TestProcess.waitUntilListening(port: port, process: process)
        } catch {
            TestProcess.stop(process)
            throw error
        }
    }

    /// Requests seen, and faults injected of each kind.
    public func stats() throws -> (requests: Int, slowdowns: Int, drops: Int, rejections: Int) {
        let data = try Data(contentsOf: URL(fileURLWithPath: statsPath))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Int] ?? [:]
        return (object["requests"] ?? 0, object["slowdown"] ?? 0, object["dropped"] ?? 0, object["rejected"] ?? 0)
    }

    public func stop() {
        TestProcess.stop(process)
        try? FileManager.default.removeItem(atPath: statsPath)
    }
}
