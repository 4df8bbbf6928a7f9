/// What is known about one stored object: its key, its size, and (when this process wrote it) its SHA-256.
///
/// Writers return it with `sha256` filled so export manifests can record checksums; listings return it with
/// `sha256 == nil` because neither S3 nor a folder keeps a SHA-256 that can be read back cheaply.
public struct ObjectInfo: Equatable, Hashable, Sendable {
    /// The key relative to the destination's base prefix, `/`-separated.
    public var key: String
    /// Size in bytes.
    public var bytes: Int64
    /// Lowercase hex SHA-256 of the content, when known.
    public var sha256: String?

    public init(key: String, bytes: Int64, sha256: String? = nil) {
        self.key = key
        self.bytes = bytes
        self.sha256 = sha256
    }
}
