import ArgumentParser
import Foundation
import SluiceMetrics

/// `sluice worker`: only the executor part of the scheduler. It takes ready tasks of the runs the schedulers
/// created (claiming each try with a lease) and runs them; it creates no runs. For machines that should only
/// do work, beside schedulers on a shared PostgreSQL store (`SLUICE_METADATA_URL`).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run tasks of the runs the schedulers create, on a shared metadata store; create no runs.",
        discussion: "One worker or scheduler per $SLUICE_HOME. Tasks with `queue: NAME` run only on workers started with --queue NAME; tasks without run on schedulers and on workers without --queue. Ctrl-C (SIGINT) or SIGTERM stops it gracefully."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var execution: ExecutionOptions
    @Option(name: .customLong("queue"), help: "A queue whose tasks this worker runs (repeat for several; default: the default queue).")
    var queues: [String] = []
    @Option(help: "Seconds after a shutdown request before running statements are cancelled (default: $SLUICE_SHUTDOWN_GRACE, sluice.yaml's shutdown_grace, or 30).") var grace: Double?
    @Flag(help: "Print only problems and run results, not every task.") var quiet = false

    func validate() throws {
        for queue in queues where queue.isEmpty || queue.count > 100
            || !queue.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }) {
            throw ValidationError("--queue must be 1 to 100 letters, digits, '_', '-' or '.', not '\(queue.prefix(100))'")
        }
    }

    func run() async throws {
        let daemon = try await SchedulerDaemon.make(global: global, execution: execution, grace: grace, quiet: quiet,
                                                    workerQueues: Array(Set(queues)).sorted())
        try await daemon.run()
    }
}
