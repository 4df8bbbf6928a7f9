import SluiceDestinations
import SluiceExecution
import SluicePostgres

/// Bounds the destination side of an export by the try's `execution_timeout`.
///
/// The database side has its own bound (each statement is cancelled when the time is up, and its connection
/// abandoned when the server does not answer); uploads and the publish steps are bounded here: when the deadline
/// passes first, the operation's task is cancelled (which aborts its libcurl transfer within about a second) and
/// the try fails with a message naming the destination that stopped answering.
enum DeadlineRace {
    /// Runs `body`; when `deadline` passes first, cancels it and throws `expired(deadline)`.
    static func run<T: Sendable>(
        until deadline: TaskDeadline?, expired: @escaping @Sendable (TaskDeadline) -> any Error,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let deadline else { return try await body() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(until: deadline.instant, clock: .continuous)
                throw expired(deadline)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw expired(deadline) }
            return value
        }
    }

    /// The error of an export whose destination stopped answering before the deadline.
    static func destinationTimeout(_ deadline: TaskDeadline, destination: any Destination, key: String) -> ExportError {
        let server = destination.server.map { " (\($0))" } ?? ""
        return .timedOut("execution_timeout of \(PostgresError.format(deadline.timeout))s exceeded; the destination "
            + "\(destination.describe(key: key))\(server) stopped accepting data, upload abandoned")
    }
}
