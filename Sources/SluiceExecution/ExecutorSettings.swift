import Foundation
import SluiceCore

/// Limits and identity of an executor.
public struct ExecutorSettings: Sendable {
    /// Task attempts running at once, over all DAGs (`--parallelism`, default 2 x cores).
    public var parallelism: Int
    /// Attempts at once per connection (`SLUICE_CONN_<ID>_POOL`, default 4), keyed by `connectionKey`.
    public var connectionLimits: [String: Int]
    public var defaultConnectionLimit: Int
    /// How often running task instances prove they are alive.
    public var heartbeatInterval: TimeInterval
    /// How often runs waiting on tries that another process claimed are read again from the store.
    public var pollInterval: TimeInterval = 2
    /// A claimed try whose heartbeat is older than this belongs to a dead process (recovered while waiting on it).
    public var staleAfter: TimeInterval = 60
    /// How long a run another process is running waits, on a shared store, before this process joins it while it
    /// has work of its own (at once when it has none): the store's lease, so a run whose process died is joined by
    /// the time its tries come back.
    public var joinAfter: TimeInterval = 30
    /// After a shutdown request, how long running statements may finish before they are cancelled.
    public var shutdownGrace: TimeInterval
    /// Whether failed attempts are retried (`dags test` runs each task once).
    public var retriesEnabled: Bool
    public var host: String
    public var pid: Int32
    /// `$SLUICE_HOME/logs`.
    public var logsFolder: URL
    /// The task queues this process takes tasks from (`sluice worker --queue`); tasks of other queues are
    /// left to the processes that serve them.
    public var queues: Set<String> = [ExecutorSettings.defaultQueue]

    /// Whether several processes share the store (PostgreSQL): then only leases say a try's process is gone.
    public var sharedStore = false

    /// The queue of tasks without `queue:`.
    public static let defaultQueue = "default"

    /// Whether this process runs `spec`'s tries.
    public func serves(_ spec: TaskSpec) -> Bool {
        queues.contains(spec.queue ?? Self.defaultQueue)
    }

    public init(
        parallelism: Int = 2 * ProcessInfo.processInfo.activeProcessorCount, connectionLimits: [String: Int] = [:],
        defaultConnectionLimit: Int = 4, heartbeatInterval: TimeInterval = 5, shutdownGrace: TimeInterval = 30,
        retriesEnabled: Bool = true, host: String = ProcessInfo.processInfo.hostName,
        pid: Int32 = ProcessInfo.processInfo.processIdentifier, logsFolder: URL
    ) {
        self.parallelism = max(1, parallelism)
        self.connectionLimits = connectionLimits
        self.defaultConnectionLimit = defaultConnectionLimit
        self.heartbeatInterval = heartbeatInterval
        self.shutdownGrace = shutdownGrace
        self.retriesEnabled = retriesEnabled
        self.host = host
        self.pid = pid
        self.logsFolder = logsFolder
    }

    func limit(forConnection id: String) -> Int {
        connectionLimits[Self.connectionKey(id)] ?? defaultConnectionLimit
    }

    /// The one spelling of a connection id for limits: lower case, `-` as `_`, the way
    /// `SLUICE_CONN_<ID>` names it (so `my-db` and `MY_DB` share one pool limit).
    public static func connectionKey(_ id: String) -> String {
        // Already in that spelling, the usual case (asked for every ready task on every turn of the loop): as is.
        if !id.utf8.contains(where: { $0 == UInt8(ascii: "-") || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }) {
            return id
        }
        return id.lowercased().replacingOccurrences(of: "-", with: "_")
    }
}
