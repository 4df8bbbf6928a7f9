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
}
