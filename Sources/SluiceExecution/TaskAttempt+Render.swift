import Foundation
import SluiceCore
import SluiceDefinitions

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
            // A conf that is not a JSON object fails the try when it renders; nothing to skip here.
            guard let run = try? renderRun() else { return true }
            return TaskRenderer.needsContext(texts: task.sql.map { [$0.text] } ?? [], task: task, dag: dag, run: run)
        case .export, .audit:
            return true
        }
    }
}
