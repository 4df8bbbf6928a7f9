import Foundation
import Hummingbird
import Logging
import NIOCore
import SluiceDefinitions
import SluiceMetrics
import SluiceStore

/// `GET /metrics`: the Prometheus text exposition, without authentication. Served by the api-server and,
/// alone, by `sluice scheduler --metrics-port`.
public struct MetricsEndpoint: Sendable {
    /// The content type of Prometheus' text format.
    public static let contentType = "text/plain; version=0.0.4"

    let metrics: SluiceMetrics
    let store: SQLMetadataStore
    /// The DAG folder's figures now; nil: those the scheduler's loop last reported.
    let folder: @Sendable () async -> DagFolderFigures?

    public init(metrics: SluiceMetrics = .process, store: SQLMetadataStore,
                folder: @escaping @Sendable () async -> DagFolderFigures? = { nil }) {
        self.metrics = metrics
        self.store = store
        self.folder = folder
    }

    /// The figures of a loaded DAG folder.
    public static func figures(of bag: DagBag) -> DagFolderFigures {
        DagFolderFigures(dagIds: bag.sortedDags.map(\.dagId), importErrors: bag.problems.count)
    }

    func add<Context: RequestContext>(to router: Router<Context>) {
        router.get("/metrics") { _, _ in
            let text = await metrics.render(store: store, folder: await folder())
            var headers = HTTPFields()
            headers[.contentType] = Self.contentType
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// An application serving only `/metrics` on `host:port` (port 0: any free port); `onListening` gets
    /// the URL actually bound.
    public func application(host: String, port: Int, serverName: String, logger: Logger,
                            onListening: @escaping @Sendable (String) -> Void) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        add(to: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: serverName),
            onServerRunning: { channel in
                let shownHost = host.contains(":") ? "[\(host)]" : host
                onListening("http://\(shownHost):\(channel.localAddress?.port ?? port)")
            },
            logger: logger
        )
    }
}
