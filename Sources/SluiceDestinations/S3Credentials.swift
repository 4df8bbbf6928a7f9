/// The AWS credentials S3 requests are signed with.
///
/// Its `description` shows only the access key id, so logging a configuration never leaks the secret.
public struct S3Credentials: Equatable, Sendable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Set for temporary credentials; sent as `x-amz-security-token`.
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String {
        "S3Credentials(accessKeyID: \(accessKeyID), secretAccessKey: <hidden>\(sessionToken == nil ? "" : ", sessionToken: <hidden>"))"
    }
}
