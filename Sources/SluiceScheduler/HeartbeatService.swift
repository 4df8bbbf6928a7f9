import Foundation
import ServiceLifecycle
import SluiceStore

/// Writes the scheduler's heartbeat every `interval` while the daemon runs, so the api-server's health
/// check can tell a live scheduler from a dead one, and keeps this process's row in `sluice_process`
/// (registered at start, beating, marked stopped at the end) for `sluice workers list`. A failed write is
/// retried at the next beat.
public struct HeartbeatService: Service {
    public static let interval: TimeInterval = 5

    private let store: SQLMetadataStore
    private let host: String
    private let pid: Int32
    private let startedAt: Date
    private let kind: String
    private let version: String
    private let queues: [String]

    /// - Parameters:
    ///   - kind: `scheduler`, `worker` or `standalone`; a worker writes no scheduler heartbeat.
    public init(store: SQLMetadataStore, kind: String = "scheduler", version: String = "", queues: [String] = [],
                host: String = ProcessInfo.processInfo.hostName, pid: Int32 = getpid(), startedAt: Date = Date()) {
        self.store = store
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
        self.kind = kind
        self.version = version
        self.queues = queues
    }

    public func run() async throws {
        var registered = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if kind != "worker" {
                try? await store.recordSchedulerHeartbeat(host: host, pid: pid, startedAt: startedAt, now: Date())
            }
            if registered {
                try? await store.beatProcess()
            } else {
                registered = (try? await store.registerProcess(kind: kind, host: host, pid: pid, version: version, queues: queues)) != nil
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(Self.interval)) }
        }
        if registered { try? await store.stopProcess() }
    }
}
