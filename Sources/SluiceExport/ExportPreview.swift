import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceDestinations
import SluiceExecution

/// What an export task will send and write for one run, for `sluice tasks render`: the SELECT, the
/// `COPY ... TO STDOUT` around it, where the partition is published, and each audit's SQL.
///
/// Built by `ExportPlan.render`, the function the runner itself uses, so the preview is what runs.
/// Two things only the server can decide are not in it: columns of types Sluice cannot decode are
/// cast to text in the real statement (`SELECT q."a", q."b"::text FROM (...) AS q`), and a server
/// without `COPY ... TO STDOUT` gets a cursor over the same SELECT. Touches no database and no
/// destination: the destination's URL comes from its variable, so no credentials are needed.
/// The texts hold secrets as rendered; `masker` hides them.
public struct ExportPreview: Sendable {
    /// One audit: its name and the SQL it runs, or nil for the audits counted from the written rows.
    public struct Audit: Sendable, Equatable {
        public var name: String
        public var sql: String?
    }

    /// Where the rows come from: `table public.orders` or `query`.
    public var source: String
    /// The SELECT whose rows are exported.
    public var select: String
    /// The statement sent to the server: `COPY (select) TO STDOUT (FORMAT binary)`.
    public var copy: String
    /// The published partition's URL (`file:///lake/orders/ds=2026-01-01/` or `s3://bucket/prefix/...`).
    public var destination: String
    /// Format and compression, e.g. `parquet (zstd)`.
    public var format: String
    public var audits: [Audit]
    /// Hides every secret value the rendering knows of.
    public var masker: SecretMasker

    /// The preview of `task` (an export) for `run`, as its first try would render it.
    public static func render(task: TaskSpec, dag: Dag, run: DagRun, paramOverrides: [(String, JSONValue)] = [],
                              previousSuccess: PreviousSuccessfulRun? = nil,
                              renderer: TaskRenderer, destinations: DestinationRegistry) throws -> ExportPreview {
        guard let spec = task.export else { throw ExportError.missingSpec(task: task.taskId) }
        let instance = TaskInstance(dagId: dag.dagId, runId: run.runId, taskId: task.taskId, tryNumber: 1)
        var attempt = TaskAttempt(dag: dag, task: task, run: run, instance: instance, paramOverrides: paramOverrides)
        attempt.previousSuccess = previousSuccess
        let plan = try ExportPlan.render(spec: spec, attempt: attempt, renderer: renderer)
        let base = try destinations.url(named: spec.destination).description
        let destination = (base.hasSuffix("/") ? base : base + "/") + plan.partition + "/"
        let audits = try plan.audits.map { audit -> Audit in
            switch audit {
            case .rowCountMatchesSource: return Audit(name: audit.name, sql: plan.query.countSQL)
            case let .unique(columns): return Audit(name: audit.name, sql: try plan.query.duplicateCountSQL(columns: columns))
            case let .sql(text): return Audit(name: audit.name, sql: text)
            case .minRows, .notNull: return Audit(name: audit.name, sql: nil)
            }
        }
        return ExportPreview(source: plan.sourceDescription, select: plan.query.select, copy: plan.query.copySQL, destination: destination,
                             format: "\(spec.format.rawValue) (\(plan.settings.compression.rawValue))", audits: audits, masker: plan.masker)
    }
}
