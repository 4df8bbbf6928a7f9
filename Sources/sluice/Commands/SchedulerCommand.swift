import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution
import SluiceScheduler
import SluiceStore

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
    @Option(help: "Seconds after a shutdown request before running statements are cancelled.") var grace: Double = 30
    @Flag(help: "Print only problems and run results, not every task.") var quiet = false

    func run() async throws {
        let env = global.environment()
        let location = StoreLocation.resolve(environment: env)
        let lock = try SchedulerLock.acquire(location: location)
        defer { lock.release() }
        let runtime = try await Runtime.make(global)
        let shutdown = ShutdownSignal()
        let trap = SignalTrap(shutdown: shutdown) { sig in
            SchedulerConsole.line("received \(sig == SIGTERM ? "SIGTERM" : "SIGINT"): draining (no new tasks; statements cancelled after \(Int(grace)) s)")
        }
        let holder = ServiceHolder()
        let quiet = self.quiet
        let (executor, pools) = runtime.executor(parallelism: execution.parallelism, grace: grace, shutdown: shutdown) { event in
            SchedulerConsole.print(event, quiet: quiet)
            switch event {
            case let .runFinished(run), let .runAbandoned(run, _): holder.service?.runFinished(run)
            default: break
            }
        }
        let service = SchedulerService(
            loader: global.loader(environment: env), store: runtime.store, executor: executor, shutdown: shutdown,
            onEvent: { SchedulerConsole.print($0, quiet: quiet) }
        )
        holder.service = service
        SchedulerConsole.line("scheduler started: DAG folder \(global.loader(environment: env).folder.path), metadata \(location.databasePath), pid \(getpid())")
        try await service.run()
        await pools.shutdown()
        _ = trap
        SchedulerConsole.line("scheduler stopped")
    }
}

/// Lets the executor's observer reach the service created after it.
final class ServiceHolder: @unchecked Sendable {
    var service: SchedulerService?
}

/// The scheduler's terminal output: one timestamped line per decision.
enum SchedulerConsole {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data("\(DateText.iso(Date())) \(text)\n".utf8))
    }

    static func print(_ event: SchedulerEvent, quiet: Bool) {
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
        case .stopping:
            line("stopping")
        }
    }

    static func print(_ event: ExecutionEvent, quiet: Bool) {
        switch event {
        case let .taskStarted(ti):
            if !quiet { line("  start \(ti.dagId) \(ti.runId) \(ti.taskId) (try \(ti.tryNumber))") }
        case let .taskFinished(ti):
            if !quiet || ti.state == .failed {
                line("  \(ti.state.rawValue) \(ti.dagId) \(ti.runId) \(ti.taskId)\(ti.error.map { ": \($0)" } ?? "")")
            }
        case let .runFinished(run):
            line("\(run.state.rawValue) \(run.dagId) \(run.runId)")
        case let .runAbandoned(run, reason):
            line("left \(run.dagId) \(run.runId): \(reason)")
        case let .taskSkipped(ti):
            line("  skipped \(ti.dagId) \(ti.runId) \(ti.taskId): \(SkipText.owner(ti))")
        case let .storeWaiting(message):
            line(message)
        case let .storeResumed(name):
            line("metadata store \(name): writable again; resuming")
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
