/// Builds the variables Airflow gives every template, so that SQL written for Airflow renders
/// unchanged: `ds`, `ds_nodash`, `ts`, `ts_nodash`, `ts_nodash_with_tz`, `logical_date`,
/// `data_interval_start`, `data_interval_end`, the `prev_*_success` dates of the previous successful run,
/// `params`, `dag`, `dag_run`, `task`, `task_instance` (`ti`), `task_instance_key_str`, `run_id`,
/// `macros`, `var`, `conn` (from `SLUICE_CONN_*`, never a password), `env` and `conf` (the run's conf).
///
/// Everything is computed once here, so rendering only looks names up. As in Airflow 3, the
/// dates are in UTC whatever the DAG's time zone; `dag.timezone` is there for `in_timezone`.
public enum AirflowContext {
    public static func variables(for run: AirflowRunInfo) -> [String: TemplateValue] {
        let logical = TemplateDateTime(run.logicalDate)
        let start = TemplateDateTime(run.dataIntervalStart)
        let end = TemplateDateTime(run.dataIntervalEnd)
        let ds = logical.strftime("%Y-%m-%d")
        let dsNodash = logical.strftime("%Y%m%d")
        let conf = TemplateValue.dict(TemplateDictionary(run.conf))

        var dag = TemplateDictionary()
        dag["dag_id"] = .string(run.dagId)
        dag["timezone"] = .timezone(TemplateTimeZone(run.dagTimeZone))

        var dagRun = TemplateDictionary()
        dagRun["dag_id"] = .string(run.dagId)
        dagRun["run_id"] = .string(run.runId)
        dagRun["run_type"] = .string(run.runType)
        dagRun["logical_date"] = .datetime(logical)
        dagRun["data_interval_start"] = .datetime(start)
        dagRun["data_interval_end"] = .datetime(end)
        dagRun["run_after"] = .datetime(TemplateDateTime(run.runAfter))
        dagRun["conf"] = conf

        var task = TemplateDictionary()
        task["task_id"] = .string(run.taskId)
        task["dag_id"] = .string(run.dagId)

        var ti = TemplateDictionary()
        ti["task_id"] = .string(run.taskId)
        ti["dag_id"] = .string(run.dagId)
        ti["run_id"] = .string(run.runId)
        ti["try_number"] = .int(run.tryNumber)
        ti["map_index"] = .int(-1)
        ti["logical_date"] = .datetime(logical)

        var value = TemplateDictionary()
        var json = TemplateDictionary()
        for name in run.variables.keys.sorted() {
            guard let text = run.variables[name] else { continue }
            value[name] = .string(text)
            if let parsed = try? TemplateJSON.parse(text) { json[name] = parsed }
        }
        var variable = TemplateDictionary()
        variable["value"] = .dict(value)
        variable["json"] = .dict(json)

        var env = TemplateDictionary()
        for name in run.environment.keys.sorted() { env[name] = run.environment[name].map { .string($0) } }

        return [
            "ds": .string(ds),
            "ds_nodash": .string(dsNodash),
            "ts": .string(logical.isoformat),
            "ts_nodash": .string(logical.strftime("%Y%m%dT%H%M%S")),
            "ts_nodash_with_tz": .string(tsNodashWithTz(logical)),
            "logical_date": .datetime(logical),
            "data_interval_start": .datetime(start),
            "data_interval_end": .datetime(end),
            "prev_data_interval_start_success": run.previousSuccess.map { .datetime(TemplateDateTime($0.dataIntervalStart)) } ?? .none,
            "prev_data_interval_end_success": run.previousSuccess.map { .datetime(TemplateDateTime($0.dataIntervalEnd)) } ?? .none,
            "prev_start_date_success": run.previousSuccess?.startedAt.map { .datetime(TemplateDateTime($0)) } ?? .none,
            "prev_end_date_success": run.previousSuccess?.endedAt.map { .datetime(TemplateDateTime($0)) } ?? .none,
            "params": .dict(TemplateDictionary(run.params)),
            "dag": .dict(dag),
            "dag_run": .dict(dagRun),
            "task": .dict(task),
            "task_instance": .dict(ti),
            "ti": .dict(ti),
            "task_instance_key_str": .string("\(run.dagId)__\(run.taskId)__\(dsNodash)"),
            "run_id": .string(run.runId),
            "macros": .dict(AirflowMacros.all),
            "var": .dict(variable),
            "conn": .dict(AirflowConnection.connections(in: run.environment)),
            "env": .dict(env),
            "conf": conf,
        ]
    }

    /// Airflow's `ts_nodash_with_tz`: the ISO form with every `-` and `:` removed
    /// (`20210115T000000+0000`).
    static func tsNodashWithTz(_ dt: TemplateDateTime) -> String {
        var out = ""
        for c in dt.isoformat.unicodeScalars where c != "-" && c != ":" {
            out.unicodeScalars.append(c)
        }
        return out
    }
}
