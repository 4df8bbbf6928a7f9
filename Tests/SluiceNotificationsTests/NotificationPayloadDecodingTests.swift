import Foundation
import SluiceCore
import SluiceNotifications
import XCTest

/// The delivery side reads payloads back from the outbox and completes them with links.
final class NotificationPayloadDecodingTests: XCTestCase {
    func testAStoredBodyReadsBackToTheSamePayloadAndTheSameBytes() throws {
        for original in [PayloadFixtures.failed(), PayloadFixtures.published()] {
            let body = String(decoding: original.jsonBody(), as: UTF8.self)
            let decoded = try NotificationPayload(jsonBody: body)
            XCTAssertEqual(decoded, original)
            XCTAssertEqual(String(decoding: decoded.jsonBody(), as: UTF8.self), body)
        }
    }

    func testDatesKeepTheOffsetTheyWereWrittenWith() throws {
        var payload = PayloadFixtures.published()
        payload.timeZone = try XCTUnwrap(TimeZone(secondsFromGMT: -5 * 3600 - 1800))
        let body = String(decoding: payload.jsonBody(), as: UTF8.self)
        XCTAssertTrue(body.contains("-05:30"), body)
        XCTAssertEqual(String(decoding: try NotificationPayload(jsonBody: body).jsonBody(), as: UTF8.self), body)
    }

    func testABodyThatIsNotAPayloadIsAClearError() {
        for text in ["[]", "{}", #"{"event_id":"x","event":"exploded","occurred_at":"2026-01-01T00:00:00+00:00","dag_id":"d"}"#,
                     #"{"event_id":"x","event":"failed","occurred_at":"yesterday","dag_id":"d"}"#] {
            XCTAssertThrowsError(try NotificationPayload(jsonBody: text), text) { error in
                XCTAssertTrue("\(error)".contains("stored notification payload cannot be read"), "\(error)")
            }
        }
    }

    func testLinksPointToTheRunAndTheTrysLogUnderThePublicURL() throws {
        var payload = PayloadFixtures.failed()
        payload.uiURL = nil
        payload.logURL = nil
        payload.runID = "manual__2026-11-20T00:00:00+00:00"
        let linked = payload.linked(to: URL(string: "https://sluice.example.com/base/"))
        XCTAssertEqual(linked.uiURL, "https://sluice.example.com/base/dags/metrics_lake_export/runs/manual__2026-11-20T00:00:00%2B00:00")
        XCTAssertEqual(linked.logURL, linked.uiURL.map { $0 + "/tasks/export_metrics?try_number=1" })
        XCTAssertEqual(payload.linked(to: nil), payload, "no public URL, no links")
        var runEvent = payload
        runEvent.taskID = nil
        runEvent.tryNumber = nil
        XCTAssertNil(runEvent.linked(to: URL(string: "https://x.example")).logURL)
    }

    func testTheTestMessageIsEventTestWithoutARun() {
        let payload = NotificationPayload.test(notifier: "ops", now: Date(timeIntervalSince1970: 1_800_000_000))
        XCTAssertEqual(payload.event, .test)
        XCTAssertEqual(payload.eventID, "test/ops/1800000000000")
        XCTAssertNil(payload.runID)
        XCTAssertEqual(payload.emailSubject, "[sluice] TEST sluice")
    }
}
