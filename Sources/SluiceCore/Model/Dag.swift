import Foundation

/// A validated DAG: what a DAG file says, with defaults applied and groups expanded.
///
/// Everything the scheduler, the executor and the CLI need to plan and render runs, and nothing
/// that needs I/O. Tasks are kept in a topological order (upstream before downstream).
public struct Dag: Sendable {
    public var dagId: String
    public var description: String?
    /// The schedule as written: a cron expression, a preset, or nil for manual-only DAGs.
    public var schedule: String?
    public var timetable: Timetable
    public var timeZone: TimeZone
    public var startDate: Date?
    public var endDate: Date?
    public var catchup: Bool
    public var maxActiveRuns: Int
    public var maxActiveTasks: Int
    public var tags: [String]
    public var params: [(String, JSONValue)]
    public var tasks: [TaskSpec]
    /// `notify:` at DAG level: who hears of run events and of task events of tasks without their own.
    public var notifications: [NotificationSubscription] = []
    /// `deadline:`: a run not finished this long after its data interval ends is late (`deadline_missed`).
    public var deadline: TimeInterval?
    /// Group name -> the task ids it expanded to.
    public var groups: [String: [String]]
    /// The file the DAG came from.
    public var fileURL: URL
    /// The project root the DAG's `include/` paths resolve against.
    public var projectRoot: URL

    /// The time zone's name as users write it (Foundation calls UTC "GMT").
    public var timeZoneName: String {
        let id = timeZone.identifier
        return id == "GMT" && timeZone.secondsFromGMT() == 0 ? "UTC" : id
    }

    public init(
        dagId: String, description: String? = nil, schedule: String?, timetable: Timetable,
        timeZone: TimeZone, startDate: Date?, endDate: Date? = nil, catchup: Bool = false,
        maxActiveRuns: Int = 16, maxActiveTasks: Int = 16, tags: [String] = [],
        params: [(String, JSONValue)] = [], tasks: [TaskSpec],
        groups: [String: [String]] = [:], fileURL: URL, projectRoot: URL
    ) {
        self.dagId = dagId
        self.description = description
        self.schedule = schedule
        self.timetable = timetable
        self.timeZone = timeZone
        self.startDate = startDate
        self.endDate = endDate
        self.catchup = catchup
        self.maxActiveRuns = maxActiveRuns
        self.maxActiveTasks = maxActiveTasks
        self.tags = tags
        self.params = params
        self.tasks = tasks
        self.groups = groups
        self.fileURL = fileURL
        self.projectRoot = projectRoot
    }

    /// The task with this id.
    public func task(_ taskId: String) -> TaskSpec? {
        tasks.first(where: { $0.taskId == taskId })
    }

    /// Task id -> ids of the tasks that depend on it directly.
    public var downstream: [String: [String]] {
        var result: [String: [String]] = [:]
        for task in tasks {
            for up in task.upstream { result[up, default: []].append(task.taskId) }
        }
        return result
    }
}
