import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution
import SluiceScheduler
import SluiceStore

/// `sluice dags test DAG LOGICAL_DATE`: every task once, now, in this process, logs on the terminal.
struct DagsTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every task of a DAG once for a logical date, printing each task's log.",
        discussion: "Uses a throwaway metadata store: nothing is recorded in $SLUICE_HOME. Retries are off."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.") var dagId: String
    @Argument(help: "The logical date (YYYY-MM-DD or ISO; naive: in the DAG's time zone).") var logicalDate: String
    @Option(name: .customLong("param"), help: "Override a param: --param key=value (repeatable).") var params: [String] = []

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        let info = dag.timetable.run(forLogicalDate: try DateOption.parse(logicalDate, option: "LOGICAL_DATE", dag: dag))
        let overrides = try ParamArgument.parse(params)

        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let runtime = try await Runtime.make(global, home: home)
        let store = runtime.store

        let run = RunCreation.run(of: dag, info: info, type: .manual, state: .running)
        try await RunCreation.create(run, of: dag, in: store)
        print("testing \(dag.dagId) for \(DateText.iso(info.logicalDate)) (\(dag.tasks.count) tasks)")
        let progress = ProgressReporter(label: dag.dagId, totalRuns: 1, totalTasks: dag.tasks.count, printTaskLogs: true)
        let (executor, pools) = try runtime.executor(parallelism: nil, retries: false, observer: { progress.observe($0) })
        let finished = try await executor.execute([RunWork(dag: dag, run: run, paramOverrides: overrides)])
        await pools.shutdown()
        progress.finish()
        for ti in try await store.taskInstances(dagId: dag.dagId, runId: run.runId) {
            print("\(ti.taskId): \(ti.state.rawValue)\(ti.error.map { " — \($0)" } ?? "")")
        }
        if finished.first?.state != .success { throw ExitCode(1) }
    }
}
