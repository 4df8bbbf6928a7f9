import Foundation
import SluiceCore
import SluiceTemplates

/// Renders a task's templates for one run, with Airflow's context.
///
/// This is what `sluice tasks render` prints and what the executor sends to the database: the
/// same function, so what a user previews is what runs. Params are rendered first (they may be
/// templates, such as `{{ item.table }}` in a group or `{{ env.SECRET_ACCESS_KEY }}`), then the SQL.
/// The result carries a `SecretMasker` holding every secret value the rendering could contain.
public struct TaskRenderer: Sendable {
    /// What a run contributes to rendering.
    public struct Run: Sendable {
        public var info: DagRunInfo
        public var runId: String
        public var runType: String
        public var conf: JSONValue
        /// `--param k=v` overrides, applied over DAG and task params.
        public var paramOverrides: [(String, JSONValue)]
        public var tryNumber: Int
        /// The DAG's latest successful run before this one (`prev_*_success`); nil: none.
        public var previousSuccess: PreviousSuccessfulRun?

        public init(info: DagRunInfo, runId: String, runType: String, conf: JSONValue = .object([]), paramOverrides: [(String, JSONValue)] = [], tryNumber: Int = 1,
                    previousSuccess: PreviousSuccessfulRun? = nil) {
            self.info = info
            self.runId = runId
            self.runType = runType
            self.conf = conf
            self.paramOverrides = paramOverrides
            self.tryNumber = tryNumber
            self.previousSuccess = previousSuccess
        }
    }

    /// A rendered task.
    public struct Rendered: Sendable {
        /// The SQL as it goes to the database (secrets included).
        public var sql: String
        /// The rendered params.
        public var params: [(String, JSONValue)]
        /// Hides every secret value this rendering knows of.
        public var masker: SecretMasker
    }

    public let environment: [String: String]
    public let variables: [String: String]
    /// The environment's secrets (secret-named variables, URI passwords), found once, not per task.
    let environmentMasker: SecretMasker

    public init(environment: [String: String], variables: [String: String]? = nil) {
        self.environment = environment
        environmentMasker = SecretMasker(values: SecretMasker.secrets(inEnvironment: environment))
        var vars: [String: String] = [:]
        for (k, v) in environment where k.hasPrefix("SLUICE_VAR_") {
            vars[String(k.dropFirst("SLUICE_VAR_".count)).lowercased()] = v
        }
        self.variables = variables ?? vars
    }

    /// The scheduled run for a logical date, as `tasks render` and backfills use it.
    public static func scheduledRun(of dag: Dag, logicalDate: Date) -> Run {
        let info = dag.timetable.run(forLogicalDate: logicalDate)
        return Run(info: info, runId: "scheduled__" + DateText.iso(info.logicalDate), runType: "scheduled")
    }

    /// Renders the task's params and SQL for the run.
    public func render(_ task: TaskSpec, of dag: Dag, run: Run) throws -> Rendered {
        let prepared = try prepare(task, of: dag, run: run, texts: task.sql.map { [$0.text] } ?? [])
        var sql = ""
        if let source = task.sql {
            sql = try render(source: source, context: prepared.context, loader: prepared.loader)
        }
        return Rendered(sql: sql, params: prepared.params, masker: prepared.masker)
    }

    /// Renders another template of the task (an export's table, path or query, an audit's SQL) with the
    /// same context as its SQL: params rendered first, then `text`. `name` is what errors call the template.
    public func render(template text: String, name: String, task: TaskSpec, dag: Dag, run: Run) throws -> String {
        try render(templates: [TemplateSource(text: text, name: name)], task: task, dag: dag, run: run).texts[0]
    }

    /// Renders several templates of the task with one context (params rendered once), and the masker
    /// that hides every secret the rendering knows of.
    public func render(templates: [TemplateSource], task: TaskSpec, dag: Dag, run: Run) throws -> (texts: [String], masker: SecretMasker) {
        let prepared = try prepare(task, of: dag, run: run, texts: templates.map(\.text))
        let texts = try templates.map { try render(source: $0, context: prepared.context, loader: prepared.loader) }
        return (texts, prepared.masker)
    }

    func render(source: TemplateSource, context: [String: TemplateValue], loader: IncludeResolver) throws -> String {
        try Template(source).render(TemplateContext(variables: context, loader: loader))
    }

    /// The rendering context of a task for a run: params merged and rendered, secrets collected.
    /// The context is built only when `texts` (nil: whatever is rendered with it) or a param holds a template tag:
    /// text without one renders as itself, and building Airflow's context (dates in every format, macros) is most of
    /// the cost of a plain statement.
    func prepare(_ task: TaskSpec, of dag: Dag, run: Run, texts: [String]? = nil) throws
        -> (context: [String: TemplateValue], params: [(String, JSONValue)], masker: SecretMasker, loader: IncludeResolver) {
        var masker = environmentMasker
        let merged = Self.mergedParams(task, of: dag, run: run)
        let loader = IncludeResolver(projectRoot: dag.projectRoot, dagFolder: dag.fileURL.deletingLastPathComponent())

        let templated = Self.needsContext(texts: texts, params: merged)
        // First pass: params rendered with the context (params themselves as written).
        var base = templated ? context(task: task, dag: dag, run: run, params: merged) : [:]
        var renderedParams: [(String, JSONValue)] = []
        for (key, value) in merged {
            var out = value
            if case let .string(text) = value, text.contains("{{") || text.contains("{%") {
                let template = try Template(source: text, name: "\(DisplayPathOfDag.name(dag)) param '\(UserText.quote(key))'")
                out = .string(try template.render(TemplateContext(variables: base, loader: loader)))
            }
            if SecretMasker.isSecretName(key), let s = out.stringValue { masker.add([s]) }
            renderedParams.append((key, out))
        }
        base["params"] = TemplateValue(json: .object(renderedParams))
        return (base, renderedParams, masker, loader)
    }

    /// Whether rendering `texts` (nil: whatever is rendered with the context) with these params needs Airflow's
    /// context: a text or a string param holds a template tag. Otherwise every text renders as itself.
    public static func needsContext(texts: [String]?, task: TaskSpec, dag: Dag, run: Run) -> Bool {
        needsContext(texts: texts, params: mergedParams(task, of: dag, run: run))
    }

    static func needsContext(texts: [String]?, params: [(String, JSONValue)]) -> Bool {
        guard let texts, !texts.contains(where: Template.containsTag) else { return true }
        return params.contains { if case let .string(text) = $0.1 { return Template.containsTag(text) } else { return false } }
    }

    /// The DAG's params, then the task's, then the run's overrides (conf first): a later key replaces an earlier one in place.
    static func mergedParams(_ task: TaskSpec, of dag: Dag, run: Run) -> [(String, JSONValue)] {
        var merged: [(String, JSONValue)] = []
        for (k, v) in dag.params + task.params + run.paramOverrides {
            if let i = merged.firstIndex(where: { $0.0 == k }) { merged[i] = (k, v) } else { merged.append((k, v)) }
        }
        return merged
    }

    private func context(task: TaskSpec, dag: Dag, run: Run, params: [(String, JSONValue)]) -> [String: TemplateValue] {
        let info = AirflowRunInfo(
            dagId: dag.dagId, taskId: task.taskId, params: params.reduce(into: [:]) { $0[$1.0] = TemplateValue(json: $1.1) },
            logicalDate: run.info.logicalDate, dataIntervalStart: run.info.dataIntervalStart,
            dataIntervalEnd: run.info.dataIntervalEnd, runAfter: run.info.runAfter, runId: run.runId,
            runType: run.runType, conf: confDictionary(run.conf), dagTimeZone: dag.timeZone,
            tryNumber: run.tryNumber, environment: environment, variables: variables, previousSuccess: run.previousSuccess
        )
        var vars = AirflowContext.variables(for: info)
        vars["params"] = TemplateValue(json: .object(params))
        if let item = task.item { vars["item"] = TemplateValue(json: item) }
        return vars
    }

    private func confDictionary(_ conf: JSONValue) -> [String: TemplateValue] {
        guard case let .object(pairs) = conf else { return [:] }
        return pairs.reduce(into: [:]) { $0[$1.0] = TemplateValue(json: $1.1) }
    }
}

/// The name a DAG's templates are known by in messages.
enum DisplayPathOfDag {
    static func name(_ dag: Dag) -> String { DisplayPath.of(dag.fileURL) }
}
