import Foundation
import SluiceCore
import SluiceTemplates
import Yams

/// Turns one DAG file into a validated `Dag`, or into every problem it has.
///
/// The parser walks the YAML node tree itself (rather than decoding) so that every problem can
/// name the line and column it comes from. It checks keys (with did-you-mean), types, the schedule,
/// time zone and dates, expands `group`/`for_each` tasks, resolves `depends_on`, finds cycles, and
/// parses every template so a broken one fails at load time rather than at 3 a.m.
struct DagFileParser {
    let fileURL: URL
    let displayPath: String
    let projectRoot: URL
    let text: String
    var problems: [DagProblem] = []
    /// Files other than the DAG file that it reads (SQL includes, for_each files, included templates).
    var usedFiles: Set<URL> = []
    /// The ids of the tasks made so far, to find duplicates without a scan per task.
    var taskIds: Set<String> = []
    /// The zone of a DAG without `timezone:`.
    var defaultTimeZone = TimeZone.gmt
    /// The notifier ids `SLUICE_NOTIFY_<ID>` defines (lowercased), when known: `notify:` naming another is
    /// a problem. Nil: not checked (no environment at hand).
    var knownNotifiers: Set<String>?
    /// The templates parsed since the last task entry began (or the DAG's params), with their places,
    /// so what they read can be checked against the entry's params and items.
    var parsedTemplates: [ParsedTemplate] = []
    /// The names of the DAG's params, which every task's templates may read.
    var dagParamNames: [String] = []
    /// The file's lines as YAML counts them: `\r\n`, `\r` and `\n` each end one (`\r\n` is one Character).
    lazy var lines: [Substring] = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })

    init(fileURL: URL, displayPath: String, projectRoot: URL, text: String) {
        self.fileURL = fileURL
        self.displayPath = displayPath
        self.projectRoot = projectRoot
        self.text = text
    }

    // MARK: Problems

    mutating func problem(_ node: Node?, _ message: String, columnOffset: Int = 0) {
        let (line, column) = node?.position ?? (1, 1)
        problems.append(DagProblem(file: displayPath, line: line, column: column + columnOffset, message: message))
    }

    mutating func problem(file: String, line: Int, column: Int, _ message: String) {
        problems.append(DagProblem(file: file, line: line, column: column, message: message))
    }

    mutating func problem(at place: SourcePlace, _ message: String) {
        problems.append(DagProblem(file: place.file, line: place.line, column: place.column, message: message))
    }

    // MARK: Entry point

    mutating func parse() -> Dag? {
        let root: Node
        do {
            guard let node = try Self.compose(text, display: displayPath) else {
                problem(file: displayPath, line: 1, column: 1, "the file is empty; a DAG file needs at least dag_id and tasks")
                return nil
            }
            root = node
        } catch let error as YamlError {
            reportYAMLError(error)
            return nil
        } catch let refused as DagProblem {
            problems.append(refused)
            return nil
        } catch {
            problem(file: displayPath, line: 1, column: 1, "cannot read YAML: \(error)")
            return nil
        }
        guard case let .mapping(top) = root else {
            problem(root, "a DAG file must be a mapping of keys (dag_id, schedule, tasks, ...), not \(root.kindName)")
            return nil
        }
        let keys = checkKeys(top, allowed: DagSchema.dagKeys, what: "DAG key")

        // dag_id
        var dagId = ""
        if let node = keys["dag_id"] {
            if let id = identifier(node, what: "dag_id") { dagId = id }
        } else {
            problem(root, "missing dag_id: every DAG file needs a unique `dag_id: name`")
        }

        // timezone
        var zone = defaultTimeZone
        if let node = keys["timezone"], let name = string(node, what: "timezone") {
            if let z = TimeZone(identifier: name), name.contains("/") || ["UTC", "GMT"].contains(name.uppercased()) || name == z.identifier {
                zone = z
            } else {
                let hint = DidYouMean.hint(for: name, among: TimeZone.knownTimeZoneIdentifiers)
                problem(node, "unknown time zone '\(UserText.quote(name))': use an IANA name such as UTC or Europe/Berlin\(hint)")
            }
        }

        // timetable and schedule
        var kind = TimetableKind.interval
        if let node = keys["timetable"], let name = string(node, what: "timetable") {
            if let k = TimetableKind(rawValue: name) { kind = k } else {
                problem(node, "unknown timetable '\(UserText.quote(name))': use interval (runs cover [tick, next tick)) or trigger (a run at each tick)\(DidYouMean.hint(for: name, among: ["interval", "trigger"]))")
            }
        }
        var triggerInterval: TimeInterval?
        if let node = keys["interval"] {
            triggerInterval = duration(node, what: "interval", range: DagLimits.triggerInterval)
            if kind != .trigger {
                problem(node, "`interval` only applies to `timetable: trigger` (the interval timetable takes its intervals from the schedule)")
            }
        }
        var schedule: String?
        if let node = keys["schedule"], !node.isNull {
            schedule = string(node, what: "schedule")
        }
        var timetable: Timetable?
        do {
            timetable = try Timetable(schedule: schedule, kind: kind, timeZone: zone, triggerInterval: triggerInterval)
        } catch let error as ScheduleError {
            let node = keys["schedule"]
            let quote = (node?.isQuotedOrBlock ?? false) ? 1 : 0
            problem(node ?? root, "bad schedule '\(UserText.quote(schedule ?? ""))': \(error.message)", columnOffset: error.offset + quote)
        } catch {
            problem(keys["schedule"] ?? root, "bad schedule: \(error)")
        }

        // dates
        var startDate: Date?, endDate: Date?
        if let node = keys["start_date"], !node.isNull { startDate = date(node, in: zone, what: "start_date") }
        if let node = keys["end_date"], !node.isNull { endDate = date(node, in: zone, what: "end_date") }
        if let s = startDate, let e = endDate, s > e {
            problem(keys["end_date"], "end_date \(DateText.iso(e, in: zone)) is before start_date \(DateText.iso(s, in: zone)): the DAG could never run")
        }
        if startDate == nil, keys["start_date"] == nil, schedule != nil {
            problem(root, "missing start_date: a scheduled DAG needs `start_date: YYYY-MM-DD` (the first data interval starts there)")
        }

        let catchup = keys["catchup"].flatMap { bool($0, what: "catchup") } ?? false
        let maxActiveRuns = keys["max_active_runs"].flatMap { int($0, what: "max_active_runs", range: DagLimits.maxActive) } ?? 16
        let maxActiveTasks = keys["max_active_tasks"].flatMap { int($0, what: "max_active_tasks", range: DagLimits.maxActive) } ?? 16
        let description = keys["description"].flatMap { string($0, what: "description") }
        var tags: [String] = []
        if let node = keys["tags"] {
            if case let .sequence(seq) = node {
                tags = seq.compactMap { string($0, what: "a tag") }
            } else if !node.isNull {
                problem(node, "tags must be a list of strings, like [export, daily]")
            }
        }
        let params = keys["params"].map { paramsMapping($0, what: "params") } ?? []
        dagParamNames = params.map(\.0)
        let dagParamTemplates = parsedTemplates

        // notify and deadline
        let dagNotifications = keys["notify"].flatMap { subscriptions($0) } ?? []
        let deadline = keys["deadline"].flatMap { $0.isNull ? nil : duration($0, what: "deadline", range: DagLimits.deadline) }

        // default_args
        var defaults = TaskDefaults()
        if let node = keys["default_args"], !node.isNull {
            if case let .mapping(map) = node {
                let args = checkKeys(map, allowed: DagSchema.defaultArgKeys, what: "default_args key")
                applyRetrySettings(args, to: &defaults)
                if let c = args["connection"] { defaults.connection = string(c, what: "connection") }
                if let n = args["notify"] { defaults.notifications = subscriptions(n) }
            } else {
                problem(node, "default_args must be a mapping, like {retries: 2, retry_delay: 5m}")
            }
        }

        // tasks
        var tasks: [TaskSpec] = []
        var groups: [String: [String]] = [:]
        var taskNodes: [String: Node] = [:]
        var dependsNodes: [String: [Node]] = [:]
        if let node = keys["tasks"] {
            if case let .sequence(seq) = node {
                if seq.isEmpty { problem(node, "tasks is empty: a DAG needs at least one task") }
                for entry in seq {
                    parseTaskEntry(entry, defaults: defaults, tasks: &tasks, groups: &groups, taskNodes: &taskNodes, dependsNodes: &dependsNodes)
                }
            } else {
                problem(node, "tasks must be a list of task mappings (each with task_id), not \(node.kindName)")
            }
        } else {
            problem(root, "missing tasks: a DAG needs a `tasks:` list")
        }

        // DAG params render for every task, so they may read any task's params too.
        checkParamReads(dagParamTemplates, known: dagParamNames + tasks.flatMap { $0.params.map(\.0) }, scope: "in this DAG or any of its tasks")

        if tasks.count > DagLimits.tasks {
            problem(keys["tasks"] ?? root, "this DAG has \(tasks.count) tasks once groups are expanded; a DAG may have at most \(DagLimits.tasks): split it")
            return nil
        }

        // depends_on
        let ids = Set(tasks.map(\.taskId))
        var edges = 0
        for group in groups.keys where ids.contains(group) {
            problem(taskNodes[group], "task id '\(UserText.quote(group))' is also the name of a group; rename one of them")
        }
        for index in tasks.indices {
            var upstream: [String] = []
            for ref in dependsNodes[tasks[index].taskId] ?? [] {
                guard let name = string(ref, what: "a depends_on entry") else { continue }
                if name == tasks[index].taskId || (tasks[index].group != nil && name == tasks[index].group) {
                    problem(ref, "task '\(UserText.quote(tasks[index].taskId))' depends on itself")
                } else if let members = groups[name] {
                    upstream.append(contentsOf: members)
                } else if ids.contains(name) {
                    upstream.append(name)
                } else {
                    let hint = DidYouMean.hint(for: name, among: Array(ids) + Array(groups.keys))
                    problem(ref, "task '\(UserText.quote(tasks[index].taskId))' depends on '\(UserText.quote(name))', which is no task or group of this DAG\(hint)")
                }
            }
            var seen = Set<String>()
            tasks[index].upstream = upstream.filter { seen.insert($0).inserted }
            edges += tasks[index].upstream.count
            if edges > DagLimits.dependencyEdges {
                problem(dependsNodes[tasks[index].taskId]?.first ?? taskNodes[tasks[index].taskId], "this DAG has more than \(DagLimits.dependencyEdges) dependencies once groups are expanded (a large group depending on a large group?); split it")
                return nil
            }
        }

        // cycles
        let upstreamMap = Dictionary(tasks.map { ($0.taskId, $0.upstream) }, uniquingKeysWith: { a, _ in a })
        switch TaskGraph.order(ids: tasks.map(\.taskId), upstream: upstreamMap) {
        case let .cycle(path):
            let first = path.first ?? ""
            problem(dependsNodes[first]?.first ?? taskNodes[first], "dependency cycle: \(path.joined(separator: " -> ")); a DAG must not loop back on itself")
        case let .ordered(order):
            let byId = Dictionary(tasks.map { ($0.taskId, $0) }, uniquingKeysWith: { a, _ in a })
            tasks = order.compactMap { byId[$0] }
        }

        guard problems.isEmpty, let timetable else { return nil }
        var dag = Dag(
            dagId: dagId, description: description, schedule: schedule, timetable: timetable, timeZone: zone,
            startDate: startDate, endDate: endDate, catchup: catchup, maxActiveRuns: maxActiveRuns,
            maxActiveTasks: maxActiveTasks, tags: tags, params: params,
            tasks: tasks, groups: groups, fileURL: fileURL, projectRoot: projectRoot
        )
        dag.notifications = dagNotifications
        dag.deadline = deadline
        return dag
    }

    // MARK: YAML

    /// Composes YAML text that passes the size, depth and alias-expansion limits (`DagLimits`);
    /// throws a `DagProblem` in `display` for a limit, a `YamlError` for a syntax error.
    static func compose(_ text: String, display: String) throws -> Node? {
        guard text.utf8.count <= DagLimits.fileBytes else {
            throw DagProblem(file: display, line: 1, column: 1, message: "the file is larger than \(DagLimits.fileBytes / 1_048_576) MiB; DAG and for_each files must be smaller")
        }
        if let (line, column, message) = YAMLShapeCheck.violation(in: text) {
            throw DagProblem(file: display, line: line, column: column, message: message)
        }
        return try Yams.compose(yaml: text)
    }

    // MARK: YAML errors

    mutating func reportYAMLError(_ error: YamlError) {
        switch error {
        case let .scanner(context, problemText, mark, _), let .parser(context, problemText, mark, _), let .composer(context, problemText, mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            problem(file: displayPath, line: mark.line, column: mark.column, "invalid YAML: \(ctx)\(problemText)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams points at the mapping; point at the second occurrence of the key instead.
            let (line, column) = secondOccurrence(of: duplicates.first ?? "", from: context.mark.line) ?? (context.mark.line, context.mark.column)
            problem(file: displayPath, line: line, column: column, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in this mapping; each key may appear once")
        case let .reader(problemText, _, _, _):
            problem(file: displayPath, line: 1, column: 1, "cannot read the file as UTF-8 YAML: \(problemText)")
        default:
            problem(file: displayPath, line: 1, column: 1, "invalid YAML: \(error)")
        }
    }
}

extension DagFileParser {
    /// The line and column of the second `key:` at the indentation of its first occurrence.
    mutating func secondOccurrence(of key: String, from line: Int) -> (Int, Int)? {
        var indent: Int?
        for index in min(max(0, line - 1), lines.count)..<lines.count {
            let text = lines[index]
            let spaces = text.prefix(while: { $0 == " " }).count
            let rest = text.dropFirst(spaces)
            guard rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") else { continue }
            if let first = indent {
                if spaces == first { return (index + 1, spaces + 1) }
            } else {
                indent = spaces
            }
        }
        return nil
    }
}

/// Defaults a task inherits from `default_args`.
struct TaskDefaults {
    var connection: String?
    var retries = 0
    var retryDelay: TimeInterval = 300
    var exponentialBackoff = false
    var maxRetryDelay: TimeInterval?
    var executionTimeout: TimeInterval?
    /// `queue:` in default_args: the workers that take the task (`sluice worker --queue NAME`).
    var queue: String?
    /// `notify:` in default_args: every task's unless it has its own.
    var notifications: [NotificationSubscription]?
}
