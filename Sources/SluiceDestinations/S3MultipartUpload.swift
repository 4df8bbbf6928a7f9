/// An incomplete multipart upload found in a bucket (it holds storage until completed or aborted).
public struct S3MultipartUpload: Equatable, Hashable, Sendable {
    /// The key relative to the destination's base prefix.
    public var key: String
    public var uploadID: String

    public init(key: String, uploadID: String) {
        self.key = key
        self.uploadID = uploadID
    }
}
