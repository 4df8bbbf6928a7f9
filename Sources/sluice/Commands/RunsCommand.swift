import ArgumentParser
import Foundation
import SluiceCore
import SluiceStore

/// `sluice runs ...`: what ran, from the metadata store.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List and inspect DAG runs.", subcommands: [RunsListCommand.self, RunsShowCommand.self])
}

/// `sluice runs list`.
struct RunsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List DAG runs, newest logical date first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this DAG.") var dag: String?
    @Option(help: "Only runs in this state: queued, running, success, failed.") var state: String?
    @Option(help: "At most this many runs.") var limit = 100
    @Flag(help: "Print a JSON array.") var json = false

    func run() async throws {
        var filter: RunState?
        if let state {
            guard let s = RunState(rawValue: state) else { throw ValidationError("--state must be one of queued, running, success, failed") }
            filter = s
        }
        let runtime = try await Runtime.make(global)
        let runs = try await runtime.store.runs(dagId: dag, state: filter, limit: limit)
        if json {
            print(JSONValue.array(runs.map { r in
                .object([
                    ("dag_id", .string(r.dagId)), ("run_id", .string(r.runId)), ("run_type", .string(r.runType.rawValue)),
                    ("logical_date", .string(DateText.iso(r.logicalDate))), ("state", .string(r.state.rawValue)),
                    ("data_interval_start", .string(DateText.iso(r.dataIntervalStart))), ("data_interval_end", .string(DateText.iso(r.dataIntervalEnd))),
                    ("started_at", r.startedAt.map { .string(DateText.iso($0)) } ?? .null), ("ended_at", r.endedAt.map { .string(DateText.iso($0)) } ?? .null),
                ])
            }).jsonText)
        } else {
            let rows = runs.map { [$0.dagId, $0.runId, $0.runType.rawValue, $0.state.rawValue, $0.startedAt.map { DateText.iso($0) } ?? "-"] }
            print(TextTable.render(header: ["dag_id", "run_id", "type", "state", "started"], rows: rows))
        }
    }
}

/// `sluice runs show RUN_ID`: the run's task instances as a grid.
struct RunsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a run's task states and tries.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The run_id (as `runs list` prints it).") var runId: String
    @Option(help: "The DAG, when several DAGs have a run with this id.") var dag: String?

    func run() async throws {
        let runtime = try await Runtime.make(global)
        let matches = try await runtime.store.runs(dagId: dag, state: nil, limit: nil).filter { $0.runId == runId }
        guard let run = matches.first else { throw ValidationError("no run '\(runId)'\(dag.map { " of DAG \($0)" } ?? ""); see `sluice runs list`") }
        if matches.count > 1 { throw ValidationError("several DAGs have a run '\(runId)': add --dag") }
        print("\(run.dagId) \(run.runId): \(run.state.rawValue) (\(run.runType.rawValue), logical date \(DateText.iso(run.logicalDate)))")
        let tis = try await runtime.store.taskInstances(dagId: run.dagId, runId: run.runId)
        let rows = tis.map { ti in
            [ti.taskId, ti.state.rawValue, "\(ti.tryNumber)", ti.duration.map { String(format: "%.3fs", $0) } ?? "-",
             ti.rowsAffected.map(String.init) ?? "-", runtime.masker.mask(ti.error ?? "")]
        }
        print(TextTable.render(header: ["task", "state", "try", "duration", "rows", "error"], rows: rows))
    }
}
