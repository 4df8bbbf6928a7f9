import Foundation
import Metrics
import Prometheus
import SluiceCore
import SluiceExecution
import SluiceStore
import Synchronization

/// Sluice's Prometheus metrics: one collector registry, fed through swift-metrics.
///
/// Counters and histograms come from the executor's events (`record(_:)`, an `ExecutionObserver`) and the
/// scheduler's loop (`recordSchedulerLoop(seconds:at:)`); gauges are read from the metadata store and the
/// DAG folder when scraped (`render(store:folder:)`). Labels name DAGs, tasks, states and notifiers, never a
/// run id, a date or a try: their number stays bounded by the DAG folder.
public final class SluiceMetrics: Sendable {
    /// The process's metrics: the scheduler records into them, `/metrics` renders them.
    public static let process = SluiceMetrics()

    /// The registry holding every sample.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// The DAG folder as the scheduler's loop last saw it, for a scrape that is not told.
    private let lastFolder = Mutex(DagFolderFigures())

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        let taskBuckets: [Duration] = [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200].map { .milliseconds(Int64($0 * 1000)) }
        factory.durationHistogramBuckets = [
            Name.runDuration: taskBuckets,
            Name.taskDuration: taskBuckets,
            Name.exportDuration: taskBuckets,
            Name.schedulerLoop: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000].map { .milliseconds($0) },
        ]
        self.factory = factory
    }

    /// Sets `sluice_build_info{version}` to 1.
    public func recordBuildInfo(version: String) {
        CoreMetrics.Gauge(label: Name.buildInfo, dimensions: [("version", version)], factory: factory).record(1)
    }

    /// Metric names.
    enum Name {
        static let runsFinished = "sluice_dag_runs_finished_total"
        static let runDuration = "sluice_dag_run_duration_seconds"
        static let tasksFinished = "sluice_task_instances_finished_total"
        static let taskDuration = "sluice_task_duration_seconds"
        static let taskRetries = "sluice_task_retries_total"
        static let exportRows = "sluice_export_rows_total"
        static let exportBytes = "sluice_export_bytes_total"
        static let exportDuration = "sluice_export_duration_seconds"
        static let exportAuditFailures = "sluice_export_audit_failures_total"
        static let schedulerLoop = "sluice_scheduler_loop_duration_seconds"
        static let schedulerHeartbeat = "sluice_scheduler_heartbeat_timestamp_seconds"
        static let buildInfo = "sluice_build_info"
        static let runs = "sluice_dag_runs"
        static let taskInstances = "sluice_task_instances"
        static let dags = "sluice_dags"
        static let importErrors = "sluice_dag_import_errors"
        static let lastSuccess = "sluice_dag_last_success_timestamp_seconds"
        static let outboxPending = "sluice_notification_outbox_pending"
        /// Schedulers and workers sharing the store, by state (running, lost, stopped).
        static let workers = "sluice_workers"
        static let notifications = "sluice_notifications_total"
        static let connectionSlots = "sluice_connection_slots"
        static let objectStoreRequests = "sluice_object_store_requests_total"
    }

    // MARK: Events

    /// Counts what the executor reports; thread-safe, so it can be called from the executor's observer.
    public func record(_ event: ExecutionEvent) {
        switch event {
        case let .runFinished(run, endedHere):
            // Counted by the process that ended it (the others working on it on a shared store see it end too).
            guard endedHere else { break }
            CoreMetrics.Counter(label: Name.runsFinished, dimensions: [("dag_id", run.dagId), ("state", run.state.rawValue), ("run_type", run.runType.rawValue)],
                    factory: factory).increment()
            if let started = run.startedAt, let ended = run.endedAt, ended >= started {
                CoreMetrics.Timer(label: Name.runDuration, dimensions: [("dag_id", run.dagId), ("state", run.state.rawValue)], factory: factory)
                    .recordSeconds(ended.timeIntervalSince(started))
            }
        case let .taskFinished(ti):
            let task = [("dag_id", ti.dagId), ("task_id", ti.taskId)]
            if ti.state == .upForRetry {
                CoreMetrics.Counter(label: Name.taskRetries, dimensions: task, factory: factory).increment()
            } else if ti.state.isFinished {
                CoreMetrics.Counter(label: Name.tasksFinished, dimensions: task + [("state", ti.state.rawValue)], factory: factory).increment()
            }
            if let duration = ti.duration, duration.isFinite, duration >= 0 {
                CoreMetrics.Timer(label: Name.taskDuration, dimensions: task, factory: factory).recordSeconds(duration)
            }
        case let .exportFinished(key, figures):
            let task = [("dag_id", key.dagId), ("task_id", key.taskId)]
            if figures.auditsFailed {
                CoreMetrics.Counter(label: Name.exportAuditFailures, dimensions: task, factory: factory).increment()
            } else {
                let format = task + [("format", figures.format)]
                CoreMetrics.Counter(label: Name.exportRows, dimensions: format, factory: factory).increment(by: max(0, figures.rows))
                CoreMetrics.Counter(label: Name.exportBytes, dimensions: format, factory: factory).increment(by: max(0, figures.bytes))
            }
            if figures.seconds.isFinite, figures.seconds >= 0 {
                CoreMetrics.Timer(label: Name.exportDuration, dimensions: task, factory: factory).recordSeconds(figures.seconds)
            }
        case let .connectionSlots(connection, used, limit):
            CoreMetrics.Gauge(label: Name.connectionSlots, dimensions: [("connection", connection), ("state", "used")], factory: factory).record(used)
            CoreMetrics.Gauge(label: Name.connectionSlots, dimensions: [("connection", connection), ("state", "open")], factory: factory)
                .record(max(0, limit - used))
        default:
            break
        }
    }

    /// Counts one request to an object store: its S3 operation and HTTP status (`error`: no answer).
    public func recordObjectStoreRequest(operation: String, code: String) {
        CoreMetrics.Counter(label: Name.objectStoreRequests, dimensions: [("operation", operation), ("code", code)], factory: factory).increment()
    }

    /// Records one pass of the scheduler's loop: how long it took, and `at` as the scheduler's heartbeat.
    /// `folder` is the DAG folder the pass worked from: what a scrape without its own reports.
    public func recordSchedulerLoop(seconds: Double, at: Date, folder: DagFolderFigures) {
        lastFolder.withLock { $0 = folder }
        guard seconds.isFinite, seconds >= 0 else { return }
        CoreMetrics.Timer(label: Name.schedulerLoop, dimensions: [], factory: factory).recordSeconds(seconds)
        CoreMetrics.Gauge(label: Name.schedulerHeartbeat, dimensions: [], factory: factory).record(at.timeIntervalSince1970)
    }

    // MARK: Scrape

    /// The Prometheus text exposition of every metric, after reading the gauges from `store` and `folder`
    /// (default: the folder the scheduler's loop last reported). A store that cannot be read leaves its
    /// gauges at their last values.
    public func render(store: SQLMetadataStore, folder: DagFolderFigures? = nil) async -> String {
        let folder = folder ?? lastFolder.withLock { $0 }
        if let figures = try? await store.metricsFigures() {
            update(figures, folder: folder)
        }
        if let counts = try? await store.notificationCounts() {
            update(counts)
        }
        if let (processes, now) = try? await store.processes() {
            let states = processes.map { $0.state(now: now, lease: store.lease) }
            for state in ["running", "lost", "stopped"] {
                CoreMetrics.Gauge(label: Name.workers, dimensions: [("state", state)], factory: factory).record(states.filter { $0 == state }.count)
            }
        }
        CoreMetrics.Gauge(label: Name.importErrors, dimensions: [], factory: factory).record(folder.importErrors)
        return registry.emitToString()
    }

    func update(_ figures: StoreMetricsFigures, folder: DagFolderFigures) {
        for state in RunState.allCases {
            CoreMetrics.Gauge(label: Name.runs, dimensions: [("state", state.rawValue)], factory: factory).record(figures.runsByState[state.rawValue] ?? 0)
        }
        for state in TaskState.allCases {
            CoreMetrics.Gauge(label: Name.taskInstances, dimensions: [("state", state.rawValue)], factory: factory)
                .record(figures.taskInstancesByState[state.rawValue] ?? 0)
        }
        let paused = folder.dagIds.filter { figures.pausedDagIds.contains($0) }.count
        CoreMetrics.Gauge(label: Name.dags, dimensions: [("paused", "true")], factory: factory).record(paused)
        CoreMetrics.Gauge(label: Name.dags, dimensions: [("paused", "false")], factory: factory).record(folder.dagIds.count - paused)
        for (dagId, date) in figures.lastSuccessByDag {
            CoreMetrics.Gauge(label: Name.lastSuccess, dimensions: [("dag_id", dagId)], factory: factory).record(date.timeIntervalSince1970)
        }
        CoreMetrics.Gauge(label: Name.outboxPending, dimensions: [], factory: factory).record(figures.outboxPending)
    }

    func update(_ counts: [NotificationCounts]) {
        for row in counts {
            for (result, value) in [("delivered", row.delivered), ("failed", row.failed), ("retried", row.retries)] {
                let counter = CoreMetrics.Counter(label: Name.notifications, dimensions: [("notifier", row.notifier), ("event", row.event.rawValue), ("result", result)],
                                      factory: factory)
                counter.reset()
                counter.increment(by: value)
            }
        }
    }
}
