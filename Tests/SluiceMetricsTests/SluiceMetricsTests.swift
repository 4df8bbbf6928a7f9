import Foundation
import SluiceCore
import SluiceExecution
import SluiceMetrics
import SluiceStore
import XCTest

final class SluiceMetricsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func openStore() async throws -> SQLMetadataStore {
        try await SQLMetadataStore.open(path: folder.appendingPathComponent("sluice.db").path)
    }

    private func run(_ state: RunState, runType: RunType = .manual, seconds: TimeInterval = 90) -> DagRun {
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        return DagRun(dagId: "orders", runType: runType, logicalDate: start, dataIntervalStart: start, dataIntervalEnd: start,
                      state: state, startedAt: start, endedAt: start.addingTimeInterval(seconds))
    }

    private func task(_ id: String, _ state: TaskState, duration: TimeInterval = 2, tryNumber: Int = 1) -> TaskInstance {
        TaskInstance(dagId: "orders", runId: "manual__2026-06-01T00:00:00+00:00", taskId: id, tryNumber: tryNumber, state: state,
                     duration: duration)
    }

    func testFinishedTasksAreCountedByStateAndRetriesApart() async throws {
        let metrics = SluiceMetrics()
        metrics.record(.taskFinished(task("load", .upForRetry, tryNumber: 1)))
        metrics.record(.taskFinished(task("load", .success, tryNumber: 2)))
        metrics.record(.taskFinished(task("check", .failed)))
        metrics.record(.taskFinished(task("publish", .upstreamFailed, duration: .nan)))
        metrics.record(.taskStarted(task("other", .running)))

        let text = ExpositionText(await metrics.render(store: try await openStore(), folder: DagFolderFigures()))
        let finished = "sluice_task_instances_finished_total"
        XCTAssertEqual(text.value(of: finished, ["dag_id": "orders", "task_id": "load", "state": "success"]), 1)
        XCTAssertEqual(text.value(of: finished, ["dag_id": "orders", "task_id": "check", "state": "failed"]), 1)
        XCTAssertEqual(text.value(of: finished, ["dag_id": "orders", "task_id": "publish", "state": "upstream_failed"]), 1)
        XCTAssertNil(text.value(of: finished, ["dag_id": "orders", "task_id": "load", "state": "up_for_retry"]))
        XCTAssertNil(text.samples.first { $0.labels["task_id"] == "other" })
        XCTAssertEqual(text.value(of: "sluice_task_retries_total", ["dag_id": "orders", "task_id": "load"]), 1)
        XCTAssertEqual(text.value(of: "sluice_task_duration_seconds_count", ["dag_id": "orders", "task_id": "load"]), 2)
        XCTAssertEqual(text.value(of: "sluice_task_duration_seconds_sum", ["dag_id": "orders", "task_id": "load"]) ?? 0, 4, accuracy: 0.001)
    }

    func testFinishedRunsAreCountedWithTheirDuration() async throws {
        let metrics = SluiceMetrics()
        metrics.record(.runFinished(run(.success, seconds: 90)))
        metrics.record(.runFinished(run(.failed, runType: .scheduled, seconds: 30)))
        metrics.record(.runFinished(run(.success, seconds: 10)))

        let text = ExpositionText(await metrics.render(store: try await openStore(), folder: DagFolderFigures()))
        XCTAssertEqual(text.value(of: "sluice_dag_runs_finished_total", ["dag_id": "orders", "state": "success", "run_type": "manual"]), 2)
        XCTAssertEqual(text.value(of: "sluice_dag_runs_finished_total", ["dag_id": "orders", "state": "failed", "run_type": "scheduled"]), 1)
        XCTAssertEqual(text.value(of: "sluice_dag_run_duration_seconds_count", ["dag_id": "orders", "state": "success"]), 2)
        XCTAssertEqual(text.value(of: "sluice_dag_run_duration_seconds_sum", ["dag_id": "orders", "state": "success"]) ?? 0, 100, accuracy: 0.001)
        XCTAssertEqual(text.value(of: "sluice_dag_run_duration_seconds_bucket", ["dag_id": "orders", "state": "success", "le": "60.0"]), 1)
    }

    func testARunIsCountedOnlyByTheProcessThatEndedIt() async throws {
        let metrics = SluiceMetrics()
        metrics.record(.runFinished(run(.success, seconds: 90), endedHere: true))
        // Another process working on the same run on a shared store sees it end too: counted there once, not here.
        metrics.record(.runFinished(run(.success, seconds: 90), endedHere: false))

        let text = ExpositionText(await metrics.render(store: try await openStore(), folder: DagFolderFigures()))
        XCTAssertEqual(text.value(of: "sluice_dag_runs_finished_total", ["dag_id": "orders", "state": "success", "run_type": "manual"]), 1)
        XCTAssertEqual(text.value(of: "sluice_dag_run_duration_seconds_count", ["dag_id": "orders", "state": "success"]), 1)
    }

    func testLabelsNeverNameARunADateOrATry() async throws {
        let metrics = SluiceMetrics()
        metrics.record(.runFinished(run(.success)))
        metrics.record(.taskFinished(task("load", .upForRetry, tryNumber: 3)))
        metrics.record(.taskFinished(task("load", .success, tryNumber: 4)))
        metrics.recordSchedulerLoop(seconds: 0.01, at: Date(), folder: DagFolderFigures(dagIds: ["orders"]))

        let rendered = await metrics.render(store: try await openStore(), folder: nil)
        XCTAssertFalse(rendered.contains("manual__"), rendered)
        XCTAssertFalse(rendered.contains("2026-"), rendered)
        let names = Set(ExpositionText(rendered).samples.flatMap(\.labels.keys))
        XCTAssertTrue(names.isSubset(of: ["dag_id", "task_id", "state", "run_type", "le", "paused", "version", "notifier", "event", "result", "format"]),
                      "\(names)")
    }

    func testGaugesAreReadFromTheStoreAndTheDagFolderAtScrapeTime() async throws {
        let store = try await openStore()
        var finished = run(.success)
        try await store.createRun(finished, taskIds: ["load", "check"], maxTries: [:])
        let queued = DagRun(dagId: "orders", runType: .manual, logicalDate: Date(timeIntervalSince1970: 1_790_000_000),
                            dataIntervalStart: Date(timeIntervalSince1970: 1_790_000_000), dataIntervalEnd: Date(timeIntervalSince1970: 1_790_000_000))
        try await store.createRun(queued, taskIds: ["load"], maxTries: [:])
        finished.state = .success
        try await store.updateRun(finished)
        try await store.setPaused(dagId: "orders", paused: true)
        let metrics = SluiceMetrics()
        metrics.recordBuildInfo(version: "9.9.9")

        let text = ExpositionText(await metrics.render(store: store, folder: DagFolderFigures(dagIds: ["orders", "customers", "events"], importErrors: 2)))
        XCTAssertEqual(text.value(of: "sluice_dag_runs", ["state": "success"]), 1)
        XCTAssertEqual(text.value(of: "sluice_dag_runs", ["state": "queued"]), 1)
        XCTAssertEqual(text.value(of: "sluice_dag_runs", ["state": "failed"]), 0)
        XCTAssertEqual(text.value(of: "sluice_task_instances", ["state": "none"]), 3)
        XCTAssertEqual(text.value(of: "sluice_task_instances", ["state": "success"]), 0)
        XCTAssertEqual(text.value(of: "sluice_dags", ["paused": "true"]), 1)
        XCTAssertEqual(text.value(of: "sluice_dags", ["paused": "false"]), 2)
        XCTAssertEqual(text.value(of: "sluice_dag_import_errors"), 2)
        XCTAssertEqual(text.value(of: "sluice_notification_outbox_pending"), 0)
        XCTAssertEqual(text.value(of: "sluice_dag_last_success_timestamp_seconds", ["dag_id": "orders"]), finished.endedAt?.timeIntervalSince1970)
        XCTAssertEqual(text.value(of: "sluice_build_info", ["version": "9.9.9"]), 1)
    }

    func testSchedulerLoopIsTimedAndItsEndIsTheHeartbeat() async throws {
        let metrics = SluiceMetrics()
        let at = Date(timeIntervalSince1970: 1_780_000_123)
        metrics.recordSchedulerLoop(seconds: 0.02, at: at, folder: DagFolderFigures(dagIds: ["orders"], importErrors: 1))
        metrics.recordSchedulerLoop(seconds: 0.2, at: at.addingTimeInterval(5), folder: DagFolderFigures(dagIds: ["orders"], importErrors: 4))

        let text = ExpositionText(await metrics.render(store: try await openStore(), folder: nil))
        XCTAssertEqual(text.value(of: "sluice_scheduler_loop_duration_seconds_count"), 2)
        XCTAssertEqual(text.value(of: "sluice_scheduler_loop_duration_seconds_sum") ?? 0, 0.22, accuracy: 0.0001)
        XCTAssertEqual(text.value(of: "sluice_scheduler_heartbeat_timestamp_seconds"), at.timeIntervalSince1970 + 5)
        XCTAssertEqual(text.value(of: "sluice_dag_import_errors"), 4)
        XCTAssertEqual(text.value(of: "sluice_dags", ["paused": "false"]), 1)
    }
}

extension SluiceMetricsTests {
    func testExportsCountPublishedRowsAndBytesByFormatAndFailedAuditsApart() async throws {
        let metrics = SluiceMetrics()
        let key = TaskInstanceKey(dagId: "orders", runId: "scheduled__2026-06-01T00:00:00+00:00", taskId: "export_orders")
        metrics.record(.exportFinished(key, ExportFigures(format: "parquet", rows: 1000, bytes: 52_000, seconds: 3)))
        metrics.record(.exportFinished(key, ExportFigures(format: "parquet", rows: 500, bytes: 26_000, seconds: 1)))
        metrics.record(.exportFinished(key, ExportFigures(format: "parquet", rows: 0, bytes: 0, seconds: 2, auditsFailed: true)))

        let text = ExpositionText(await metrics.render(store: try await openStore(), folder: DagFolderFigures()))
        let format = ["dag_id": "orders", "task_id": "export_orders", "format": "parquet"]
        XCTAssertEqual(text.value(of: "sluice_export_rows_total", format), 1500)
        XCTAssertEqual(text.value(of: "sluice_export_bytes_total", format), 78_000)
        XCTAssertEqual(text.value(of: "sluice_export_audit_failures_total", ["dag_id": "orders", "task_id": "export_orders"]), 1)
        XCTAssertEqual(text.value(of: "sluice_export_duration_seconds_count", ["dag_id": "orders", "task_id": "export_orders"]), 3)
        XCTAssertEqual(text.value(of: "sluice_export_duration_seconds_sum", ["dag_id": "orders", "task_id": "export_orders"]) ?? 0, 6, accuracy: 0.001)
    }
}
