import Foundation

/// One task of a DAG, after loading: groups are expanded and defaults applied.
///
/// A task inside a `group` keeps the item it was made from (`item`), so its params and SQL can
/// refer to `{{ item.table }}` when they render. Params stay templates here: they are rendered
/// when the task renders, with the run's full context.
public struct TaskSpec: Sendable {
    public var taskId: String
    public var type: TaskType
    /// The group this task was expanded from, if any.
    public var group: String?
    /// The table-list item of a group task.
    public var item: JSONValue?
    /// The SQL of a `sql` task.
    public var sql: TemplateSource?
    /// The connection id (`SLUICE_CONN_<ID>`).
    public var connection: String?
    /// Task-level params, merged over the DAG's.
    public var params: [(String, JSONValue)]
    /// Direct upstream task ids, groups already expanded.
    public var upstream: [String]
    public var retries: Int
    public var retryDelay: TimeInterval
    public var retryExponentialBackoff: Bool
    public var maxRetryDelay: TimeInterval?
    public var executionTimeout: TimeInterval?
    /// The queue of workers that run this task (`sluice worker --queue NAME`); nil: the default queue, which
    /// schedulers and workers without `--queue` serve.
    public var queue: String?
    /// The task's own `notify:` (or `default_args`'); nil: the DAG's apply.
    public var notifications: [NotificationSubscription]?
    /// What an `export` task does.
    public var export: ExportSpec?

    public init(
        taskId: String, type: TaskType, group: String? = nil, item: JSONValue? = nil,
        sql: TemplateSource? = nil, connection: String? = nil, params: [(String, JSONValue)] = [],
        upstream: [String] = [], retries: Int = 0, retryDelay: TimeInterval = 300,
        retryExponentialBackoff: Bool = false, maxRetryDelay: TimeInterval? = nil,
        executionTimeout: TimeInterval? = nil
    ) {
        self.taskId = taskId
        self.type = type
        self.group = group
        self.item = item
        self.sql = sql
        self.connection = connection
        self.params = params
        self.upstream = upstream
        self.retries = retries
        self.retryDelay = retryDelay
        self.retryExponentialBackoff = retryExponentialBackoff
        self.maxRetryDelay = maxRetryDelay
        self.executionTimeout = executionTimeout
    }
}
