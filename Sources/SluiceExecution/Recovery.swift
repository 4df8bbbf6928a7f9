import Foundation
import SluiceCore
import SluiceStore

/// Finds task instances left `running` by a process that is gone, and fails them into retry.
///
/// A process is gone when its try's lease ran out (on the database's clock), or at once when it ran on
/// this host and its pid no longer exists (a `kill -9`, a crash) with `deadPidsToo` (one scheduler per
/// store: SQLite); tries claimed before leases existed, when their heartbeat is older than `staleAfter`.
/// On a shared store only leases count: a dead process's statements may still run on the source database
/// for a moment (PostgreSQL ends them within a second, see `PostgresConnection`), and the lease outlasts that. This is what the scheduler does on
/// start and what a repeated `dags backfill` does before it continues.
public enum Recovery {
    /// Recovers what dead processes left; returns the recovered instances.
    @discardableResult
    public static func recoverInterrupted(
        store: any MetadataStore, host: String = ProcessInfo.processInfo.hostName, deadPidsToo: Bool = true,
        ownPid: Int32 = ProcessInfo.processInfo.processIdentifier, staleAfter: TimeInterval = 60, now: Date = Date()
    ) async throws -> [TaskInstance] {
        let active = deadPidsToo ? try await store.activeTaskInstances() : []
        let deadPids = Set(active.compactMap { ti -> Int32? in
            guard ti.host == host, let pid = ti.pid, pid != ownPid, !ProcessLiveness.isAlive(pid) else { return nil }
            return pid
        })
        return try await store.recoverAttempts(host: host, deadPids: deadPids, staleBefore: now.addingTimeInterval(-staleAfter), now: now)
    }
}

/// Whether a local process exists.
enum ProcessLiveness {
    static func isAlive(_ pid: Int32) -> Bool {
        if kill(pid, 0) == 0 { return true }
        return errno == EPERM
    }
}
