import Foundation
import SluiceCore

/// The schedulers and workers sharing the store (`sluice_process`): each registers when it starts, beats
/// while it runs (on the database's clock) and says when it stops; `sluice workers list` reads them with the
/// tries each is running.
extension SQLMetadataStore {
    /// Registers (or re-registers) this store's process.
    public func registerProcess(kind: String, host: String, pid: Int32, version: String, queues: [String]) async throws {
        let (id, now) = (processId, database.dialect.nowMicros)
        try await database.perform { db in
            try db.prepare("""
                INSERT INTO sluice_process (id, kind, host, pid, version, queues, started_at, heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?, \(now), \(now))
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, stopped_at = NULL
                """, operation: "preparing the process registration")
                .run([.text(id), .text(kind), .text(host), .integer(Int64(pid)), .text(version), .text(queues.joined(separator: ","))],
                     operation: "registering this process")
        }
    }

    /// Records that this process is alive now.
    public func beatProcess() async throws {
        let (id, now) = (processId, database.dialect.nowMicros)
        try await database.perform { db in
            try db.prepare("UPDATE sluice_process SET heartbeat_at = \(now) WHERE id = ?", operation: "preparing the process heartbeat")
                .run([.text(id)], operation: "recording this process's heartbeat")
        }
    }

    /// Records that this process stopped (its row stays, for `workers list`, until `pruneProcesses`).
    public func stopProcess() async throws {
        let (id, now) = (processId, database.dialect.nowMicros)
        try await database.perform { db in
            try db.prepare("UPDATE sluice_process SET stopped_at = \(now) WHERE id = ?", operation: "preparing the process stop")
                .run([.text(id)], operation: "recording that this process stopped")
        }
    }

    /// Every registered process, newest first, with the tries it runs, and the database's time of the read.
    public func processes() async throws -> (processes: [StoredProcess], now: Date) {
        let now = database.dialect.nowMicros
        return try await database.perform { db in
            let at = try db.prepare("SELECT \(now)", operation: "preparing the clock read")
                .query([], operation: "reading the database's clock") { row in StoreDate.date(row.int64(0)) }.first ?? Date()
            var processes = try db.prepare("""
                SELECT id, kind, host, pid, version, queues, started_at, heartbeat_at, stopped_at FROM sluice_process
                ORDER BY started_at DESC, id
                """, operation: "preparing the process listing")
                .query([], operation: "listing processes") { row in
                    StoredProcess(id: row.text(0), kind: row.text(1), host: row.text(2), pid: Int32(truncatingIfNeeded: row.int64(3)),
                                  version: row.text(4), queues: row.text(5).split(separator: ",").map(String.init),
                                  startedAt: StoreDate.date(row.int64(6)), heartbeatAt: StoreDate.date(row.int64(7)),
                                  stoppedAt: row.optionalInt64(8).map(StoreDate.date), running: [])
                }
            let running = try db.prepare("""
                SELECT process_id, dag_id, run_id, task_id FROM task_instance
                WHERE process_id IS NOT NULL AND state = 'running' ORDER BY dag_id, run_id, task_id
                """, operation: "preparing the running tries")
                .query([], operation: "listing running tries") { row in (row.text(0), "\(row.text(1)).\(row.text(3)) \(row.text(2))") }
            let byProcess = Dictionary(grouping: running, by: \.0)
            for index in processes.indices {
                processes[index].running = byProcess[processes[index].id]?.map(\.1) ?? []
            }
            return (processes, at)
        }
    }
}

/// A scheduler or worker registered in the store.
public struct StoredProcess: Sendable, Equatable {
    public var id: String
    /// `scheduler`, `worker` or `standalone`.
    public var kind: String
    public var host: String
    public var pid: Int32
    public var version: String
    /// The queues a worker takes tasks from; empty: every queue.
    public var queues: [String]
    public var startedAt: Date
    public var heartbeatAt: Date
    public var stoppedAt: Date?
    /// The tries it runs now (`dag.task run_id`).
    public var running: [String]

    /// `stopped`, `running` (a heartbeat within `lease` of `now`) or `lost` (no heartbeat for longer: killed,
    /// frozen, or cut off from the store).
    public func state(now: Date, lease: TimeInterval) -> String {
        if stoppedAt != nil { return "stopped" }
        return now.timeIntervalSince(heartbeatAt) <= lease ? "running" : "lost"
    }
}

extension StoredProcess {
    /// The object `sluice workers list --json` and `GET /api/sluice/v1/workers` show.
    public func json(now: Date, lease: TimeInterval) -> JSONValue {
        .object([
            ("id", .string(id)), ("kind", .string(kind)), ("state", .string(state(now: now, lease: lease))),
            ("host", .string(host)), ("pid", .int(Int(pid))), ("version", .string(version)),
            ("queues", .array(queues.map(JSONValue.string))),
            ("started_at", .string(DateText.iso(startedAt))), ("latest_heartbeat", .string(DateText.iso(heartbeatAt))),
            ("stopped_at", stoppedAt.map { .string(DateText.iso($0)) } ?? .null),
            ("running_tasks", .array(running.map(JSONValue.string))),
        ])
    }
}
