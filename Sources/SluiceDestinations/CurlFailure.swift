/// A libcurl failure below HTTP (could not connect, connection dropped, timed out).
struct CurlFailure: Error, Sendable {
    var code: Int
    var message: String
    /// Worth another try: everything except mistakes in how the request was built.
    var isRetryable: Bool
}
