import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import SluiceAuth
import SluiceCore
import SluiceStore

/// What the API serves from: the metadata store, where the scheduler's lock lives, the DAG folder, users
/// and tokens, the version, and how to mask secrets in what it logs.
public struct APIEnvironment: Sendable {
    public var store: SQLMetadataStore
    public var location: StoreLocation
    public var catalog: DagCatalog
    public var auth: AuthService
    public var version: String
    /// The process environment with `.env`: connections, destinations and secrets for rendering.
    public var processEnvironment: [String: String]
    public var mask: @Sendable (String) -> String
    public var limits = APIServerLimits()

    public init(store: SQLMetadataStore, location: StoreLocation, catalog: DagCatalog, version: String,
                processEnvironment: [String: String], mask: @escaping @Sendable (String) -> String) {
        self.processEnvironment = processEnvironment
        self.store = store
        self.location = location
        self.catalog = catalog
        self.auth = AuthService(store: store)
        self.version = version
        self.mask = mask
    }
}

/// The api-server: Airflow's REST API paths over Sluice's store, on Hummingbird. Binds 127.0.0.1 unless
/// told otherwise; the application is a swift-service-lifecycle service, run alone (`sluice api-server`) or
/// beside the scheduler (`sluice standalone`).
/// How long a request may take and a connection may idle, and how large headers may be.
public struct APIServerLimits: Sendable {
    /// A handler still working after this is stopped with 503 (`SLUICE_API_REQUEST_TIMEOUT`, seconds).
    public var requestTimeout: Duration = .seconds(30)
    /// A connection that sends and reads nothing for this long is closed (`SLUICE_API_IDLE_TIMEOUT`, seconds).
    public var idleTimeout: Duration = .seconds(60)

    public init() {}

    /// The limits with `SLUICE_API_REQUEST_TIMEOUT` / `SLUICE_API_IDLE_TIMEOUT` (seconds) applied.
    public init(environment: [String: String]) {
        if let text = environment["SLUICE_API_REQUEST_TIMEOUT"], let seconds = Double(text), seconds > 0 { requestTimeout = .milliseconds(Int64(seconds * 1000)) }
        if let text = environment["SLUICE_API_IDLE_TIMEOUT"], let seconds = Double(text), seconds > 0 { idleTimeout = .milliseconds(Int64(seconds * 1000)) }
    }

    /// Hummingbird's HTTP/1 settings: the idle timeout, and headers of at most 100 fields, 16 KiB each,
    /// 64 KiB together (a larger request is refused before it reaches a handler).
    var http1: HTTP1Channel.Configuration {
        let ms = idleTimeout.components.seconds * 1000 + idleTimeout.components.attoseconds / 1_000_000_000_000_000
        return HTTP1Channel.Configuration(idleTimeout: .milliseconds(ms),
                                          httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100))
    }
}

public enum APIServer {
    /// The router with every route and middleware.
    public static func router(_ environment: APIEnvironment, logger: Logger,
                              more: (Router<APIRequestContext>) -> Void = { _ in }) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: APIErrorMiddleware(mask: environment.mask))
        router.add(middleware: RequestDeadlineMiddleware(limit: environment.limits.requestTimeout))
        router.add(middleware: AuthMiddleware(auth: environment.auth))
        router.add(middleware: ContractMiddleware(contract: .current))
        MonitorRoutes(environment: environment).add(to: router)
        MetricsEndpoint(store: environment.store) { [catalog = environment.catalog] in MetricsEndpoint.figures(of: await catalog.current()) }
            .add(to: router)
        AuthRoutes(auth: environment.auth).add(to: router)
        let v2 = router.group("/api/v2")
        let dags = DagRoutes(environment: environment)
        dags.add(to: v2)
        let runs = RunRoutes(environment: environment, dags: dags)
        runs.add(to: v2)
        TaskRoutes(environment: environment, runs: runs).add(to: v2)
        ImportErrorRoutes(environment: environment).add(to: v2)
        MarkRoutes(environment: environment, dags: dags, runs: runs).add(to: v2)
        BackfillRoutes(environment: environment).add(to: v2)
        SluiceRoutes(environment: environment, dags: dags).add(to: router.group("/api/sluice/v1"))
        more(router)
        return router
    }

    /// The application on `host:port` (port 0: any free port). `onListening` gets the address actually
    /// bound, e.g. to print `http://127.0.0.1:8080`.
    public static func application(_ environment: APIEnvironment, host: String, port: Int, logger: Logger,
                                   more: (Router<APIRequestContext>) -> Void = { _ in },
                                   onListening: @escaping @Sendable (String) -> Void) -> some ApplicationProtocol {
        Application(
            router: router(environment, logger: logger, more: more),
            server: .http1(configuration: environment.limits.http1),
            configuration: .init(address: .hostname(host, port: port), serverName: "sluice/\(environment.version)"),
            onServerRunning: { channel in
                let bound = channel.localAddress
                let shownHost = host.contains(":") ? "[\(host)]" : host
                onListening("http://\(shownHost):\(bound?.port ?? port)")
            },
            logger: logger
        )
    }
}
