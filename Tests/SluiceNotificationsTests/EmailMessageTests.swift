import Foundation
import SluiceNotifications
import XCTest

final class EmailMessageTests: XCTestCase {
    let settings = SMTPSettings(security: .smtp, host: "localhost", port: 2525, user: nil, password: "Hunter2Pass",
                                from: "sluice@corp.com", to: ["a@x.org", "b@y.org"])

    func testMessageHasRFC5322HeadersAndCRLFPlainTextBody() {
        let message = EmailMessage(payload: PayloadFixtures.failed(), settings: settings, now: Date(timeIntervalSince1970: 1_764_772_386))
        XCTAssertEqual(message.from, "sluice@corp.com")
        XCTAssertEqual(message.recipients, ["a@x.org", "b@y.org"])
        let parts = message.text.components(separatedBy: "\r\n\r\n")
        XCTAssertEqual(parts.first?.components(separatedBy: "\r\n"), [
            "From: sluice@corp.com", "To: a@x.org, b@y.org",
            "Subject: [sluice] FAILED metrics_lake_export export_metrics 2026-11-20",
            "Date: Wed, 03 Dec 2025 14:33:06 +0000", "Message-ID: <sluice.evt-42@corp.com>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "X-Sluice-Delivery: evt-42",
        ])
        let body = parts.dropFirst().joined(separator: "\r\n\r\n")
        XCTAssertEqual(body.replacingOccurrences(of: "\r\n", with: "\n"), PayloadFixtures.failed().emailBody)
        XCTAssertFalse(message.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF in message")
        XCTAssertFalse(message.text.contains("Hunter2"))
    }

    func testCRLFAndLoneCRInErrorBecomeCRLFLineEnds() {
        let payload = PayloadFixtures.failed(error: "first\r\nsecond\rthird\nfourth")
        let text = EmailMessage(payload: payload, settings: settings, now: Date()).text
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").unicodeScalars.contains { $0 == "\r" || $0 == "\n" },
                       "bare CR or LF in message")
        XCTAssertTrue(text.hasSuffix("\r\nerror:\r\nfirst\r\nsecond\r\nthird\r\nfourth\r\n"), text)
    }

    func testPythonEmailParserReadsSubjectRecipientsAndBody() throws {
        var payload = PayloadFixtures.failed(error: "Fehler: Verbindung zurückgesetzt")
        payload.dagID = "export_müller"
        let message = EmailMessage(payload: payload, settings: settings, now: Date(timeIntervalSince1970: 1_764_772_386))
        let script = """
        import email, email.policy, json, sys
        m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.SMTP)
        print(json.dumps({"subject": str(m["subject"]), "to": [a.addr_spec for a in m["to"].addresses],
                          "from": str(m["from"]), "date": m["date"].datetime.isoformat(), "id": str(m["message-id"]),
                          "body": m.get_content(), "defects": len(m.defects)}))
        """
        let output = try Python.withTemporaryFile(Data(message.text.utf8)) { try Python.run(script, [$0]) }
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["subject"] as? String, "[sluice] FAILED export_müller export_metrics 2026-11-20")
        XCTAssertEqual(parsed["to"] as? [String], ["a@x.org", "b@y.org"])
        XCTAssertEqual(parsed["from"] as? String, "sluice@corp.com")
        XCTAssertEqual(parsed["date"] as? String, "2025-12-03T14:33:06+00:00")
        XCTAssertEqual(parsed["id"] as? String, "<sluice.evt-42@corp.com>")
        XCTAssertEqual((parsed["body"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n"), payload.emailBody)
        XCTAssertEqual(parsed["defects"] as? Int, 0)
    }

    func testLineBreaksInIDsCannotInjectHeaders() {
        var payload = PayloadFixtures.failed()
        payload.dagID = "dag\r\nBcc: victim@evil.org"
        payload.eventID = "id\r\nX-Evil: 1"
        let headerBlock = EmailMessage(payload: payload, settings: settings, now: Date()).text.components(separatedBy: "\r\n\r\n")[0]
        let names = headerBlock.components(separatedBy: "\r\n").map { $0.prefix { $0 != ":" } }
        XCTAssertFalse(names.contains("Bcc"), headerBlock)
        XCTAssertFalse(names.contains("X-Evil"), headerBlock)
    }

    func testNonASCIISubjectIsEncodedAsShortRFC2047Words() throws {
        var payload = PayloadFixtures.failed()
        payload.dagID = String(repeating: "exportación_", count: 8)
        let message = EmailMessage(payload: payload, settings: settings, now: Date())
        let subjectLine = try XCTUnwrap(message.text.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        let words = subjectLine.dropFirst("Subject: ".count).split(separator: " ")
        XCTAssertGreaterThan(words.count, 1)
        var decoded = Data()
        for word in words {
            XCTAssertLessThanOrEqual(word.count, 75)
            XCTAssertTrue(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="), String(word))
            decoded.append(try XCTUnwrap(Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))))
        }
        XCTAssertEqual(String(decoding: decoded, as: UTF8.self), message.subject)
    }

    func testLongBodyLinesAreWrappedAt998Octets() {
        let payload = PayloadFixtures.failed(error: String(repeating: "é", count: 1_500))
        let message = EmailMessage(payload: payload, settings: settings, now: Date())
        let lines = message.text.components(separatedBy: "\r\n")
        XCTAssertTrue(lines.allSatisfy { $0.utf8.count <= 998 }, "\(lines.map { $0.utf8.count }.max() ?? 0)")
        XCTAssertEqual(lines.joined().filter { $0 == "é" }.count, 1_500 + 199)
    }
}
