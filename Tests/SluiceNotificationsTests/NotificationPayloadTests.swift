import Foundation
import SluiceCore
import SluiceNotifications
import XCTest

final class NotificationPayloadTests: XCTestCase {
    func testEventNamesAreTheDAGFileNamesAndTestIsNotSubscribable() {
        XCTAssertEqual(NotificationEvent.allCases.last, .test)
        XCTAssertEqual(NotificationEvent.subscribable.map(\.rawValue),
                       ["failed", "retries_exhausted", "run_failed", "run_succeeded", "published", "audit_failed",
                        "deadline_missed", "recovered"])
    }

    func testJSONBodyHasDocumentedFieldsInOrderWithISODatesAndNoNulls() throws {
        let body = try XCTUnwrap(String(data: PayloadFixtures.failed().jsonBody(), encoding: .utf8))
        XCTAssertEqual(body, #"{"event_id":"evt-42","event":"failed","occurred_at":"2026-11-21T03:00:00.250000+00:00","#
            + #""dag_id":"metrics_lake_export","run_id":"scheduled__2026-11-20T00:00:00+00:00","run_type":"scheduled","#
            + #""logical_date":"2026-11-20T00:00:00+00:00","data_interval_start":"2026-11-20T00:00:00+00:00","#
            + #""data_interval_end":"2026-11-21T00:00:00+00:00","task_id":"export_metrics","try_number":1,"max_tries":3,"#
            + #""state":"up_for_retry","error":"relation \"metrics\" does not exist\nLINE 1: select","#
            + #""log_url":"https://sluice.example.com/dags/metrics_lake_export/runs/r/tasks/export_metrics/logs/1","#
            + #""ui_url":"https://sluice.example.com/dags/metrics_lake_export/runs/r"}"#)
    }

    func testJSONBodyOmitsMissingFieldsAndAddsPublishedPartition() throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: PayloadFixtures.published().jsonBody()) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["event_id", "event", "occurred_at", "dag_id", "run_id", "run_type", "logical_date",
                                          "task_id", "path", "files", "rows", "bytes"])
        XCTAssertEqual(object["path"] as? String, "s3://lake/metrics/date=2026-11-20/")
        XCTAssertEqual(object["files"] as? Int, 3)
        XCTAssertEqual(object["rows"] as? Int, 1_234_567)
        XCTAssertEqual(object["bytes"] as? Int, 98_765_432_100)
    }

    func testDatesArePrintedInThePayloadTimeZone() throws {
        var payload = PayloadFixtures.published()
        payload.timeZone = try XCTUnwrap(TimeZone(secondsFromGMT: 3600))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: payload.jsonBody()) as? [String: Any])
        XCTAssertEqual(object["logical_date"] as? String, "2026-11-20T01:00:00+01:00")
    }

    func testJSONEscapesControlCharactersQuotesAndKeepsUnicode() throws {
        let payload = PayloadFixtures.failed(error: "tab\there \"q\" back\\slash \u{1}bell é 😀")
        let data = payload.jsonBody()
        let text = try XCTUnwrap(String(data: data, encoding: .utf8))
        XCTAssertTrue(text.contains(#""error":"tab\there \"q\" back\\slash \u0001bell é 😀""#), text)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["error"] as? String, "tab\there \"q\" back\\slash \u{1}bell é 😀")
    }

    func testLongErrorIsTruncatedTo2000Characters() {
        let payload = PayloadFixtures.failed(error: String(repeating: "x", count: 5_000))
        XCTAssertEqual(payload.error?.count, NotificationPayload.maxErrorLength)
        XCTAssertEqual(payload.error?.last, "…")
        var updated = payload
        updated.setError(String(repeating: "y", count: 2_001))
        XCTAssertEqual(updated.error?.count, 2_000)
        updated.setError("short")
        XCTAssertEqual(updated.error, "short")
    }

    func testMaskedAppliesTheMaskToErrorAndPath() {
        let masker = SecretMasker(values: ["Hunter2Pass"])
        var payload = PayloadFixtures.published()
        payload.published?.path = "s3://Hunter2Pass/x"
        payload.setError("login failed for Hunter2Pass")
        let masked = payload.masked(by: masker.mask)
        XCTAssertEqual(masked.error, "login failed for ***")
        XCTAssertEqual(masked.published?.path, "s3://***/x")
        XCTAssertFalse(String(decoding: masked.jsonBody(), as: UTF8.self).contains("Hunter2"))
        XCTAssertNil(PayloadFixtures.failed().masked(by: masker.mask).published)
    }

    func testEmailSubjectNamesEventDAGTaskAndLogicalDay() {
        XCTAssertEqual(PayloadFixtures.failed().emailSubject, "[sluice] FAILED metrics_lake_export export_metrics 2026-11-20")
        var runLevel = PayloadFixtures.failed()
        runLevel.event = .deadlineMissed
        runLevel.taskID = nil
        XCTAssertEqual(runLevel.emailSubject, "[sluice] DEADLINE MISSED metrics_lake_export 2026-11-20")
    }

    func testSlackBodyIsOneEscapedLineWithFirstErrorLineAndLink() throws {
        let payload = PayloadFixtures.failed(error: "a < b & c > d\nsecond line")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: payload.slackBody()) as? [String: Any])
        XCTAssertEqual(object.count, 1)
        XCTAssertEqual(object["text"] as? String,
                       "[sluice] FAILED metrics_lake_export export_metrics 2026-11-20: a &lt; b &amp; c &gt; d "
                       + "https://sluice.example.com/dags/metrics_lake_export/runs/r")
    }

    func testSlackSummaryOfPublishedShowsPathFilesRowsBytes() throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: PayloadFixtures.published().slackBody()) as? [String: Any])
        XCTAssertEqual(object["text"] as? String, "[sluice] PUBLISHED metrics_lake_export export_metrics 2026-11-20: "
                       + "s3://lake/metrics/date=2026-11-20/ (3 files, 1234567 rows, 98765432100 bytes)")
    }

    func testEmailBodyListsFieldsThenFullError() {
        let body = PayloadFixtures.failed().emailBody
        XCTAssertTrue(body.hasPrefix("[sluice] FAILED metrics_lake_export export_metrics 2026-11-20: relation \"metrics\" does not exist\n\n"), body)
        XCTAssertTrue(body.contains("\nrun_id: scheduled__2026-11-20T00:00:00+00:00\n"), body)
        XCTAssertTrue(body.contains("\ntry_number: 1\nmax_tries: 3\n"), body)
        XCTAssertTrue(body.hasSuffix("\nerror:\nrelation \"metrics\" does not exist\nLINE 1: select\n"), body)
    }
}
