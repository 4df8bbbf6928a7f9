import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions

/// `sluice tasks render DAG TASK LOGICAL_DATE`: the task's SQL exactly as the scheduled run of
/// that date would send it, with secrets masked unless `--show-secrets`.
struct TasksRenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print a task's rendered SQL for a logical date.",
        discussion: "Rendered as the scheduled run of that date sees it (run_id scheduled__<date>). Touches no database."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.") var dagId: String
    @Argument(help: "The task_id (tasks of a group are not prefixed with the group name).") var taskId: String
    @Argument(help: "The logical date: YYYY-MM-DD or an ISO date-time (naive: in the DAG's time zone).") var logicalDate: String
    @Option(name: .customLong("param"), help: "Override a param: --param key=value (repeatable).") var params: [String] = []
    @Flag(help: "Print secret values instead of ***.") var showSecrets = false

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        guard let task = dag.task(taskId) else {
            throw LookupError(message: "DAG '\(dagId)' has no task '\(taskId)' (tasks: \(dag.tasks.map(\.taskId).joined(separator: ", ")))")
        }
        guard let date = DateText.parse(logicalDate, in: dag.timeZone) else {
            throw ValidationError("logical date '\(logicalDate)' is not a date: write YYYY-MM-DD or an ISO date-time")
        }
        var run = TaskRenderer.scheduledRun(of: dag, logicalDate: date)
        run.paramOverrides = try ParamArgument.parse(params)
        let rendered = try TaskRenderer(environment: env).render(task, of: dag, run: run)
        let out = showSecrets ? rendered.sql : rendered.masker.mask(rendered.sql)
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
