import ArgumentParser
import Foundation
import SluiceCore
import SluiceStore

/// `sluice tasks states DAG RUN`: every task instance of one run (Airflow's `tasks states-for-dag-run`).
struct TasksStatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "states",
        abstract: "Show the state, try, start, end and duration of every task instance of a run."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Argument(help: "The run: its run id or its logical date (YYYY-MM-DD or ISO; naive: in the DAG's time zone).") var run: String
    @Flag(help: "Print a JSON array.") var json = false

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        let runtime = try await Runtime.make(global)
        let found = try await ArgumentLookup.run(run, of: dag, in: runtime.store)
        let stored = try await runtime.store.taskInstances(dagId: dagId, runId: found.runId)
        // In the DAG's order; instances of tasks no longer in the DAG file last.
        let position = Dictionary(dag.tasks.enumerated().map { ($1.taskId, $0) }, uniquingKeysWith: { a, _ in a })
        let tis = stored.sorted { (position[$0.taskId] ?? Int.max, $0.taskId) < (position[$1.taskId] ?? Int.max, $1.taskId) }
        func date(_ d: Date?) -> String { d.map { DateText.iso($0) } ?? "-" }
        if json {
            print(JSONValue.array(tis.map { ti in
                .object([
                    ("dag_id", .string(ti.dagId)), ("run_id", .string(ti.runId)), ("logical_date", .string(DateText.iso(found.logicalDate))),
                    ("task_id", .string(ti.taskId)), ("state", .string(ti.state.rawValue)), ("try_number", .int(ti.tryNumber)),
                    ("started_at", ti.startedAt.map { .string(DateText.iso($0)) } ?? .null),
                    ("ended_at", ti.endedAt.map { .string(DateText.iso($0)) } ?? .null),
                    ("duration_seconds", ti.duration.map { .double($0) } ?? .null),
                ])
            }).jsonText)
            return
        }
        print("\(dagId) \(found.runId): \(found.state.rawValue) (logical date \(DateText.iso(found.logicalDate)))")
        let rows = tis.map { ti in
            [ti.taskId, ti.state.rawValue, "\(ti.tryNumber)", date(ti.startedAt), date(ti.endedAt),
             ti.duration.map { String(format: "%.3fs", $0) } ?? "-"]
        }
        print(TextTable.render(header: ["task", "state", "try", "started", "ended", "duration"], rows: rows))
    }
}
