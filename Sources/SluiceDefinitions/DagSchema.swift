import SluiceCore

/// The keys a DAG file may use, at each level. Anything else is an error with a suggestion.
///
/// Documented in docs/dag-format.md; keep the two in step.
enum DagSchema {
    static let dagKeys = [
        "dag_id", "description", "schedule", "timetable", "interval", "start_date", "end_date", "timezone",
        "catchup", "max_active_runs", "max_active_tasks", "tags", "params", "default_args", "tasks",
        "doc_md", "notify", "deadline",
    ]
    static let defaultArgKeys = [
        "connection", "retries", "retry_delay", "retry_exponential_backoff", "max_retry_delay",
        "execution_timeout", "owner", "notify", "queue",
    ]
    /// The keys of one `notify:` entry.
    static let notifyKeys = ["to", "on"]
    /// Keys read by `export` tasks (and kept as options for them).
    static let exportKeys = [
        "table", "query", "timestamp_column", "mode", "format", "compression", "destination", "path",
        "max_file_size", "audits", "delimiter", "row_group_size", "dictionary",
    ]
    static let commonTaskKeys = [
        "task_id", "type", "sql", "connection", "params", "depends_on", "retries", "retry_delay",
        "retry_exponential_backoff", "max_retry_delay", "execution_timeout", "description", "doc_md",
        "notify", "queue",
    ]
    static let taskKeys = commonTaskKeys + exportKeys
    /// Audits an export may list.
    static let auditNames = ["row_count_matches_source", "not_null", "unique", "min_rows", "sql"]
    static let groupKeys = ["group", "for_each"] + taskKeys
    /// Task types this version runs.
    static let supportedTypes: Set<TaskType> = [.sql, .empty, .export]
}
