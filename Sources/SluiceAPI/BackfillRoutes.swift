import Foundation
import Hummingbird
import SluiceCore
import SluiceScheduler
import SluiceStore

/// `/api/v2/backfills`: create (and dry-run), list, show, pause, unpause, cancel — Airflow 3.3's paths and
/// shapes. A backfill created here is carried out by the scheduler, never by the api-server.
struct BackfillRoutes {
    let environment: APIEnvironment

    func add(to group: RouterGroup<APIRequestContext>) {
        group.post("/backfills") { request, context in
            try context.require(.operate)
            let plan = try await plan(try await APIBody.object(request, context: context))
            guard !(try await environment.store.hasActiveBackfill(dagId: plan.creation.dagId)) else {
                throw APIError.conflict("DAG \(plan.creation.dagId) has a backfill with runs still to carry out; wait for it, or cancel it first.")
            }
            guard !plan.dates.isEmpty else {
                throw APIError.conflict("No runs to create: every logical date in the range already has a run that reprocess_behavior '\(plan.creation.reprocessBehavior)' leaves alone.")
            }
            do {
                return APIJSON.response(Self.json(try await environment.store.createBackfill(plan.creation, now: Date())))
            } catch StoreError.duplicateRun {
                throw APIError.conflict("A run of \(plan.creation.dagId) in this range was created meanwhile; try again.")
            }
        }
        group.post("/backfills/dry_run") { request, context in
            try context.require(.operate)
            let plan = try await plan(try await APIBody.object(request, context: context))
            let items = plan.dates.map { JSONValue.object([("logical_date", APIJSON.date($0)), ("partition_key", .null), ("partition_date", .null)]) }
            return APIJSON.response(.object([("backfills", .array(items)), ("total_entries", .int(items.count))]))
        }
        group.get("/backfills") { request, context in
            try context.require(.read)
            let query = APIQuery(request)
            guard let dagId = query.string("dag_id") else { throw APIError.unprocessable("Query parameter dag_id is required.") }
            let (limit, offset) = try query.page()
            let all = try await environment.store.backfills(dagId: dagId)
            return APIJSON.response(.object([("backfills", .array(all.dropFirst(offset).prefix(limit).map(Self.json))), ("total_entries", .int(all.count))]))
        }
        group.get("/backfills/{backfill_id}") { _, context in
            try context.require(.read)
            return APIJSON.response(Self.json(try await backfill(context)))
        }
        for (action, paused) in [("pause", true), ("unpause", false)] {
            group.put("/backfills/{backfill_id}/\(action)") { _, context in
                try context.require(.operate)
                let current = try await backfill(context)
                guard current.completedAt == nil else { throw APIError.conflict("Backfill \(current.id) is completed; there is nothing to \(action).") }
                _ = try await environment.store.setBackfillPaused(id: current.id, paused: paused, now: Date())
                return APIJSON.response(Self.json(try await backfill(context)))
            }
        }
        group.put("/backfills/{backfill_id}/cancel") { _, context in
            try context.require(.operate)
            let current = try await backfill(context)
            guard current.completedAt == nil else { throw APIError.conflict("Backfill \(current.id) is completed already.") }
            _ = try await environment.store.cancelBackfill(id: current.id, now: Date())
            return APIJSON.response(Self.json(try await backfill(context)))
        }
    }

    func backfill(_ context: APIRequestContext) async throws -> Backfill {
        let text = context.path("backfill_id")
        guard let id = Int64(text) else { throw APIError.unprocessable("backfill_id must be a whole number.") }
        guard let found = try await environment.store.backfill(id: id) else { throw APIError.notFound("Backfill \(id) was not found.") }
        return found
    }

    /// What a backfill request would do: the logical dates it runs, and the rows to write.
    struct Plan {
        var creation: BackfillCreation
        var dates: [Date]
    }

    func plan(_ body: [String: JSONValue]) async throws -> Plan {
        guard case .string(let dagId)? = body["dag_id"] else { throw APIError.unprocessable("The body needs dag_id.") }
        guard let dag = await environment.catalog.current().dags[dagId] else {
            throw APIError.notFound("The DAG with dag_id: `\(dagId.prefix(200))` was not found")
        }
        guard !dag.timetable.isManualOnly else {
            throw APIError.badRequest("DAG \(dagId) has no schedule, so it has no logical dates to backfill; trigger runs instead.")
        }
        func date(_ name: String) throws -> Date {
            guard case .string(let text)? = body[name], let date = DateText.parse(text, in: dag.timeZone) else {
                throw APIError.unprocessable("\(name) must be an ISO 8601 date-time.")
            }
            return date
        }
        let from = try date("from_date"), through = try date("to_date")
        guard from <= through else { throw APIError.unprocessable("from_date is after to_date.") }
        let behavior: String
        switch body["reprocess_behavior"] {
        case nil, .null?: behavior = "none"
        case .string(let text)? where ["none", "failed", "completed"].contains(text): behavior = text
        default: throw APIError.unprocessable("reprocess_behavior must be none, failed or completed.")
        }
        var maxActiveRuns = 10
        switch body["max_active_runs"] {
        case nil, .null?: break
        case .int(let n)? where (1...1_000).contains(n): maxActiveRuns = n
        default: throw APIError.unprocessable("max_active_runs must be a whole number from 1 to 1000.")
        }
        var conf: JSONValue = .object([])
        switch body["dag_run_conf"] {
        case nil, .null?: break
        case .object(let pairs)?:
            if let secret = pairs.first(where: { SecretMasker.isSecretName($0.0) }) {
                throw APIError.badRequest("dag_run_conf key '\(secret.0.prefix(60))' looks like a secret: secrets are not stored with runs.")
            }
            conf = .object(pairs)
        default: throw APIError.unprocessable("dag_run_conf must be a JSON object.")
        }
        let count = dag.timetable.runs(logicalDatesFrom: from, through: through).count
        guard count <= 100_000 else { throw APIError.unprocessable("The range holds \(count) runs; backfill at most 100000 at once.") }
        // One read for the whole range, not one per logical date.
        let inRange = try await environment.store.runs(matching: RunFilter(dagId: dag.dagId, logicalFrom: from, logicalThrough: through))
        var backwards = false
        if case .bool(true)? = body["run_backwards"] { backwards = true }
        let plan = BackfillPlan.make(dag: dag, from: from, through: through, behavior: behavior, maxActiveRuns: maxActiveRuns, conf: conf,
                                     backwards: backwards, existing: inRange, now: Date())
        return Plan(creation: plan.creation, dates: plan.dates)
    }

    static func json(_ backfill: Backfill) -> JSONValue {
        .object([
            ("id", .int(Int(backfill.id))), ("dag_id", .string(backfill.dagId)), ("from_date", APIJSON.date(backfill.from)),
            ("to_date", APIJSON.date(backfill.through)), ("dag_run_conf", (try? JSONValue.parse(backfill.conf)) ?? .object([])),
            ("is_paused", .bool(backfill.isPaused)), ("reprocess_behavior", .string(backfill.reprocessBehavior)),
            ("max_active_runs", .int(backfill.maxActiveRuns)), ("created_at", APIJSON.date(backfill.createdAt)),
            ("completed_at", APIJSON.date(backfill.completedAt)), ("updated_at", APIJSON.date(backfill.updatedAt)),
            ("dag_display_name", .string(backfill.dagId)),
        ])
    }
}
