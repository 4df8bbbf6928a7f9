import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceDestinations

/// What a task would send for one run, as `sluice tasks render` and the API's rendered-SQL endpoint show
/// it: the SQL of a `sql` task; for an export, the statement sent to the server, the destination and each
/// audit's SQL. Unmasked: callers mask with `masker` unless the user asked to see secrets.
public struct TaskPreview: Sendable {
    /// `dag_id`, `task_id`, `type`, then `sql` or `statement` / `destination` / `audits`.
    public var fields: [(String, JSONValue)]
    /// The same as SQL text that can be pasted into psql (comments for the export's parts).
    public var text: String
    /// The secrets the rendering saw (environment, connections, secret params).
    public var masker: SecretMasker

    /// Renders `task` of `dag` for `run` with `environment`'s connections, destinations and secrets.
    public static func render(_ task: TaskSpec, of dag: Dag, run: TaskRenderer.Run, environment: [String: String]) throws -> TaskPreview {
        let renderer = TaskRenderer(environment: environment)
        var fields: [(String, JSONValue)] = [("dag_id", .string(dag.dagId)), ("task_id", .string(task.taskId)), ("type", .string(task.type.rawValue))]
        if task.export != nil {
            let info = run.info
            let dagRun = DagRun(dagId: dag.dagId, runId: run.runId, runType: .scheduled, logicalDate: info.logicalDate,
                                dataIntervalStart: info.dataIntervalStart, dataIntervalEnd: info.dataIntervalEnd, runAfter: info.runAfter)
            let preview = try ExportPreview.render(task: task, dag: dag, run: dagRun, paramOverrides: run.paramOverrides,
                                                   previousSuccess: run.previousSuccess,
                                                   renderer: renderer, destinations: DestinationRegistry(environment: environment))
            fields += [("statement", .string(preview.copy)), ("destination", .string(preview.destination)),
                       ("audits", .array(preview.audits.map { .object([("name", .string($0.name)), ("sql", $0.sql.map(JSONValue.string) ?? .null)]) }))]
            return TaskPreview(fields: fields, text: text(of: preview), masker: preview.masker)
        }
        let rendered = try renderer.render(task, of: dag, run: run)
        fields.append(("sql", .string(rendered.sql)))
        let text = rendered.sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? "-- task '\(task.taskId)' (\(task.type.rawValue)) has no SQL: nothing to render" : rendered.sql
        return TaskPreview(fields: fields, text: text, masker: rendered.masker)
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
