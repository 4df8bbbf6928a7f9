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
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Argument(help: "The logical date (YYYY-MM-DD or ISO; naive: in the DAG's time zone).") var logicalDate: String
    @Option(name: .customLong("param"), help: "Override a param: --param key=value (repeatable).") var params: [String] = []

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        let info = dag.timetable.manualRun(forLogicalDate: try DateOption.parse(logicalDate, option: "LOGICAL_DATE", dag: dag))
        let overrides = try ParamArgument.parse(params)

        print("testing \(dag.dagId) for \(DateText.iso(info.logicalDate)) (\(dag.tasks.count) tasks)")
        let (instances, _) = try await ThrowawayExecution.run(dag, info: info, paramOverrides: overrides, global: global)
        for ti in instances {
            print("\(ti.taskId): \(ti.state.rawValue)\(ti.error.map { " — \($0)" } ?? "")")
        }
        if RunStateRule.state(of: instances.map(\.state)) != .success { throw ExitCode(1) }
    }
}
