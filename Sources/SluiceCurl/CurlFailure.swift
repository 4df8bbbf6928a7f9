/// A libcurl failure below HTTP (could not connect, connection dropped, timed out).
public struct CurlFailure: Error, Sendable {
    public var code: Int
    public var message: String
    /// Worth another try: everything except mistakes in how the request was built.
    public var isRetryable: Bool
    /// The server's last reply code when the protocol has one (SMTP's 550), else nil.
    public var replyCode: Int?

    public init(code: Int, message: String, isRetryable: Bool, replyCode: Int? = nil) {
        self.code = code
        self.message = message
        self.isRetryable = isRetryable
        self.replyCode = replyCode
    }
}
