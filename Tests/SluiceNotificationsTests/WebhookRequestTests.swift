import Foundation
import SluiceNotifications
import XCTest

final class WebhookRequestTests: XCTestCase {
    let url = URL(string: "https://hooks.example.com/services/T1/tok3n")

    func testUnsignedJSONRequestPostsPayloadWithDeliveryHeaders() throws {
        let payload = PayloadFixtures.failed()
        let request = WebhookRequest(payload: payload, settings: WebhookSettings(url: try XCTUnwrap(url)), now: Date())
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.url, url)
        XCTAssertEqual(request.body, payload.jsonBody())
        XCTAssertEqual(request.headers, [HeaderField("Content-Type", "application/json"), HeaderField("User-Agent", "sluice"),
                                         HeaderField("X-Sluice-Event", "failed"), HeaderField("X-Sluice-Delivery", "evt-42")])
    }

    func testSlackFormatPostsTextBodySignedWhenSecretSet() throws {
        let payload = PayloadFixtures.failed()
        let settings = WebhookSettings(url: try XCTUnwrap(url), format: .slack, secret: "k3y")
        let request = WebhookRequest(payload: payload, settings: settings, now: Date(timeIntervalSince1970: 1_700_000_000))
        XCTAssertEqual(request.body, payload.slackBody())
        XCTAssertEqual(request.header("x-sluice-timestamp"), "1700000000")
        XCTAssertEqual(request.header("X-Sluice-Signature"),
                       "sha256=" + WebhookSignature.signature(secret: "k3y", timestamp: 1_700_000_000, body: payload.slackBody()))
    }

    func testCustomHeadersAreAddedAndReplaceDefaultsButNotSluiceHeaders() throws {
        let settings = WebhookSettings(url: try XCTUnwrap(url), headers: [
            HeaderField("Authorization", "Bearer abc"), HeaderField("user-agent", "custom/1"),
            HeaderField("X-Sluice-Delivery", "forged"),
        ])
        let request = WebhookRequest(payload: PayloadFixtures.failed(), settings: settings, now: Date())
        XCTAssertEqual(request.header("Authorization"), "Bearer abc")
        XCTAssertEqual(request.header("User-Agent"), "custom/1")
        XCTAssertEqual(request.header("X-Sluice-Delivery"), "evt-42")
        XCTAssertEqual(request.headers.filter { $0.name.lowercased() == "user-agent" }.count, 1)
    }

    func testRetriedRequestKeepsBodyAndDeliveryIDButRefreshesTimestamp() throws {
        let settings = WebhookSettings(url: try XCTUnwrap(url), secret: "k3y")
        let first = WebhookRequest(payload: PayloadFixtures.failed(), settings: settings, now: Date(timeIntervalSince1970: 1_700_000_000))
        let retry = WebhookRequest(payload: PayloadFixtures.failed(), settings: settings, now: Date(timeIntervalSince1970: 1_700_000_060))
        XCTAssertEqual(first.body, retry.body)
        XCTAssertEqual(first.header("X-Sluice-Delivery"), retry.header("X-Sluice-Delivery"))
        XCTAssertEqual(retry.header("X-Sluice-Timestamp"), "1700000060")
        XCTAssertNotEqual(first.header("X-Sluice-Signature"), retry.header("X-Sluice-Signature"))
    }
}
