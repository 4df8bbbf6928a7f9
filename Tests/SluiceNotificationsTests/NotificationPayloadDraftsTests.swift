import Foundation
import SluiceCore
import SluiceNotifications
import XCTest

/// A payload becomes one outbox row per notifier, all with the same event id and the same masked body.
final class NotificationPayloadDraftsTests: XCTestCase {
    func testOneDraftPerNotifierWithTheEventIdAndTheMaskedJSONBody() throws {
        let payload = PayloadFixtures.failed(error: "password tiger-7 rejected")
        let drafts = payload.drafts(to: ["ops", "mail"], masker: SecretMasker(values: ["tiger-7"]))
        XCTAssertEqual(drafts.map(\.notifier), ["ops", "mail"])
        for d in drafts {
            XCTAssertEqual(d.eventId, "evt-42")
            XCTAssertEqual(d.event, .failed)
            XCTAssertEqual(d.dagId, "metrics_lake_export")
            XCTAssertEqual(d.runId, "scheduled__2026-11-20T00:00:00+00:00")
            XCTAssertEqual(d.taskId, "export_metrics")
            XCTAssertFalse(d.payload.contains("tiger-7"), d.payload)
            let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(d.payload.utf8)) as? [String: Any])
            XCTAssertEqual(body["error"] as? String, "password *** rejected")
            XCTAssertEqual(body["event_id"] as? String, "evt-42")
        }
    }

    func testNoNotifiersNoDrafts() {
        XCTAssertEqual(PayloadFixtures.published().drafts(to: [], masker: SecretMasker()), [])
    }
}
