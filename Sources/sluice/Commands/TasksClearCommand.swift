import ArgumentParser
import Foundation
import SluiceCore
import SluiceStore

/// `sluice tasks clear`: reset chosen task instances so they run again, as Airflow's `tasks clear`.
struct TasksClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Clear task instances of a DAG's runs so they run again.",
        discussion: """
            Lists the task instances it will clear and asks for confirmation (on a terminal; elsewhere pass --yes). \
            A cleared instance keeps its try number: its next try is try + 1 and logs to <try + 1>.log. Its run goes \
            back to queued, whatever its type (scheduled, manual or backfill), and a running `sluice scheduler` runs it.
            Without --run, --start-date or --end-date every run of the DAG is a candidate.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Option(name: [.customShort("t"), .long], help: "Only tasks whose id matches this regular expression (searched anywhere in the id, as in Airflow: '^load$' for exactly load).")
    var taskRegex: String?
    @Flag(name: [.customShort("d"), .long], help: "Also the tasks downstream of the matched ones.") var downstream = false
    @Flag(name: [.customShort("u"), .long], help: "Also the tasks upstream of the matched ones.") var upstream = false
    @Flag(name: [.customShort("f"), .long], help: "Only failed and upstream_failed task instances.") var onlyFailed = false
    @Option(name: [.customShort("s"), .long], help: "First logical date (YYYY-MM-DD or ISO; naive: in the DAG's time zone).") var startDate: String?
    @Option(name: [.customShort("e"), .long], help: "Last logical date, inclusive.") var endDate: String?
    @Option(name: .customLong("run"), help: "Only this run: its run id or its logical date.") var runName: String?
    @Flag(help: "Only list what would be cleared.") var dryRun = false
    @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation.") var yes = false
    @Flag(help: "Print the task instances (to clear, or cleared) as a JSON array.") var json = false

    func validate() throws {
        if runName != nil && (startDate != nil || endDate != nil) {
            throw ValidationError("--run names one run: give it or --start-date/--end-date, not both")
        }
    }

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        var matcher: ((String) -> Bool)?
        if let taskRegex {
            do {
                let regex = try Regex(taskRegex)
                matcher = { $0.contains(regex) }
            } catch {
                throw ValidationError("-t '\(UserText.quote(taskRegex))' is not a regular expression: \(error)")
            }
        }
        let taskIds = TaskSelection.taskIds(in: dag, matching: matcher, downstream: downstream, upstream: upstream)
        if taskIds.isEmpty {
            print("nothing to clear: no task of \(dagId) matches -t '\(UserText.quote(taskRegex ?? ""))' (tasks: \(dag.tasks.map(\.taskId).joined(separator: ", ")))")
            return
        }

        let runtime = try await Runtime.make(global)
        let store = runtime.store
        let runs: ClearSelection.Runs
        if let runName {
            runs = .runId(try await ArgumentLookup.run(runName, of: dag, in: store).runId)
        } else {
            let from = try startDate.map { try DateOption.parse($0, option: "--start-date", dag: dag) } ?? .distantPast
            let through = try endDate.map { try DateOption.parse($0, option: "--end-date", dag: dag) } ?? .distantFuture
            guard from <= through else { throw ValidationError("--start-date is after --end-date") }
            runs = .logicalDates(from: from, through: through)
        }
        let selection = ClearSelection(dagId: dagId, runs: runs, taskIds: taskIds.count == dag.tasks.count ? nil : Set(taskIds), onlyFailed: onlyFailed)
        let listed = try await store.taskInstances(matching: selection)
        guard !listed.isEmpty else {
            if json { print("[]") } else { print("nothing to clear: no task instance of \(dagId) matches") }
            return
        }
        if !json {
            print(TextTable.render(header: ["run_id", "task", "state", "try"],
                                   rows: listed.map { [$0.runId, $0.taskId, $0.state.rawValue, "\($0.tryNumber)"] }))
        }
        let noun = "\(listed.count) task instance\(listed.count == 1 ? "" : "s")"
        if dryRun {
            if json { print(Self.json(listed)) }
            FileHandle.standardError.write(Data("dry run: \(noun) would be cleared; nothing changed\n".utf8))
            return
        }
        if !yes {
            let refusal = "refusing to clear \(noun) of \(dagId) without confirmation: no terminal to ask on; pass --yes to clear them (or --dry-run to only list them)"
            guard try Confirmation.ask("Clear \(noun)? [y/N]", refusal: refusal) else {
                FileHandle.standardError.write(Data("cancelled: nothing cleared\n".utf8))
                return
            }
        }
        let cleared = try await store.clearTasks(selection, runState: .queued, now: Date())
        let runCount = Set(cleared.map(\.runId)).count
        let summary = "cleared \(cleared.count) task instance\(cleared.count == 1 ? "" : "s") of \(dagId) in \(runCount) run\(runCount == 1 ? "" : "s"); those runs are queued again and a running `sluice scheduler` runs them"
        if json {
            print(Self.json(cleared))
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        } else {
            print(summary)
        }
    }

    static func json(_ tis: [TaskInstance]) -> String {
        JSONValue.array(tis.map { ti in
            .object([("dag_id", .string(ti.dagId)), ("run_id", .string(ti.runId)), ("task_id", .string(ti.taskId)),
                     ("state", .string(ti.state.rawValue)), ("try_number", .int(ti.tryNumber))])
        }).jsonText
    }
}
