import Foundation

/// One email an `SMTPSink` received.
public struct ReceivedMail: Sendable {
    public var from: String
    public var recipients: [String]
    /// The message as sent (headers and body), CRLF line ends.
    public var text: String
    /// The user that logged in, when the client authenticated.
    public var login: String?

    /// The value of header `name` (case-insensitive) in the message.
    public func header(_ name: String) -> String? {
        for line in text.components(separatedBy: "\r\n") {
            if line.isEmpty { break }
            if let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == name.lowercased() {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// The body after the blank line.
    public var body: String {
        guard let range = text.range(of: "\r\n\r\n") else { return "" }
        return String(text[range.upperBound...])
    }
}

/// A real SMTP server (Python's aiosmtpd) on a loopback port that records every message. With `user` and
/// `password` it requires that login (AUTH PLAIN/LOGIN without TLS, as a local relay may allow).
public final class SMTPSink: @unchecked Sendable {
    public let port: Int
    private let folder: URL
    private var process: Process?

    public init(user: String? = nil, password: String? = nil) throws {
        port = try TestProcess.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.script.write(to: folder.appendingPathComponent("sink.py"), atomically: true, encoding: .utf8)
        let process = try TestProcess.start(["python3", folder.appendingPathComponent("sink.py").path, String(port), folder.path,
                                             user ?? "", password ?? ""])
        self.process = process
        try TestProcess.waitUntilListening(port: port, process: process)
    }

    deinit {
        TestProcess.stop(process)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Every message received so far.
    public func messages() -> [ReceivedMail] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("mail.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  let from = object["from"] as? String, let to = object["to"] as? [String], let data = object["data"] as? String else { return nil }
            return ReceivedMail(from: from, recipients: to, text: String(decoding: Data(base64Encoded: data) ?? Data(), as: UTF8.self),
                                login: object["login"] as? String)
        }
    }

    static let script = #"""
    import asyncio, base64, json, os, sys
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    port, folder, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            login = session.auth_data.decode() if isinstance(session.auth_data, bytes) else None
            record = {"from": envelope.mail_from, "to": envelope.rcpt_tos, "login": login,
                      "data": base64.b64encode(envelope.original_content or envelope.content).decode()}
            with open(os.path.join(folder, "mail.jsonl"), "a") as f:
                f.write(json.dumps(record) + "\n")
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, auth_data=auth_data.login if ok else None)

    kwargs = {}
    if user:
        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()
    """#
}
