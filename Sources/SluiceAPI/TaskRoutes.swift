import Foundation
import Hummingbird
import SluiceCore
import SluiceExecution
import SluiceStore

/// Task instances of a run, one task instance, its tries, and a try's log — Airflow 3.3's paths and shapes.
struct TaskRoutes {
    let environment: APIEnvironment
    let runs: RunRoutes

    /// Log bytes per page; `full_content=true` returns everything.
    static let logPage = 256 * 1024

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances") { request, context in
            try context.require(.read)
            if context.path("dag_run_id") == "~" { return APIJSON.response(try await acrossRuns(request, context: context)) }
            let run = try await runs.run(context)
            let dag = await environment.catalog.current().dags[run.dagId]
            let tis = try await environment.store.taskInstances(dagId: run.dagId, runId: run.runId)
            return APIJSON.response(.object([
                ("task_instances", .array(tis.map { RunShapes.taskInstance($0, run: run, operatorName: Self.operatorName(dag, taskId: $0.taskId)) })),
                ("total_entries", .int(tis.count)),
            ]))
        }
        group.get("/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}") { _, context in
            try context.require(.read)
            let (run, ti) = try await taskInstance(context)
            let dag = await environment.catalog.current().dags[run.dagId]
            return APIJSON.response(RunShapes.taskInstance(ti, run: run, operatorName: Self.operatorName(dag, taskId: ti.taskId)))
        }
        group.get("/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries") { _, context in
            try context.require(.read)
            let (run, ti) = try await taskInstance(context)
            let dag = await environment.catalog.current().dags[run.dagId]
            // The store keeps the latest try; earlier tries are known by their log files only, so their state
            // and times are not claimed (null) rather than guessed.
            var tries: [JSONValue] = []
            for number in stride(from: 1, through: ti.tryNumber, by: 1) {
                var shown = ti
                if number < ti.tryNumber {
                    shown.tryNumber = number
                    shown.state = .none
                    shown.startedAt = nil
                    shown.endedAt = nil
                    shown.duration = nil
                    guard FileManager.default.fileExists(atPath: logURL(ti, tryNumber: number).path) else { continue }
                }
                tries.append(RunShapes.taskInstanceTry(shown, operatorName: Self.operatorName(dag, taskId: ti.taskId)))
            }
            return APIJSON.response(.object([("task_instances", .array(tries)), ("total_entries", .int(tries.count))]))
        }
        group.get("/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{try_number}") { request, context in
            try context.require(.read)
            return try await log(request, context: context)
        }
    }

    /// `dagRuns/~/taskInstances`: the DAG's task instances across its runs, newest run first (Airflow's grid),
    /// with `run_after_gte/lte`, `state` and paging.
    func acrossRuns(_ request: Request, context: APIRequestContext) async throws -> JSONValue {
        let dag = try await runs.dags.dag(context)
        let query = APIQuery(request)
        let (limit, offset) = try query.page()
        var states = Set<TaskState>()
        for text in query.strings("state") {
            guard let state = TaskState(rawValue: text) else { throw APIError.unprocessable("Unknown task instance state '\(text.prefix(40))'.") }
            states.insert(state)
        }
        let page = try await environment.store.taskInstancesPage(dagId: dag.dagId, runAfterFrom: try query.date("run_after_gte"),
                                                                 runAfterThrough: try query.date("run_after_lte"), states: states,
                                                                 offset: offset, limit: limit)
        let items = page.instances.compactMap { ti -> JSONValue? in
            guard let run = page.runs[ti.runId] else { return nil }
            return RunShapes.taskInstance(ti, run: run, operatorName: Self.operatorName(dag, taskId: ti.taskId))
        }
        return .object([("task_instances", .array(items)), ("total_entries", .int(page.total))])
    }

    func taskInstance(_ context: APIRequestContext) async throws -> (DagRun, TaskInstance) {
        let run = try await runs.run(context)
        let taskId = context.path("task_id")
        guard let ti = try await environment.store.taskInstances(dagId: run.dagId, runId: run.runId).first(where: { $0.taskId == taskId }) else {
            throw APIError.notFound("The Task Instance with dag_id: `\(run.dagId)`, run_id: `\(run.runId)`, task_id: `\(taskId.prefix(200))` and map_index: `-1` was not found")
        }
        return (run, ti)
    }

    func logURL(_ ti: TaskInstance, tryNumber: Int) -> URL {
        TaskLog.url(logsFolder: environment.location.home.appendingPathComponent("logs"), key: ti.key, tryNumber: tryNumber)
    }

    /// A try's log as Airflow's `TaskInstancesLogResponse`: one `{timestamp, event}` per line, a page at a
    /// time (`continuation_token` is where the next page starts), or plain text for `Accept: text/plain`.
    func log(_ request: Request, context: APIRequestContext) async throws -> Response {
        let (_, ti) = try await taskInstance(context)
        guard let number = Int(context.path("try_number")), number >= 0 else {
            throw APIError.unprocessable("try_number must be a whole number.")
        }
        guard number >= 1, number <= ti.tryNumber else {
            throw APIError.notFound("Try \(number) of \(ti.taskId) does not exist (the task instance has \(ti.tryNumber) tr\(ti.tryNumber == 1 ? "y" : "ies")).")
        }
        let query = APIQuery(request)
        let full = try query.bool("full_content") ?? false
        var offset = 0
        if let token = query.string("token") {
            guard let data = Data(base64Encoded: token), let value = Int(String(decoding: data, as: UTF8.self)), value >= 0 else {
                throw APIError.badRequest("The continuation token is not one this server gave.")
            }
            offset = value
        }
        let url = logURL(ti, tryNumber: number)
        let (text, next) = try Self.read(url, from: offset, limit: full ? Int.max : Self.logPage)
        if request.headers[.accept]?.contains("text/plain") == true {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: text)))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { line -> JSONValue in
            // Sluice's log lines start `[<ISO time>] `.
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                let stamp = String(line[line.index(after: line.startIndex)..<close])
                if let date = DateText.parse(stamp, in: .gmt) {
                    let rest = line[line.index(after: close)...].drop { $0 == " " }
                    return .object([("timestamp", APIJSON.date(date)), ("event", .string(String(rest)))])
                }
            }
            return .object([("event", .string(String(line)))])
        }
        let token: JSONValue = next.map { .string(Data(String($0).utf8).base64EncodedString()) } ?? .null
        return APIJSON.response(.object([("content", .array(lines)), ("continuation_token", token)]))
    }

    /// Up to `limit` bytes of the file from `offset`, cut at the last whole line; the offset of the rest,
    /// if any. A missing file is an empty log.
    static func read(_ url: URL, from offset: Int, limit: Int) throws -> (String, Int?) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return ("", nil) }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let wanted = limit == Int.max ? nil : limit
        var data = (wanted.map { try? handle.read(upToCount: $0 + 1) } ?? (try? handle.readToEnd())) ?? nil ?? Data()
        var next: Int?
        if let wanted, data.count > wanted {
            data = data.prefix(wanted)
            if let lastNewline = data.lastIndex(of: 0x0A) { data = data.prefix(through: lastNewline) }
            next = offset + data.count
        }
        return (String(decoding: data, as: UTF8.self), next)
    }

    /// Airflow's operator name for a task of `dag`: `SQLExecuteQueryOperator` for SQL, the task type otherwise.
    static func operatorName(_ dag: Dag?, taskId: String) -> String? {
        guard let task = dag?.tasks.first(where: { $0.taskId == taskId }) else { return nil }
        switch task.type.rawValue {
        case "sql": return "SQLExecuteQueryOperator"
        case "empty": return "EmptyOperator"
        default: return task.type.rawValue.prefix(1).uppercased() + task.type.rawValue.dropFirst() + "Operator"
        }
    }
}
