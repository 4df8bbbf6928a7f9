/// A libcurl failure below HTTP (could not connect, connection dropped, timed out).
public struct CurlFailure: Error, Sendable {
    public var code: Int
    public var message: String
    /// Worth another try: everything except mistakes in how the request was built.
    public var isRetryable: Bool

    public init(code: Int, message: String, isRetryable: Bool) {
        self.code = code
        self.message = message
        self.isRetryable = isRetryable
    }
}
