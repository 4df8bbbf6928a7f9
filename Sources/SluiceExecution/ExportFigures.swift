/// What one try of an export came to, for metrics: its format, the rows and bytes it published, how long
/// it took, and whether its audits failed (then nothing was published).
public struct ExportFigures: Sendable, Equatable {
    /// The file format (`parquet`, `csv`, `jsonl`).
    public var format: String
    /// Rows published; 0 when the audits failed.
    public var rows: Int64
    /// Bytes of the published files; 0 when the audits failed.
    public var bytes: Int64
    /// Seconds from the start of the extract to the end of the publish (or of the audits).
    public var seconds: Double
    /// Whether the audits failed, so that the partition was kept in staging and not published.
    public var auditsFailed: Bool

    public init(format: String, rows: Int64, bytes: Int64, seconds: Double, auditsFailed: Bool = false) {
        self.format = format
        self.rows = rows
        self.bytes = bytes
        self.seconds = seconds
        self.auditsFailed = auditsFailed
    }
}
