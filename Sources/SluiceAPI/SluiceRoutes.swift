import Foundation
import Hummingbird
import SluiceCore
import SluiceDefinitions
import SluiceExport
import SluiceStore

/// Sluice's own endpoints under `/api/sluice/v1`, for what Airflow's API has no shape for: a DAG's next
/// runs, the SQL a task would send for a logical date (secrets masked, always), and the partition an
/// export task instance published (its manifest).
struct SluiceRoutes {
    let environment: APIEnvironment
    let dags: DagRoutes

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("/dags/{dag_id}/nextRuns") { request, context in
            try context.require(.read)
            let dag = try await dags.dag(context)
            let count = try APIQuery(request).int("count", default: 10, range: 1...1_000)
            let runs = dag.timetable.isManualOnly ? [] : dag.timetable.upcomingRuns(at: Date(), startDate: dag.startDate, endDate: dag.endDate, count: count)
            let items = runs.map { info -> JSONValue in
                .object([("logical_date", APIJSON.date(info.logicalDate)), ("data_interval_start", APIJSON.date(info.dataIntervalStart)),
                         ("data_interval_end", APIJSON.date(info.dataIntervalEnd)), ("run_after", APIJSON.date(info.runAfter))])
            }
            return APIJSON.response(.object([("dag_id", .string(dag.dagId)), ("next_runs", .array(items))]))
        }
        group.get("/workers") { request, context in
            try context.require(.read)
            let includeStopped = try APIQuery(request).bool("include_stopped") ?? false
            let (found, now) = try await environment.store.processes()
            let shown = includeStopped ? found : found.filter { $0.stoppedAt == nil }
            let lease = environment.store.lease
            return APIJSON.response(.object([("workers", .array(shown.map { $0.json(now: now, lease: lease) })),
                                             ("total_entries", .int(shown.count))]))
        }
        group.get("/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/export") { _, context in
            try context.require(.read)
            return APIJSON.response(try await export(context))
        }
        group.get("/dags/{dag_id}/tasks/{task_id}/rendered") { request, context in
            try context.require(.read)
            let dag = try await dags.dag(context)
            let taskId = context.path("task_id")
            guard let task = dag.tasks.first(where: { $0.taskId == taskId }) else {
                throw APIError.notFound("Task \(taskId.prefix(200)) is not in DAG \(dag.dagId).")
            }
            let query = APIQuery(request)
            guard let text = query.string("logical_date"), let date = DateText.parse(text, in: dag.timeZone) else {
                throw APIError.unprocessable("Query parameter logical_date is required: YYYY-MM-DD or an ISO 8601 date-time.")
            }
            var run = TaskRenderer.scheduledRun(of: dag, logicalDate: date)
            run.previousSuccess = try await environment.store.previousSuccess(dagId: dag.dagId, before: run.info.logicalDate)
            let preview: TaskPreview
            do {
                preview = try TaskPreview.render(task, of: dag, run: run, environment: environment.processEnvironment)
            } catch {
                throw APIError.unprocessable("The task does not render: \(environment.mask(String(describing: error)))")
            }
            let masked = JSONValue.object(preview.fields + [("text", .string(preview.text))]).jsonText
            let text2 = environment.mask(preview.masker.mask(masked))
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: text2)))
        }
    }

    /// `GET .../taskInstances/{task_id}/export`: the manifest of the partition the task instance published,
    /// with where the partition is. 404 for a task that is not an export, or while nothing is published.
    func export(_ context: APIRequestContext) async throws -> JSONValue {
        let dag = try await dags.dag(context)
        let runId = context.path("dag_run_id"), taskId = context.path("task_id")
        guard let run = try await environment.store.run(dagId: dag.dagId, runId: runId) else {
            throw APIError.notFound("The DagRun with dag_id: `\(dag.dagId)` and run_id: `\(runId.prefix(200))` was not found")
        }
        guard let task = dag.tasks.first(where: { $0.taskId == taskId }) else {
            throw APIError.notFound("Task \(taskId.prefix(200)) is not in DAG \(dag.dagId).")
        }
        guard task.export != nil else {
            throw APIError.notFound("Task \(taskId) of \(dag.dagId) is not an export: it publishes no partition.")
        }
        let previous = try await environment.store.previousSuccess(dagId: dag.dagId, before: run.logicalDate)
        let published: PublishedExport?
        do {
            published = try await PublishedExport.read(task: task, dag: dag, run: run, previousSuccess: previous,
                                                       environment: environment.processEnvironment)
        } catch {
            throw APIError.unprocessable("The export's partition cannot be read: \(environment.mask(String(describing: error)))")
        }
        guard let published else {
            throw APIError.notFound("Task \(taskId) of run \(run.runId) has published no partition (yet); its log says why.")
        }
        let manifest = try JSONValue.parse(String(decoding: try published.manifest.encoded(), as: UTF8.self))
        return .object([("dag_id", .string(dag.dagId)), ("dag_run_id", .string(run.runId)), ("task_id", .string(taskId)),
                        ("partition", .string(published.location)), ("manifest", manifest)])
    }
}
