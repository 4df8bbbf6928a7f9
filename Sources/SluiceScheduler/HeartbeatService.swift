import Foundation
import ServiceLifecycle
import SluiceStore

/// Writes the scheduler's heartbeat every `interval` while the daemon runs, so the api-server's health
/// check can tell a live scheduler from a dead one. A failed write is retried at the next beat.
public struct HeartbeatService: Service {
    public static let interval: TimeInterval = 5

    private let store: SQLMetadataStore
    private let host: String
    private let pid: Int32
    private let startedAt: Date

    public init(store: SQLMetadataStore, host: String = ProcessInfo.processInfo.hostName, pid: Int32 = getpid(), startedAt: Date = Date()) {
        self.store = store
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await store.recordSchedulerHeartbeat(host: host, pid: pid, startedAt: startedAt, now: Date())
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(Self.interval)) }
        }
    }
}
