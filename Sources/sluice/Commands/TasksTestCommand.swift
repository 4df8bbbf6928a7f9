import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution
import SluiceScheduler
import SluiceStore

/// `sluice tasks test DAG TASK LOGICAL_DATE`: one task, once, now, in this process, with no state
/// kept (Airflow's `tasks test`). Its upstream tasks are not run and not checked.
struct TasksTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run one task once for a logical date, printing its log; nothing is recorded.",
        discussion: """
            Uses a throwaway metadata store, as `dags test` does: nothing is recorded in $SLUICE_HOME and no run is \
            created or changed. Upstream tasks are ignored. The task itself runs for real (its SQL, its export). \
            Retries are off; exits 1 when the task fails.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Argument(help: "The task_id.", completion: Completions.taskIds) var taskId: String
    @Argument(help: "The logical date (YYYY-MM-DD or ISO; naive: in the DAG's time zone).") var logicalDate: String
    @Option(name: .customLong("param"), help: "Override a param: --param key=value (repeatable).") var params: [String] = []

    func run() async throws {
        let env = try global.environment()
        let full = try global.loadDags(environment: env, quiet: true).dag(dagId)
        var task = try ArgumentLookup.task(taskId, of: full)
        task.upstream = []
        var dag = full
        dag.tasks = [task]
        let info = dag.timetable.manualRun(forLogicalDate: try DateOption.parse(logicalDate, option: "LOGICAL_DATE", dag: dag))
        let overrides = try ParamArgument.parse(params)

        FileHandle.standardError.write(Data("testing \(dag.dagId).\(task.taskId) for \(DateText.iso(info.logicalDate))\n".utf8))
        let (instances, masker) = try await ThrowawayExecution.run(dag, info: info, paramOverrides: overrides, global: global, parallelism: 1)
        let ti = instances.first
        let state = ti?.state ?? .none
        print("\(task.taskId): \(state.rawValue)\(ti?.error.map { " — \(masker.mask($0))" } ?? "")")
        if state != .success { throw ExitCode(1) }
    }
}
