/// Everything that can go wrong while configuring or using a destination.
///
/// Exists so callers get one error type from this module, each case carrying what a user needs to act
/// (the variable to set, the object's URI, the HTTP status and S3 error code). `description` is one
/// sentence that is safe to log: it never contains a secret key, a session token or a signature.
public enum DestinationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `SLUICE_DEST_<ID>` variable names this destination.
    case unknownDestination(id: String, variable: String)
    /// A destination URL could not be understood.
    case invalidURL(variable: String, value: String, reason: String)
    /// A setting for a destination is present but unusable.
    case invalidSetting(variable: String, reason: String)
    /// S3 needs credentials that the environment does not provide.
    case missingCredentials(id: String, variables: [String])
    /// A key is not a relative, `/`-separated object key.
    case invalidKey(key: String, reason: String)
    /// The object does not exist.
    case notFound(uri: String)
    /// S3 answered with an error (after retries, if it was retryable).
    case s3(operation: String, uri: String, status: Int, code: String, message: String, requestID: String?)
    /// The HTTP exchange failed below HTTP (connection refused, reset, timeout), after retries.
    case transport(operation: String, uri: String, message: String)
    /// The request was abandoned because the calling task was cancelled (e.g. its timeout expired).
    case cancelled(operation: String, uri: String, endpoint: String)
    /// S3 answered something this client cannot read.
    case invalidResponse(operation: String, uri: String, reason: String)
    /// A local file-system call failed.
    case io(operation: String, path: String, message: String)
    /// The file system holding `path` is full (ENOSPC) or over quota (EDQUOT).
    case noSpace(path: String)
    /// A writer was used after `finish()` or `abort()`.
    case writerClosed(uri: String)

    public var description: String {
        switch self {
        case let .unknownDestination(id, variable):
            return "Destination '\(id)' is not configured: set \(variable) to file:///absolute/path or s3://bucket/prefix."
        case let .invalidURL(variable, value, reason):
            return "\(variable)='\(value)' is not a usable destination URL: \(reason)."
        case let .invalidSetting(variable, reason):
            return "\(variable) is not usable: \(reason)."
        case let .missingCredentials(id, variables):
            return "Destination '\(id)' is on S3 but has no credentials: set \(variables.joined(separator: " and "))."
        case let .invalidKey(key, reason):
            return "'\(key)' is not a valid object key: \(reason)."
        case let .notFound(uri):
            return "\(uri) does not exist."
        case let .s3(operation, uri, status, code, message, requestID):
            let request = requestID.map { " (request id \($0))" } ?? ""
            let text = message.isEmpty ? "" : ": \(message)"
            return "S3 \(operation) of \(uri) failed with HTTP \(status) \(code)\(text)\(request)."
        case let .transport(operation, uri, message):
            return "S3 \(operation) of \(uri) failed: \(message)."
        case let .cancelled(operation, uri, endpoint):
            return "S3 \(operation) of \(uri) at endpoint \(endpoint) was abandoned: the task was cancelled."
        case let .invalidResponse(operation, uri, reason):
            return "S3 \(operation) of \(uri) returned an unreadable answer: \(reason)."
        case let .io(operation, path, message):
            return "Could not \(operation) \(path): \(message)."
        case let .noSpace(path):
            return "no space left on device writing \(path): the disk is full; free space there, then clear the task to run it again."
        case let .writerClosed(uri):
            return "The writer for \(uri) is already finished or aborted."
        }
    }
}
