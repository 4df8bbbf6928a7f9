import Foundation
import SluiceNotifications
import XCTest

final class WebhookSignatureTests: XCTestCase {
    func testSignatureMatchesPythonHMACOverTimestampDotBody() {
        // Expected values computed with python3:
        // hmac.new(b'secret', b'1700000000.{"event":"failed"}', hashlib.sha256).hexdigest()
        let headers = WebhookSignature.headers(secret: "secret", timestamp: 1_700_000_000, body: Data(#"{"event":"failed"}"#.utf8))
        XCTAssertEqual(headers.map(\.0), ["X-Sluice-Timestamp", "X-Sluice-Signature"])
        XCTAssertEqual(headers.map(\.1), ["1700000000", "sha256=d4d0240d15330394e2dec6db930c240420bd776681046eec69716ade49286ecd"])
    }

    func testSignatureOfEmptyBodyWithUTF8SecretMatchesPython() {
        // python3: hmac.new('s3cr\u00e9t-key'.encode(), b'1764772386.', hashlib.sha256).hexdigest()
        XCTAssertEqual(WebhookSignature.signature(secret: "s3crét-key", timestamp: 1_764_772_386, body: Data()),
                       "2aaca1f69ddb58744eae93ae03e1b5cdf74a3c90e94cd05cbbd553e97d52cdc2")
    }

    func testSignedWebhookRequestVerifiesWithPythonHMAC() throws {
        let settings = WebhookSettings(url: try XCTUnwrap(URL(string: "https://h/x")), secret: "whsec_T0p")
        let request = WebhookRequest(payload: PayloadFixtures.failed(), settings: settings, now: Date(timeIntervalSince1970: 1_764_772_386.9))
        let timestamp = try XCTUnwrap(request.header("X-Sluice-Timestamp"))
        XCTAssertEqual(timestamp, "1764772386")
        let expected = try Python.withTemporaryFile(request.body) { path in
            try Python.run("import hmac,hashlib,sys;print(hmac.new(b'whsec_T0p', sys.argv[1].encode()+b'.'+open(sys.argv[2],'rb').read(), hashlib.sha256).hexdigest())",
                           [timestamp, path])
        }
        XCTAssertEqual(request.header("X-Sluice-Signature"), "sha256=" + expected)
    }
}
