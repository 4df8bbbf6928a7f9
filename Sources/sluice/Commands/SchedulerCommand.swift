import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SluiceCore
import SluiceDefinitions
import SluiceDelivery
import SluiceDestinations
import SluiceExecution
import SluiceAPI
import SluiceExport
import SluiceMetrics
import SluiceNotifications
import SluicePostgres
import SluiceScheduler
import SluiceStore
import Synchronization

/// `sluice scheduler`: the daemon. Loads the DAG folder (and reloads changed files), creates
/// due runs, runs them and manual triggers, sleeps until something is due; SIGTERM/SIGINT drain.
struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Run the scheduler daemon in the foreground.",
        discussion: "One scheduler per $SLUICE_HOME: a second one refuses to start. Ctrl-C (SIGINT) or SIGTERM stops it gracefully."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var execution: ExecutionOptions
    @Option(help: "Seconds after a shutdown request before running statements are cancelled (default: $SLUICE_SHUTDOWN_GRACE, sluice.yaml's shutdown_grace, or 30).") var grace: Double?
    @Flag(help: "Print only problems and run results, not every task.") var quiet = false
    @Option(help: "Serve Prometheus metrics at /metrics on this port (0: any free port, printed at start); off when not given.") var metricsPort: Int?
    @Option(help: "The address the metrics server listens on (default 127.0.0.1: this machine only).") var metricsHost = "127.0.0.1"

    func validate() throws {
        if let metricsPort, !(0...65535).contains(metricsPort) { throw ValidationError("--metrics-port must be between 0 and 65535") }
        guard !metricsHost.isEmpty, metricsHost.count <= 255 else { throw ValidationError("--metrics-host must be an address such as 127.0.0.1") }
    }

    func run() async throws {
        let daemon = try await SchedulerDaemon.make(global: global, execution: execution, grace: grace, quiet: quiet)
        let logger = daemon.logger
        let metrics = metricsPort.map { port in
            MetricsEndpoint(store: daemon.sharedRuntime.store)
                .application(host: metricsHost, port: port, serverName: "sluice/\(SluiceVersion.current)", logger: logger) { url in
                    logger.info("metrics listening on \(url)/metrics")
                }
        }
        try await daemon.run(front: metrics.map { [$0] } ?? [])
    }
}

/// The scheduler's services (notification delivery, the executor, the scheduling loop) over one store,
/// ready to run in a service group, alone (`sluice scheduler`) or with the api-server (`sluice standalone`).
struct SchedulerDaemon {
    let services: [any Service]
    let logger: Logger
    private let lock: SchedulerLock?
    private let runtime: Runtime
    private let pools: ConnectionPools
    private let trap: SignalTrap

    /// - Parameter workerQueues: nil for a scheduler; for `sluice worker`, the queues it serves (empty: the
    ///   default queue). A worker creates no runs.
    static func make(global: GlobalOptions, execution: ExecutionOptions, grace: Double?, quiet: Bool,
                     workerQueues: [String]? = nil) async throws -> SchedulerDaemon {
        let env = try global.environment()
        let location = try global.storeLocation(environment: env)
        // One scheduler per home (its logs and local state), on either store: several schedulers sharing a
        // PostgreSQL store each have their own SLUICE_HOME.
        let lock: SchedulerLock? = try SchedulerLock.acquire(location: location)
        do {
            return try await make(global: global, execution: execution, grace: grace, quiet: quiet, env: env, location: location, lock: lock,
                                  workerQueues: workerQueues)
        } catch {
            lock?.release()
            throw error
        }
    }

    private static func make(global: GlobalOptions, execution: ExecutionOptions, grace: Double?, quiet: Bool,
                             env: [String: String], location: StoreLocation, lock: SchedulerLock?,
                             workerQueues: [String]?) async throws -> SchedulerDaemon {
        let runtime = try await Runtime.make(global)
        let loader = try global.loader(environment: env)
        let grace = try grace ?? Runtime.shutdownGrace(environment: env)
        let console = try SchedulerConsole(environment: env)
        let logger = console.logger
        let shutdown = ShutdownSignal()
        // The group turns the first SIGTERM/SIGINT into a graceful shutdown; this trap only says so
        // and makes a second signal exit at once.
        let trap = SignalTrap(shutdown: nil) { sig in
            logger.info("received \(sig == SIGTERM ? "SIGTERM" : "SIGINT"): draining (no new tasks; statements cancelled after \(Int(grace)) s)")
        }
        let submissions = RunSubmissions()
        let scheduler = Mutex<SchedulerService?>(nil)
        let metrics = SluiceMetrics.process
        metrics.recordBuildInfo(version: SluiceVersion.current)
        ObjectStoreRequests.observe { metrics.recordObjectStoreRequest(operation: $0, code: $1) }
        let queues = Set(workerQueues.map { $0.isEmpty ? [ExecutorSettings.defaultQueue] : $0 } ?? [ExecutorSettings.defaultQueue])
        let (executor, pools) = try runtime.executor(parallelism: execution.parallelism, grace: grace, queues: queues, shutdown: shutdown) { event in
            console.print(event, quiet: quiet)
            metrics.record(event)
            switch event {
            case let .runFinished(run, endedHere): scheduler.withLock { $0 }?.runFinished(run, endedHere: endedHere)
            case let .runAbandoned(run, _), let .runEndedElsewhere(run): scheduler.withLock { $0 }?.runFinished(run, endedHere: false)
            default: break
            }
        }
        let service = SchedulerService(
            loader: loader, store: runtime.store, submissions: submissions,
            settings: { var s = SchedulerSettings(createsRuns: workerQueues == nil); s.sharedStore = runtime.store.isShared; return s }(),
            masker: runtime.masker,
            onEvent: { console.print($0, quiet: quiet) }, onExecution: { console.print($0, quiet: quiet) },
            discardStaging: { [environment = runtime.environment] recovered, dags in
                await ExportStaging.removeOrphans(of: recovered, dags: dags, destinations: DestinationRegistry(environment: environment))
            },
            onLoop: { report in
                let seconds = Double(report.duration.components.seconds) + Double(report.duration.components.attoseconds) / 1e18
                metrics.recordSchedulerLoop(seconds: seconds, at: report.at,
                                            folder: DagFolderFigures(dagIds: report.dagIds, importErrors: report.problems))
            }
        )
        scheduler.withLock { $0 = service }
        let delivery = try runtime.deliveryService(logger: logger)
        let kind = workerQueues == nil ? "scheduler" : "worker"
        let served = workerQueues == nil ? "" : ", queues \(queues.sorted().joined(separator: ","))"
        logger.info("\(kind) started: DAG folder \(loader.folder.path), metadata \(runtime.store.path)\(served), pid \(getpid())")
        // Shut down in reverse order: the scheduler loop stops submitting first, then the executor drains,
        // then notification delivery stops.
        let listener: [any Service] = runtime.store.isShared ? [StoreChangeListener(store: runtime.store)] : []
        return SchedulerDaemon(services: listener + [HeartbeatService(store: runtime.store, kind: kind, version: SluiceVersion.current,
                                                                      queues: queues.sorted()), delivery,
                                          ExecutorService(executor: executor, submissions: submissions, shutdown: shutdown), service],
                               logger: logger, lock: lock, runtime: runtime, pools: pools, trap: trap)
    }

    /// Runs the scheduler's services, with `front` first in the group (so they stop last), until
    /// SIGTERM/SIGINT has drained them. Exit 1 when a service fails.
    func run(front: [any Service] = []) async throws {
        defer { lock?.release() }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: front + services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        do {
            try await group.run()
        } catch {
            await pools.shutdown()
            logger.error("scheduler stopped: \(runtime.masker.mask(String(describing: error)))")
            throw ExitCode(1)
        }
        await pools.shutdown()
        _ = trap
        logger.info("scheduler stopped")
    }

    /// The runtime the services use (store, masker, environment), for a service run beside them.
    var sharedRuntime: Runtime { runtime }
}

/// The scheduler's terminal output: one timestamped line per decision, through swift-log.
struct SchedulerConsole: Sendable {
    let logger: Logger

    /// Log lines in `SLUICE_LOG_FORMAT` (text or json) at `SLUICE_LOG_LEVEL`.
    init(environment: [String: String], label: String = "sluice.scheduler") throws {
        let handler = try ConsoleLogHandler(environment: environment)
        logger = Logger(label: label) { _ in handler }
    }

    func line(_ text: String) {
        logger.info("\(text)")
    }

    func print(_ event: SchedulerEvent, quiet: Bool) {
        switch event {
        case let .started(count, problems):
            line("loaded \(count) DAG\(count == 1 ? "" : "s")\(problems > 0 ? ", \(problems) problem\(problems == 1 ? "" : "s")" : "")")
        case let .recovered(count):
            line("recovered \(count) task instance\(count == 1 ? "" : "s") left running by a dead process")
        case let .reloaded(count, problems):
            if problems.isEmpty { line("DAG folder changed: \(count) DAGs loaded") }
            for p in problems { line("problem: \(p)") }
        case let .runCreated(run):
            line("created \(run.dagId) \(run.runId)")
        case let .runSubmitted(run):
            if !quiet { line("running \(run.dagId) \(run.runId)") }
        case let .sleeping(until):
            if !quiet, let until { line("next run due at \(DateText.iso(until))") }
        case let .nextRun(dagId, next):
            if !quiet { line("next run of \(dagId): \(NextRunText.describe(next))") }
        case let .deadlineMissed(run, deadline):
            logger.warning("\(run.dagId) \(run.runId) missed its deadline (\(DateText.iso(deadline))): still \(run.state.rawValue)")
        case .stopping:
            line("stopping")
        }
    }

    func print(_ event: ExecutionEvent, quiet: Bool) {
        switch event {
        case let .taskStarted(ti):
            if !quiet { line("  start \(ti.dagId) \(ti.runId) \(ti.taskId) (try \(ti.tryNumber))") }
        case let .taskFinished(ti):
            if !quiet || ti.state == .failed {
                line("  \(ti.state.rawValue) \(ti.dagId) \(ti.runId) \(ti.taskId)\(ti.error.map { ": \($0)" } ?? "")")
            }
        case let .runFinished(run, _):
            line("\(run.state.rawValue) \(run.dagId) \(run.runId)")
        case let .runAbandoned(run, reason):
            line("left \(run.dagId) \(run.runId): \(reason)")
        case let .taskSkipped(ti):
            line("  skipped \(ti.dagId) \(ti.runId) \(ti.taskId): \(SkipText.owner(ti))")
        case let .storeWaiting(message):
            logger.warning("\(message)")
        case let .storeResumed(name):
            line("metadata store \(name): writable again; resuming")
        case let .leaseLost(keys, reason):
            logger.warning("stopping \(keys.count) task(s) whose lease could not be renewed before it ran out (\(reason)); another process will run them")
        default:
            break
        }
    }
}

/// How a task that another process holds is described.
enum SkipText {
    static func owner(_ ti: TaskInstance) -> String {
        switch ti.state {
        case .running, .queued:
            let who = ti.pid.map { "pid \($0)" } ?? "another process"
            return "\(who)\(ti.host.map { " on \($0)" } ?? "") is running it (try \(ti.tryNumber)); waiting for it"
        default:
            return "another process moved it on (now \(ti.state.rawValue))"
        }
    }
}
