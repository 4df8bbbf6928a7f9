import Foundation

/// Every failure of the PostgreSQL layer: configuration, connecting, the server's own errors, timeouts,
/// cancellation and protocol surprises.
///
/// `description` is one line that is safe to log: it never contains a password (connection messages are
/// scrubbed with the configuration's password) nor the SQL text or parameter values. `debugDescription`
/// adds the server's detail and hint, which may quote row values.
public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// A connection URI, key=value string or pool setting could not be understood.
    case invalidConfiguration(String)
    /// No `SLUICE_CONN_<ID>` environment variable defines this connection id.
    case unknownConnection(id: String, environmentVariable: String)
    /// libpq could not open the connection (unreachable host, authentication failure, ...).
    case connectionFailed(String)
    /// The connection broke while a statement was running; it cannot be used again.
    case connectionLost(String)
    /// The connection was closed by `close()` before this call.
    case connectionClosed
    /// The server rejected the statement; SQLSTATE and the other fields are kept as data.
    case server(ServerError)
    /// The statement ran longer than its timeout and was cancelled on the server.
    case timeout(seconds: TimeInterval)
    /// The statement was cancelled by `cancel()` or by cancelling the calling task.
    case cancelled
    /// The server answered something this layer does not handle (e.g. `COPY FROM STDIN` through `execute`).
    case protocolError(String)
    /// The connection pool was shut down.
    case poolShutDown
    /// A statement was cancelled (after `timeout` seconds, or by its caller when `nil`) and the server at
    /// `server` did not answer the cancel request within `seconds`: the connection was abandoned.
    case cancelUnanswered(server: String, seconds: TimeInterval, timeout: TimeInterval?)
    /// The connection was abandoned earlier (see `cancelUnanswered`) and cannot be used again.
    case connectionAbandoned(server: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message):
            return "invalid connection configuration: \(message)"
        case .unknownConnection(let id, let variable):
            return "unknown connection '\(id)': set the environment variable \(variable) to a postgresql:// URI"
        case .connectionFailed(let message):
            return "could not connect to PostgreSQL: \(message)"
        case .connectionLost(let message):
            return "the PostgreSQL connection was lost: \(message)"
        case .connectionClosed:
            return "the PostgreSQL connection is closed"
        case .server(let error):
            return error.description
        case .timeout(let seconds):
            return "the statement was cancelled after exceeding its timeout of \(Self.format(seconds)) s"
        case .cancelled:
            return "the statement was cancelled"
        case .protocolError(let message):
            return "unexpected response from PostgreSQL: \(message)"
        case .poolShutDown:
            return "the connection pool is shut down"
        case .cancelUnanswered(let server, let seconds, let timeout):
            let cause = timeout.map { "the statement exceeded its timeout of \(Self.format($0)) s and " } ?? ""
            return cause + "PostgreSQL at \(server) did not answer the cancel request within \(Self.format(seconds)) s, "
                + "connection abandoned"
        case .connectionAbandoned(let server):
            return "the connection to PostgreSQL at \(server) was abandoned after it stopped answering"
        }
    }

    public var debugDescription: String {
        if case .server(let error) = self { return error.debugDescription }
        return description
    }

    /// For a statement stopped by a task's `execution_timeout` (of `configured` seconds), the message naming the
    /// timeout and who stopped answering, e.g. `execution_timeout of 5s exceeded; PostgreSQL at 127.0.0.1:5433
    /// did not answer the cancel request within 5 s, connection abandoned`. `nil` for every other error.
    public func executionTimeoutMessage(configured: TimeInterval, server: String) -> String? {
        let prefix = "execution_timeout of \(Self.format(configured))s exceeded; "
        switch self {
        case .timeout:
            return prefix + "the statement was cancelled on PostgreSQL at \(server)"
        case .cancelUnanswered(let server, let seconds, .some):
            return prefix + "PostgreSQL at \(server) did not answer the cancel request within \(Self.format(seconds)) s, connection abandoned"
        default:
            return nil
        }
    }

    /// The SQLSTATE of a server error, `nil` for every other case.
    public var sqlstate: String? {
        if case .server(let error) = self { return error.sqlstate }
        return nil
    }

    /// The 1-based line and column of a server error's position in `sql` (see `ServerError.location(in:)`).
    public func location(in sql: String) -> (line: Int, column: Int)? {
        if case .server(let error) = self { return error.location(in: sql) }
        return nil
    }

    /// Seconds as people write them: `5`, `1.5`.
    public static func format(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

extension PostgresError {
    /// Turns a libpq message (often several lines, ending in a newline) into one line and removes any
    /// occurrence of the password, even though libpq does not normally quote it.
    static func scrubbed(_ message: String, password: String?) -> String {
        var text = message
        if let password, !password.isEmpty {
            text = text.replacingOccurrences(of: password, with: "***")
            if let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != password {
                text = text.replacingOccurrences(of: encoded, with: "***")
            }
        }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        return words.isEmpty ? "no message from libpq" : words.joined(separator: " ")
    }
}
