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
            let filter = RunFilter(dagId: dag.dagId, states: [.success], logicalBefore: run.info.logicalDate, limit: 1)
            run.previousSuccess = try await store.runs(matching: filter).first.map(PreviousSuccessfulRun.init)
        }
        let renderer = TaskRenderer(environment: env)
        let text: String
        let masker: SecretMasker
        var object: [(String, JSONValue)] = [("dag_id", .string(dag.dagId)), ("task_id", .string(task.taskId)), ("type", .string(task.type.rawValue))]
        if task.export != nil {
            let info = run.info
            let dagRun = DagRun(dagId: dag.dagId, runId: run.runId, runType: .scheduled, logicalDate: info.logicalDate,
                                dataIntervalStart: info.dataIntervalStart, dataIntervalEnd: info.dataIntervalEnd, runAfter: info.runAfter)
            let preview = try ExportPreview.render(task: task, dag: dag, run: dagRun, paramOverrides: run.paramOverrides,
                                                   previousSuccess: run.previousSuccess,
                                                   renderer: renderer, destinations: DestinationRegistry(environment: env))
            text = Self.text(of: preview)
            masker = preview.masker
            object += [("statement", .string(preview.copy)), ("destination", .string(preview.destination)),
                       ("audits", .array(preview.audits.map { .object([("name", .string($0.name)), ("sql", $0.sql.map(JSONValue.string) ?? .null)]) }))]
        } else {
            let rendered = try renderer.render(task, of: dag, run: run)
            masker = rendered.masker
            if rendered.sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                text = "-- task '\(task.taskId)' (\(task.type.rawValue)) has no SQL: nothing to render"
            } else {
                text = rendered.sql
            }
            object.append(("sql", .string(rendered.sql)))
        }
        if json {
            let raw = JSONValue.object(object).jsonText
            print(showSecrets ? raw : masker.mask(raw))
            return
        }
        var out = showSecrets ? text : masker.mask(text)
        if !out.hasSuffix("\n") { out += "\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// An export's preview as SQL with comments: it can be pasted into psql as it is.
    static func text(of preview: ExportPreview) -> String {
        var lines = [
            "-- export \(preview.source) as \(preview.format)",
            "-- destination: \(preview.destination)",
            "-- statement sent to the server:",
            preview.copy + ";",
        ]
        for audit in preview.audits {
            if let sql = audit.sql {
                lines += ["", "-- audit \(audit.name):", sql + ";"]
            } else {
                lines += ["", "-- audit \(audit.name): counted from the rows written, no query"]
            }
        }
        return lines.joined(separator: "\n")
    }
}
