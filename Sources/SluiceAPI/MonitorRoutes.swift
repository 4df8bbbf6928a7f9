import Foundation
import Hummingbird
import SluiceCore
import SluiceStore

/// `GET /api/v2/version`, `GET /api/v2/monitor/health` and the OpenAPI document (`GET /api/v2/openapi.json`),
/// without authentication as in Airflow.
struct MonitorRoutes {
    let environment: APIEnvironment

    func add(to router: Router<APIRequestContext>) {
        router.get("/api/v2/version") { _, _ in
            APIJSON.response(.object([("version", .string(environment.version)), ("git_version", .null)]))
        }
        router.get("/api/v2/monitor/health") { _, _ in
            APIJSON.response(await health())
        }
        router.get("/api/v2/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
    }

    /// A scheduler whose last heartbeat is older than this is unhealthy (Airflow's default threshold).
    static let heartbeatThreshold: TimeInterval = 30

    /// Airflow's `HealthInfoResponse`: the metadatabase answers a query; the scheduler holds the store's
    /// lock and beat within the last 30 s. Sluice has no triggerer and no separate DAG processor: their
    /// members are present and null.
    func health() async -> JSONValue {
        var database = "healthy"
        var heartbeat: Date?
        do {
            try await environment.store.ping()
            heartbeat = try await environment.store.latestSchedulerHeartbeat()
        } catch {
            database = "unhealthy"
        }
        // On SQLite the scheduler also holds the home's lock; on a shared store any scheduler's beat counts.
        let alive = (environment.store.isShared || SchedulerLock.holder(location: environment.location) != nil)
            && heartbeat.map { Date().timeIntervalSince($0) <= Self.heartbeatThreshold } == true
        return .object([
            ("metadatabase", .object([("status", .string(database))])),
            ("scheduler", .object([("status", .string(alive ? "healthy" : "unhealthy")), ("latest_scheduler_heartbeat", APIJSON.date(heartbeat))])),
            ("triggerer", .object([("status", .null), ("latest_triggerer_heartbeat", .null)])),
            ("dag_processor", .null),
        ])
    }
}
