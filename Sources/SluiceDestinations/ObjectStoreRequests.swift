import Synchronization

/// Who hears of every request this process sends to an object store, for metrics: the S3 operation
/// (`PutObject`) and the answer's HTTP status, or `error` when none came (transport failure). Each try
/// counts, retries included. One listener per process, set once at start by the CLI.
public enum ObjectStoreRequests {
    private static let listener = Mutex<(@Sendable (_ operation: String, _ code: String) -> Void)?>(nil)

    /// Sets the listener (replacing any earlier one).
    public static func observe(_ body: @escaping @Sendable (_ operation: String, _ code: String) -> Void) {
        listener.withLock { $0 = body }
    }

    static func record(operation: String, code: String) {
        let body = listener.withLock { $0 }
        body?(operation, code)
    }
}
