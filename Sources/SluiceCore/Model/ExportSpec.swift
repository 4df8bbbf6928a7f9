import Foundation

/// What an `export` task copies, how it writes it, where it goes and what it checks before publishing.
///
/// Built and validated by the DAG loader (every key located in the file); the export runner reads it.
/// String fields marked "template" are rendered for each run with the Airflow context.
public struct ExportSpec: Sendable {
    /// Where the rows come from.
    public enum Source: Sendable {
        /// A table name, possibly schema-qualified (template); quoted as an identifier, never spliced.
        case table(String)
        /// A query (template), inline or from a file under include/.
        case query(TemplateSource)
    }

    public enum Mode: String, Sendable, CaseIterable {
        /// Rows with data_interval_start <= timestamp_column < data_interval_end.
        case delta
        /// The whole table or query.
        case full
    }

    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl, parquet

        /// The file extension without compression.
        public var fileExtension: String { rawValue == "jsonl" ? "jsonl" : rawValue }
    }

    public enum Compression: String, Sendable, CaseIterable {
        case none, gzip, zstd, snappy
    }

    public var source: Source
    /// The column that places a row in a data interval (template); required for `delta`.
    public var timestampColumn: String?
    public var mode: Mode
    public var format: Format
    public var compression: Compression
    /// A named destination: `SLUICE_DEST_<ID>`.
    public var destination: String
    /// The partition path under the destination (template), e.g. `metrics/year=.../month=.../day=...`.
    public var path: String
    /// Split output into numbered part files of at most about this many bytes.
    public var maxFileSize: Int64?
    public var audits: [AuditSpec]
    /// CSV field delimiter.
    public var delimiter: String
    /// Parquet rows per row group.
    public var rowGroupSize: Int?
    /// Parquet dictionary encoding.
    public var dictionary: Bool

    public init(
        source: Source, timestampColumn: String? = nil, mode: Mode = .full, format: Format = .parquet,
        compression: Compression = .zstd, destination: String, path: String, maxFileSize: Int64? = nil,
        audits: [AuditSpec] = [], delimiter: String = ",", rowGroupSize: Int? = nil, dictionary: Bool = true
    ) {
        self.source = source
        self.timestampColumn = timestampColumn
        self.mode = mode
        self.format = format
        self.compression = compression
        self.destination = destination
        self.path = path
        self.maxFileSize = maxFileSize
        self.audits = audits
        self.delimiter = delimiter
        self.rowGroupSize = rowGroupSize
        self.dictionary = dictionary
    }
}

/// A check an export must pass before its files are published (write-audit-publish).
public enum AuditSpec: Sendable, Equatable {
    /// The rows written equal `count(*)` of the source in the same snapshot.
    case rowCountMatchesSource
    /// None of these columns has a NULL in the exported rows. As loaded, an entry may be a template
    /// (`{{ item.not_null }}`) standing for one or more columns; the export renders it for each run.
    case notNull([String])
    /// These columns, together, are unique in the exported rows (entries as for `notNull`).
    case unique([String])
    /// At least this many rows were exported.
    case minRows(Int)
    /// A query (template) that must return true, run in the export's snapshot.
    case sql(String)

    /// The name used in logs and the manifest.
    public var name: String {
        switch self {
        case .rowCountMatchesSource: return "row_count_matches_source"
        case let .notNull(cols): return "not_null(\(cols.joined(separator: ", ")))"
        case let .unique(cols): return "unique(\(cols.joined(separator: ", ")))"
        case let .minRows(n): return "min_rows(\(n))"
        case .sql: return "sql"
        }
    }
}

/// Sizes written like `256MB`, `1.5GB`, `64MiB` or a number of bytes; nil when the text is no
/// positive size, `Int64.max` when it is larger than that.
public enum ByteSizeText {
    public static func bytes(from text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [("TIB", 1_099_511_627_776), ("GIB", 1_073_741_824), ("MIB", 1_048_576), ("KIB", 1024),
                                         ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let n = Double(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n > 0 else { return nil }
            // Sizes past Int64 (1e300GB, inf) saturate, so the caller's range check names the limit.
            let bytes = (n * factor).rounded()
            return bytes < 9.2e18 ? Int64(bytes) : Int64.max
        }
        if let n = Int64(t) { return n > 0 ? n : nil }
        return t.allSatisfy(\.isASCII) && t.allSatisfy(\.isNumber) && !t.isEmpty ? Int64.max : nil
    }
}
