import Foundation
import Hummingbird
import SluiceCore
import SluiceStore

/// Changing states by hand: `PATCH` a run (`state`: success, failed, queued), `PATCH` a task instance
/// (`new_state`: success or failed, optionally with its upstream/downstream tasks), and
/// `POST /api/v2/dags/{dag_id}/clearTaskInstances` — Airflow 3.3's paths and shapes. Operators and admins only.
struct MarkRoutes {
    let environment: APIEnvironment
    let dags: DagRoutes
    let runs: RunRoutes

    func add(to group: RouterGroup<APIRequestContext>) {
        group.patch("/dags/{dag_id}/dagRuns/{dag_run_id}") { request, context in
            try context.require(.operate)
            let run = try await runs.run(context)
            let body = try await APIBody.object(request, context: context)
            guard case .string(let text)? = body["state"] else {
                if body["note"] != nil { return APIJSON.response(RunShapes.run(run)) }  // notes are not kept
                throw APIError.unprocessable("The body needs state: success, failed or queued.")
            }
            guard let state = RunState(rawValue: text), state != .running else {
                throw APIError.unprocessable("state must be success, failed or queued, not '\(text.prefix(40))'.")
            }
            let marked = try await environment.store.markRun(dagId: run.dagId, runId: run.runId, state: state, now: Date())
            return APIJSON.response(RunShapes.run(marked ?? run))
        }
        group.patch("/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}") { request, context in
            try context.require(.operate)
            let run = try await runs.run(context)
            let dag = try await dags.dag(context)
            let taskId = context.path("task_id")
            guard dag.tasks.contains(where: { $0.taskId == taskId }) else {
                throw APIError.notFound("Task \(taskId.prefix(200)) is not in DAG \(dag.dagId).")
            }
            let body = try await APIBody.object(request, context: context)
            guard case .string(let text)? = body["new_state"], let state = TaskState(rawValue: text), state == .success || state == .failed else {
                throw APIError.unprocessable("new_state must be success or failed.")
            }
            let ids = TaskSelection.taskIds(in: dag, matching: { $0 == taskId }, downstream: try Self.flag(body, "include_downstream"),
                                            upstream: try Self.flag(body, "include_upstream"))
            let marked = try await environment.store.markTasks(dagId: run.dagId, runId: run.runId, taskIds: Set(ids), state: state, now: Date())
            return APIJSON.response(Self.collection(marked, run: run, dag: dag))
        }
        group.post("/dags/{dag_id}/clearTaskInstances") { request, context in
            try context.require(.operate)
            let dag = try await dags.dag(context)
            let body = try await APIBody.object(request, context: context)
            let runsSelected: ClearSelection.Runs
            if case .string(let runId)? = body["dag_run_id"] {
                guard try await environment.store.run(dagId: dag.dagId, runId: runId) != nil else {
                    throw APIError.notFound("The DagRun with dag_id: `\(dag.dagId)` and run_id: `\(runId.prefix(200))` was not found")
                }
                runsSelected = .runId(runId)
            } else {
                func date(_ name: String) throws -> Date? {
                    guard case .string(let text)? = body[name] else { return nil }
                    guard let date = DateText.parse(text, in: dag.timeZone) else { throw APIError.unprocessable("\(name) is not an ISO 8601 date-time.") }
                    return date
                }
                runsSelected = .logicalDates(from: try date("start_date") ?? .distantPast, through: try date("end_date") ?? .distantFuture)
            }
            var taskIds: Set<String>?
            if case .array(let items)? = body["task_ids"] {
                // A task id, or Airflow's [task_id, map_index] pair.
                let named = Set(items.compactMap { item -> String? in
                    switch item {
                    case .string(let id): return id
                    case .array(let pair): if case .string(let id)? = pair.first { return id }; return nil
                    default: return nil
                    }
                })
                let widened = TaskSelection.taskIds(in: dag, matching: { named.contains($0) }, downstream: try Self.flag(body, "include_downstream"),
                                                    upstream: try Self.flag(body, "include_upstream"))
                taskIds = Set(widened)
            }
            let selection = ClearSelection(dagId: dag.dagId, runs: runsSelected, taskIds: taskIds, onlyFailed: try Self.flag(body, "only_failed", default: true))
            let cleared: [TaskInstance]
            if try Self.flag(body, "dry_run", default: true) {
                cleared = try await environment.store.taskInstances(matching: selection)
            } else {
                cleared = try await environment.store.clearTasks(selection, runState: .queued, now: Date())
            }
            var byRun: [String: DagRun] = [:]
            var items: [JSONValue] = []
            for ti in cleared {
                if byRun[ti.runId] == nil { byRun[ti.runId] = try await environment.store.run(dagId: ti.dagId, runId: ti.runId) }
                guard let run = byRun[ti.runId] else { continue }
                items.append(RunShapes.taskInstance(ti, run: run, operatorName: TaskRoutes.operatorName(dag, taskId: ti.taskId)))
            }
            return APIJSON.response(.object([("task_instances", .array(items)), ("total_entries", .int(items.count))]))
        }
    }

    static func collection(_ tis: [TaskInstance], run: DagRun, dag: Dag) -> JSONValue {
        .object([("task_instances", .array(tis.map { RunShapes.taskInstance($0, run: run, operatorName: TaskRoutes.operatorName(dag, taskId: $0.taskId)) })),
                 ("total_entries", .int(tis.count))])
    }

    static func flag(_ body: [String: JSONValue], _ name: String, default value: Bool = false) throws -> Bool {
        switch body[name] {
        case nil, .null?: return value
        case .bool(let b)?: return b
        default: throw APIError.unprocessable("\(name) must be true or false.")
        }
    }
}
