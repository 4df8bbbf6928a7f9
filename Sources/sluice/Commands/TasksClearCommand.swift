import ArgumentParser
import Foundation
import SluiceStore

/// `sluice tasks clear`: reset task instances of a date range so they run again.
struct TasksClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clear", abstract: "Reset a DAG's task instances in a range of logical dates so they run again.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.") var dagId: String
    @Option(help: "First logical date.") var startDate: String
    @Option(help: "Last logical date, inclusive.") var endDate: String
    @Flag(help: "Only failed and upstream_failed task instances.") var onlyFailed = false

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        let from = try DateOption.parse(startDate, option: "--start-date", dag: dag)
        let through = try DateOption.parse(endDate, option: "--end-date", dag: dag)
        let runtime = try await Runtime.make(global)
        let count = try await runtime.store.clearTasks(dagId: dagId, from: from, through: through, onlyFailed: onlyFailed)
        print("cleared \(count) task instance\(count == 1 ? "" : "s") of \(dagId); their runs are queued again")
    }
}
