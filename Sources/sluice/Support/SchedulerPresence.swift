import Foundation
import SluiceStore

/// Whether a scheduler is there to carry out queued runs: on SQLite, the one holding this home's lock; on a
/// shared PostgreSQL store, any scheduler (on any machine) whose heartbeat is within the lease.
enum SchedulerPresence {
    static func isRunning(store: SQLMetadataStore, location: StoreLocation) async -> Bool {
        guard store.isShared else { return SchedulerLock.holder(location: location) != nil }
        guard let (processes, now) = try? await store.processes() else { return false }
        return live(processes, now: now, lease: store.lease).contains { $0.kind == "scheduler" }
    }

    /// The processes with a heartbeat within the lease, less those of this host whose pid is gone (a process
    /// killed here is known dead at once; one elsewhere when its heartbeat is older than the lease).
    static func live(_ processes: [StoredProcess], now: Date, lease: TimeInterval) -> [StoredProcess] {
        let host = ProcessInfo.processInfo.hostName
        return processes.filter { p in
            guard p.state(now: now, lease: lease) == "running" else { return false }
            return p.host != host || kill(p.pid, 0) == 0 || errno == EPERM
        }
    }
}
