import Foundation

/// The running scheduler's heartbeat, for `GET /api/v2/monitor/health` and the metrics endpoint.
extension SQLMetadataStore {
    /// Records that the scheduler on `host` with `pid`, started at `startedAt`, is alive at `now`.
    public func recordSchedulerHeartbeat(host: String, pid: Int32, startedAt: Date, now: Date) async throws {
        try await database.perform { db in
            try db.transaction("recording the scheduler's heartbeat") {
                try db.prepare("""
                    INSERT INTO scheduler_heartbeat (id, host, pid, started_at, latest_heartbeat) VALUES (1, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = excluded.started_at,
                        latest_heartbeat = excluded.latest_heartbeat
                    """, operation: "preparing the scheduler's heartbeat")
                    .run([.text(host), .integer(Int64(pid)), StoreDate.value(startedAt), StoreDate.value(now)],
                         operation: "recording the scheduler's heartbeat")
            }
        }
    }

    /// The latest scheduler heartbeat, if a scheduler ever ran on this store.
    public func latestSchedulerHeartbeat() async throws -> Date? {
        try await database.perform { db in
            try db.prepare("SELECT latest_heartbeat FROM scheduler_heartbeat WHERE id = 1", operation: "preparing the heartbeat lookup")
                .query([], operation: "reading the scheduler's heartbeat") { StoreDate.date($0.int64(0)) }.first
        }
    }
}
