import Foundation
import SluiceCore
import SluiceNotifications

/// Payloads shared by the tests.
enum PayloadFixtures {
    /// 2026-11-20T00:00:00Z.
    static let day = Date(timeIntervalSince1970: 1_795_132_800)

    static func failed(error: String? = "relation \"metrics\" does not exist\nLINE 1: select") -> NotificationPayload {
        NotificationPayload(
            eventID: "evt-42", event: .failed, occurredAt: day.addingTimeInterval(86_400 + 3 * 3600 + 0.25),
            dagID: "metrics_lake_export", runID: "scheduled__2026-11-20T00:00:00+00:00", runType: "scheduled",
            logicalDate: day, dataIntervalStart: day, dataIntervalEnd: day.addingTimeInterval(86_400),
            taskID: "export_metrics", tryNumber: 1, maxTries: 3, state: "up_for_retry", error: error,
            logURL: "https://sluice.example.com/dags/metrics_lake_export/runs/r/tasks/export_metrics/logs/1",
            uiURL: "https://sluice.example.com/dags/metrics_lake_export/runs/r")
    }

    static func published() -> NotificationPayload {
        NotificationPayload(
            eventID: "evt-7", event: .published, occurredAt: day, dagID: "metrics_lake_export",
            runID: "manual__x", runType: "manual", logicalDate: day, taskID: "export_metrics",
            published: PublishedPartition(path: "s3://lake/metrics/date=2026-11-20/", files: 3, rows: 1_234_567, bytes: 98_765_432_100))
    }
}
