import Foundation
import Hummingbird
import SluiceCore
import SluiceStore

/// `GET /api/v2/version` and `GET /api/v2/monitor/health`, without authentication as in Airflow.
struct MonitorRoutes {
    let environment: APIEnvironment

    func add(to router: Router<APIRequestContext>) {
        router.get("/api/v2/version") { _, _ in
            APIJSON.response(.object([("version", .string(environment.version)), ("git_version", .null)]))
        }
        router.get("/api/v2/monitor/health") { _, _ in
            APIJSON.response(await health())
        }
    }

    /// Airflow's `HealthInfoResponse`: the metadatabase answers a query; the scheduler holds the store's
    /// lock. Sluice has no triggerer and no separate DAG processor: their members are present and null.
    func health() async -> JSONValue {
        var database = "healthy"
        do {
            try await environment.store.ping()
        } catch {
            database = "unhealthy"
        }
        let scheduler = SchedulerLock.holder(location: environment.location) == nil ? "unhealthy" : "healthy"
        return .object([
            ("metadatabase", .object([("status", .string(database))])),
            ("scheduler", .object([("status", .string(scheduler)), ("latest_scheduler_heartbeat", .null)])),
            ("triggerer", .object([("status", .null), ("latest_triggerer_heartbeat", .null)])),
            ("dag_processor", .null),
        ])
    }
}
