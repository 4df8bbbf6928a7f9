import CLibPQ
import Foundation

/// A notification sent with `NOTIFY` (or `pg_notify`) to a channel this connection listens on.
public struct PostgresNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
}

extension PostgresConnection {
    /// Waits up to `timeout` seconds for notifications on the channels this connection listens on (`LISTEN`),
    /// and returns those that arrived (none after the timeout). The wait is a `poll` of the connection's socket
    /// on its queue, never a thread of the cooperative pool; a connection the server ended throws.
    public func notifications(waitingUpTo timeout: TimeInterval) async throws -> [PostgresNotification] {
        let password = self.password
        return try await run(timeout: nil, cancellable: false) { handle, _ in
            var found = Self.drainNotifications(handle)
            guard found.isEmpty else { return found }
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(max(0, min(timeout, 3_600)) * 1_000))
            if ready < 0 && errno != EINTR { throw PostgresConnection.connectionError(handle, password: password) }
            guard ready > 0 else { return [] }
            guard PQconsumeInput(handle) == 1 else { throw PostgresConnection.connectionError(handle, password: password) }
            found = Self.drainNotifications(handle)
            return found
        }
    }

    /// The notifications libpq has read already, freed as they are taken.
    private static func drainNotifications(_ handle: OpaquePointer) -> [PostgresNotification] {
        var found: [PostgresNotification] = []
        while let raw = PQnotifies(handle) {
            let notify = raw.pointee
            found.append(PostgresNotification(channel: notify.relname.map { String(cString: $0) } ?? "",
                                              payload: notify.extra.map { String(cString: $0) } ?? ""))
            PQfreemem(raw)
        }
        return found
    }
}
