import Foundation
import Hummingbird
import SluiceCore
import SluiceDefinitions
import SluiceScheduler
import SluiceStore

/// `GET /api/v2/dags`, `GET /api/v2/dags/{dag_id}`, `PATCH /api/v2/dags/{dag_id}` (pause, unpause), in the
/// shapes of Airflow 3.3's `DAGCollectionResponse` / `DAGResponse`.
struct DagRoutes {
    let environment: APIEnvironment

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("/dags") { request, context in
            try context.require(.read)
            let query = APIQuery(request)
            let (limit, offset) = try query.page()
            let pattern = query.string("dag_id_pattern")?.lowercased()
            let paused = try query.bool("paused")
            let tags = query.strings("tags")
            let matchAll = query.string("tags_match_mode") == "all"
            var rows: [JSONValue] = []
            var total = 0
            for dag in await environment.catalog.current().sortedDags {
                if let pattern, !Self.ilike(dag.dagId.lowercased(), pattern) { continue }
                if !tags.isEmpty {
                    let has = tags.map { dag.tags.contains($0) }
                    if matchAll ? has.contains(false) : !has.contains(true) { continue }
                }
                let isPaused = try await environment.store.isPaused(dagId: dag.dagId)
                if let paused, paused != isPaused { continue }
                total += 1
                guard total > offset, rows.count < limit else { continue }
                rows.append(try await dagJSON(dag, isPaused: isPaused))
            }
            return APIJSON.response(.object([("dags", .array(rows)), ("total_entries", .int(total))]))
        }
        group.get("/dags/{dag_id}") { _, context in
            try context.require(.read)
            let dag = try await self.dag(context)
            return APIJSON.response(try await dagJSON(dag, isPaused: try await environment.store.isPaused(dagId: dag.dagId)))
        }
        group.patch("/dags/{dag_id}") { request, context in
            try context.require(.operate)
            let dag = try await self.dag(context)
            let body = try await APIBody.object(request, context: context)
            guard case let .bool(paused)? = body["is_paused"] else {
                throw APIError.unprocessable("The body must be {\"is_paused\": true|false}.")
            }
            try await environment.store.setPaused(dagId: dag.dagId, paused: paused)
            return APIJSON.response(try await dagJSON(dag, isPaused: paused))
        }
    }

    /// The DAG named by the path's `dag_id`, or 404.
    func dag(_ context: APIRequestContext) async throws -> Dag {
        let id = context.path("dag_id")
        guard let dag = await environment.catalog.current().dags[id] else {
            throw APIError.notFound("The DAG with dag_id: `\(id.prefix(200))` was not found")
        }
        return dag
    }

    /// SQL `ILIKE '%pattern%'` with `%` and `_` wildcards inside the pattern, as Airflow's filter.
    static func ilike(_ text: String, _ pattern: String) -> Bool {
        if !pattern.contains("%") && !pattern.contains("_") { return pattern.isEmpty || text.contains(pattern) }
        let escaped = NSRegularExpression.escapedPattern(for: pattern).replacingOccurrences(of: "%", with: ".*").replacingOccurrences(of: "_", with: ".")
        return text.range(of: ".*" + escaped + ".*", options: .regularExpression) != nil
    }

    /// Airflow's `DAGResponse` for `dag`.
    func dagJSON(_ dag: Dag, isPaused: Bool) async throws -> JSONValue {
        let next = try await NextRun.of(dag, in: environment.store, now: Date())
        let folder = environment.catalog.folder.path
        let path = dag.fileURL.path
        let relative = path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : dag.fileURL.lastPathComponent
        return .object([
            ("dag_id", .string(dag.dagId)), ("dag_display_name", .string(dag.dagId)), ("is_paused", .bool(isPaused)),
            ("is_stale", .bool(false)), ("last_parsed_time", APIJSON.date(Self.modified(dag.fileURL))), ("last_parse_duration", .null),
            ("last_expired", .null), ("bundle_name", .string("dags-folder")), ("bundle_version", .null),
            ("relative_fileloc", .string(relative)), ("fileloc", .string(path)),
            ("description", dag.description.map(JSONValue.string) ?? .null),
            ("timetable_summary", dag.schedule.map(JSONValue.string) ?? .null),
            ("timetable_description", dag.schedule.map(JSONValue.string) ?? .string("Never, external triggers only")),
            ("timetable_partitioned", .bool(false)), ("timetable_periodic", .bool(dag.schedule != nil)),
            ("tags", .array(dag.tags.sorted().map { .object([("name", .string($0)), ("dag_id", .string(dag.dagId)), ("dag_display_name", .string(dag.dagId))]) })),
            ("max_active_tasks", .int(dag.maxActiveTasks)), ("max_active_runs", .int(dag.maxActiveRuns)),
            ("max_consecutive_failed_dag_runs", .int(0)), ("has_task_concurrency_limits", .bool(false)),
            ("has_import_errors", .bool(false)),
            ("next_dagrun_logical_date", APIJSON.date(next?.logicalDate)),
            ("next_dagrun_data_interval_start", APIJSON.date(next?.dataIntervalStart)),
            ("next_dagrun_data_interval_end", APIJSON.date(next?.dataIntervalEnd)),
            ("next_dagrun_run_after", APIJSON.date(next?.runAfter)),
            ("allowed_run_types", .null), ("owners", .array([.string("airflow")])),
            ("is_backfillable", .bool(dag.schedule != nil)),
            ("file_token", .string(Data(relative.utf8).base64EncodedString())),
        ])
    }

    static func modified(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }
}
