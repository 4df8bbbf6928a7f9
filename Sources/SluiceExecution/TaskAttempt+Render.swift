import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceTemplates

/// The renderer's view of an attempt: its run's dates, ids, conf and overrides.
extension TaskAttempt {
    /// The renderer's view of this attempt's run.
    /// Throws when the run's stored conf is not a JSON object (written by hand or by another tool):
    /// the task fails saying so instead of rendering without the conf.
    public func renderRun() throws -> TaskRenderer.Run {
        let info = DagRunInfo(logicalDate: run.logicalDate, dataIntervalStart: run.dataIntervalStart, dataIntervalEnd: run.dataIntervalEnd, runAfter: run.runAfter)
        let conf: JSONValue
        do {
            conf = try JSONValue.parse(run.conf)
        } catch {
            throw ExecutionError("the conf of run '\(UserText.quote(run.runId))' is not a JSON object (\(error)); trigger the run again with a valid --conf")
        }
        guard case .object = conf else {
            throw ExecutionError("the conf of run '\(UserText.quote(run.runId))' is not a JSON object; trigger the run again with --conf '{\"key\": \"value\"}'")
        }
        // As in Airflow (dag_run_conf_overrides_params), the run's conf overrides params.
        var overrides: [(String, JSONValue)] = []
        if case let .object(pairs) = conf { overrides = pairs }
        overrides += paramOverrides
        return TaskRenderer.Run(info: info, runId: run.runId, runType: run.runType.rawValue, conf: conf, paramOverrides: overrides, tryNumber: instance.tryNumber,
                                previousSuccess: previousSuccess)
    }

    /// Whether this try renders anything with Airflow's context (and so may ask for `prev_*_success`): every
    /// task but a plain `sql` or `empty` one, whose statement and params (the DAG's, the task's, the run's conf and
    /// overrides) hold no template tag. Such a statement renders as itself (`TaskRenderer.prepare` builds no
    /// context for it), so the store is not asked for the previous successful run on its behalf.
    public var rendersWithContext: Bool {
        switch task.type {
        case .empty:
            return false
        case .sql:
            if let sql = task.sql, Template.containsTag(sql.text) { return true }
            let params = dag.params + task.params + paramOverrides
            if params.contains(where: { if case let .string(text) = $0.1 { return Template.containsTag(text) } else { return false } }) { return true }
            // The conf's values override params: a tag in it (or a JSON escape that could spell one) renders.
            return Template.containsTag(run.conf) || run.conf.contains("\\u")
        case .export, .audit:
            return true
        }
    }
}
