import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceDestinations
import SluiceExport
import SluiceStore

/// `sluice tasks render DAG TASK LOGICAL_DATE`: what the task sends, exactly as the scheduled run of
/// that date would render it, with secrets masked unless `--show-secrets`. For an export: the
/// statement sent to the server, the destination it publishes to and each audit's SQL.
struct TasksRenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print what a task sends for a logical date: its SQL, or an export's COPY, destination and audits.",
        discussion: "Rendered as the scheduled run of that date sees it (run_id scheduled__<date>). Touches no database and no destination."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Argument(help: "The task_id (tasks of a group are not prefixed with the group name).", completion: Completions.taskIds) var taskId: String
    @Argument(help: "The logical date: YYYY-MM-DD or an ISO date-time (naive: in the DAG's time zone).") var logicalDate: String
    @Option(name: .customLong("param"), help: "Override a param: --param key=value (repeatable).") var params: [String] = []
    @Flag(help: "Print secret values instead of ***.") var showSecrets = false
    @Flag(help: "Print a JSON object (sql; for an export: statement, destination, audits).") var json = false

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        let task = try ArgumentLookup.task(taskId, of: dag)
        guard let date = DateText.parse(logicalDate, in: dag.timeZone) else {
            throw ValidationError("logical date '\(logicalDate)' is not a date: write YYYY-MM-DD or an ISO date-time")
        }
        var run = TaskRenderer.scheduledRun(of: dag, logicalDate: date)
        run.paramOverrides = try ParamArgument.parse(params)
        // As Airflow's `tasks render`, prev_*_success come from the store's runs (none without a store).
        if let store = try await ExistingStore.open(global) {
            run.previousSuccess = try await store.previousSuccess(dagId: dag.dagId, before: run.info.logicalDate)
        }
        let preview = try TaskPreview.render(task, of: dag, run: run, environment: env)
        let text = preview.text
        let masker = preview.masker
        let object = preview.fields
        if json {
            let raw = JSONValue.object(object).jsonText
            print(showSecrets ? raw : masker.mask(raw))
            return
        }
        var out = showSecrets ? text : masker.mask(text)
        if !out.hasSuffix("\n") { out += "\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
