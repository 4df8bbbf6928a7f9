import Foundation
import SluiceCore
import SluiceStore

/// Finds task instances left `running` by a process that is gone, and fails them into retry.
///
/// A process is gone when its heartbeat is older than `staleAfter`, or at once when it ran on this
/// host and its pid no longer exists (a `kill -9`, a crash). This is what the scheduler does on
/// start and what a repeated `dags backfill` does before it continues.
public enum Recovery {
    /// Recovers what dead processes left; returns the recovered instances.
    @discardableResult
    public static func recoverInterrupted(
        store: any MetadataStore, host: String = ProcessInfo.processInfo.hostName,
        ownPid: Int32 = ProcessInfo.processInfo.processIdentifier, staleAfter: TimeInterval = 60, now: Date = Date()
    ) async throws -> [TaskInstance] {
        let active = try await store.activeTaskInstances()
        let dead = active.filter { ti in
            if ti.host == host, let pid = ti.pid {
                return pid != ownPid && !ProcessLiveness.isAlive(pid)
            }
            return (ti.heartbeatAt ?? .distantPast) < now.addingTimeInterval(-staleAfter)
        }
        let recovered = dead.map { ti in
            ti.failed(at: now, error: "the Sluice process running this task (pid \(ti.pid.map(String.init) ?? "?") on \(ti.host ?? "?")) died; retrying", policy: .none)
        }
        try await store.updateTaskInstances(recovered)
        return recovered
    }
}

/// Whether a local process exists.
enum ProcessLiveness {
    static func isAlive(_ pid: Int32) -> Bool {
        if kill(pid, 0) == 0 { return true }
        return errno == EPERM
    }
}
