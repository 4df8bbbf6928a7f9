import Foundation
import Hummingbird
import SluiceCore
import SluiceDefinitions
import SluiceScheduler
import SluiceStore

/// DAG runs: list (one DAG or `~` for all), show, trigger, delete, clear — Airflow 3.3's paths and shapes.
/// Triggered runs are queued; the scheduler runs them (the api-server never executes tasks).
struct RunRoutes {
    let environment: APIEnvironment
    let dags: DagRoutes

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("/dags/{dag_id}/dagRuns") { request, context in
            try context.require(.read)
            return APIJSON.response(try await list(request, context: context))
        }
        group.get("/dags/{dag_id}/dagRuns/{dag_run_id}") { _, context in
            try context.require(.read)
            return APIJSON.response(RunShapes.run(try await run(context)))
        }
        group.delete("/dags/{dag_id}/dagRuns/{dag_run_id}") { _, context in
            try context.require(.operate)
            let run = try await run(context)
            guard run.state != .running else {
                throw APIError.conflict("Run \(run.runId) is running; wait for it to end (or mark it) before deleting it.")
            }
            _ = try await environment.store.deleteRun(dagId: run.dagId, runId: run.runId)
            return Response(status: .noContent)
        }
        group.post("/dags/{dag_id}/dagRuns") { request, context in
            try context.require(.operate)
            return APIJSON.response(try await trigger(request, context: context))
        }
        group.post("/dags/{dag_id}/dagRuns/{dag_run_id}/clear") { request, context in
            try context.require(.operate)
            return APIJSON.response(try await clear(request, context: context))
        }
    }

    /// The run named by the path, or 404.
    func run(_ context: APIRequestContext) async throws -> DagRun {
        let dagId = context.path("dag_id"), runId = context.path("dag_run_id")
        guard let run = try await environment.store.run(dagId: dagId, runId: runId) else {
            throw APIError.notFound("The DagRun with dag_id: `\(dagId.prefix(200))` and run_id: `\(runId.prefix(200))` was not found")
        }
        return run
    }

    func list(_ request: Request, context: APIRequestContext) async throws -> JSONValue {
        let dagId = (context.parameters.get("dag_id") == nil ? "~" : context.path("dag_id"))
        if dagId != "~" { _ = try await dags.dag(context) }
        let query = APIQuery(request)
        let (limit, offset) = try query.page()
        var filter = RunFilter(dagId: dagId == "~" ? nil : dagId)
        for text in query.strings("state") {
            guard let state = RunState(rawValue: text) else { throw APIError.unprocessable("Unknown run state '\(text.prefix(40))': queued, running, success or failed.") }
            filter.states.insert(state)
        }
        for text in query.strings("run_type") {
            guard let type = RunType(rawValue: text) else { throw APIError.unprocessable("Unknown run type '\(text.prefix(40))': scheduled, manual or backfill.") }
            filter.types.insert(type)
        }
        filter.logicalFrom = try query.date("logical_date_gte")
        filter.logicalThrough = try query.date("logical_date_lte")
        let page = try await environment.store.runsPage(matching: filter, runAfterFrom: try query.date("run_after_gte"),
                                                         runAfterThrough: try query.date("run_after_lte"),
                                                         orderBy: try Self.order(query.string("order_by")), offset: offset, limit: limit)
        return .object([("dag_runs", .array(page.runs.map(RunShapes.run))), ("total_entries", .int(page.total))])
    }

    /// Airflow's `order_by`: a field, `-` for descending; `id` (the default) is the logical date here.
    static func order(_ text: String?) throws -> RunOrder {
        let raw = text ?? "id"
        let descending = raw.hasPrefix("-")
        let field = descending ? String(raw.dropFirst()) : raw
        let columns: [String: RunOrder.Column] = [
            "id": .logicalDate, "logical_date": .logicalDate, "run_after": .runAfter, "start_date": .startDate, "end_date": .endDate,
            "queued_at": .queuedAt, "data_interval_start": .dataIntervalStart, "data_interval_end": .dataIntervalEnd,
            "dag_run_id": .runId, "run_id": .runId, "dag_id": .dagId, "state": .state, "run_type": .runType,
        ]
        guard let column = columns[field] else {
            throw APIError.badRequest("Ordering with '\(field.prefix(40))' is not allowed: use \(columns.keys.sorted().joined(separator: ", ")).")
        }
        return RunOrder(column: column, descending: descending)
    }

    /// `POST .../dagRuns`: a manual run, queued for the scheduler. `logical_date: null` is the latest
    /// complete data interval, as `sluice dags trigger` picks.
    func trigger(_ request: Request, context: APIRequestContext) async throws -> JSONValue {
        let dag = try await dags.dag(context)
        let body = try await APIBody.object(request, context: context)
        guard body.keys.contains("logical_date") else {
            throw APIError.unprocessable("The body needs logical_date (an ISO 8601 date-time, or null for the latest complete data interval).")
        }
        let now = Date()
        let info: DagRunInfo
        switch body["logical_date"] {
        case .string(let text)?:
            guard let date = DateText.parse(text, in: dag.timeZone) else {
                throw APIError.unprocessable("logical_date '\(text.prefix(60))' is not an ISO 8601 date-time.")
            }
            info = dag.timetable.manualRun(forLogicalDate: date)
        case .null?:
            info = dag.timetable.latestCompleteRun(at: now) ?? DagRunInfo(logicalDate: now, dataIntervalStart: now, dataIntervalEnd: now, runAfter: now)
        default:
            throw APIError.unprocessable("logical_date must be an ISO 8601 date-time or null.")
        }
        var conf: JSONValue = .object([])
        switch body["conf"] {
        case nil, .null?: break
        case .object(let pairs)?:
            if let secret = pairs.first(where: { SecretMasker.isSecretName($0.0) }) {
                throw APIError.badRequest("conf key '\(secret.0.prefix(60))' looks like a secret: secrets are not stored with runs; set it in the environment and read it with {{ env.NAME }}.")
            }
            conf = .object(pairs)
        default:
            throw APIError.unprocessable("conf must be a JSON object.")
        }
        if let existing = try await environment.store.run(dagId: dag.dagId, logicalDate: info.logicalDate) {
            throw APIError.conflict("DAG \(dag.dagId) already has a run for \(DateText.iso(info.logicalDate)) (\(existing.runId)).")
        }
        var run = RunCreation.run(of: dag, info: info, type: .manual, conf: conf, state: .queued, now: now)
        if case .string(let id)? = body["dag_run_id"] {
            guard !id.isEmpty, id.count <= 250, !id.contains("/") else {
                throw APIError.unprocessable("dag_run_id must be 1 to 250 characters without '/'.")
            }
            guard try await environment.store.run(dagId: dag.dagId, runId: id) == nil else {
                throw APIError.conflict("DAG \(dag.dagId) already has a run with id \(id).")
            }
            run.runId = id
        }
        try await RunCreation.create(run, of: dag, in: environment.store)
        return RunShapes.run(try await environment.store.run(dagId: dag.dagId, runId: run.runId) ?? run)
    }

    /// `POST .../dagRuns/{id}/clear`: `dry_run` (default true) lists what would be cleared; otherwise the
    /// task instances are cleared and the run is queued again for the scheduler.
    func clear(_ request: Request, context: APIRequestContext) async throws -> JSONValue {
        let run = try await run(context)
        let body = try await APIBody.object(request, context: context)
        func flag(_ name: String, default value: Bool) throws -> Bool {
            switch body[name] {
            case nil, .null?: return value
            case .bool(let b)?: return b
            default: throw APIError.unprocessable("\(name) must be true or false.")
            }
        }
        let selection = ClearSelection(dagId: run.dagId, runs: .runId(run.runId), onlyFailed: try flag("only_failed", default: false))
        let dag = await environment.catalog.current().dags[run.dagId]
        if try flag("dry_run", default: true) {
            let tis = try await environment.store.taskInstances(matching: selection)
            return .object([("task_instances", .array(tis.map { RunShapes.taskInstance($0, run: run, operatorName: TaskRoutes.operatorName(dag, taskId: $0.taskId)) })),
                            ("total_entries", .int(tis.count))])
        }
        guard run.state != .running else {
            throw APIError.conflict("Run \(run.runId) is running; clear it once it has ended.")
        }
        _ = try await environment.store.clearTasks(selection, runState: .queued, now: Date())
        return RunShapes.run(try await environment.store.run(dagId: run.dagId, runId: run.runId) ?? run)
    }
}
