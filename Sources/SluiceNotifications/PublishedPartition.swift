/// What a `published` event reports about the partition that went live.
public struct PublishedPartition: Sendable, Equatable {
    /// The partition's final location, e.g. `s3://lake/metrics/date=2026-11-20/`.
    public var path: String
    public var files: Int
    public var rows: Int
    public var bytes: Int

    public init(path: String, files: Int, rows: Int, bytes: Int) {
        self.path = path
        self.files = files
        self.rows = rows
        self.bytes = bytes
    }
}
