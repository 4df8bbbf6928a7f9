import Foundation
import SluiceCore

/// What Sluice knows about one task run, in the terms Airflow's template context is built from.
///
/// The scheduler fills it in; `AirflowContext.variables(for:)` turns it into the names templates
/// use (`ds`, `params`, `dag_run`, `macros`, ...). Dates are instants; the DAG's time zone only
/// matters for `dag.timezone` (Airflow 3 gives `ds`, `ts` and `logical_date` in UTC).
public struct AirflowRunInfo: Sendable {
    public var dagId: String
    public var taskId: String
    /// The DAG's, the task's and the run's params, already merged.
    public var params: [String: TemplateValue]
    public var logicalDate: Date
    public var dataIntervalStart: Date
    public var dataIntervalEnd: Date
    public var runAfter: Date
    public var runId: String
    /// `scheduled`, `manual` or `backfill`.
    public var runType: String
    /// The run's configuration (`dag_run.conf`).
    public var conf: [String: TemplateValue]
    public var dagTimeZone: TimeZone
    public var tryNumber: Int
    /// What `env.NAME` reads.
    public var environment: [String: String]
    /// Airflow Variables: `var.value.NAME` gives the text, `var.json.NAME` parses it as JSON.
    public var variables: [String: String]
    /// The latest successful run of this DAG before this run's logical date, if any (`prev_*_success`).
    public var previousSuccess: PreviousSuccessfulRun?

    public init(dagId: String, taskId: String, params: [String: TemplateValue] = [:],
                logicalDate: Date, dataIntervalStart: Date, dataIntervalEnd: Date, runAfter: Date,
                runId: String, runType: String = "scheduled", conf: [String: TemplateValue] = [:],
                dagTimeZone: TimeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current,
                tryNumber: Int = 1, environment: [String: String] = [:], variables: [String: String] = [:],
                previousSuccess: PreviousSuccessfulRun? = nil) {
        self.dagId = dagId
        self.taskId = taskId
        self.params = params
        self.logicalDate = logicalDate
        self.dataIntervalStart = dataIntervalStart
        self.dataIntervalEnd = dataIntervalEnd
        self.runAfter = runAfter
        self.runId = runId
        self.runType = runType
        self.conf = conf
        self.dagTimeZone = dagTimeZone
        self.tryNumber = tryNumber
        self.environment = environment
        self.variables = variables
        self.previousSuccess = previousSuccess
    }
}
