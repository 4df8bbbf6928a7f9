import Foundation
import SluiceFormats

/// `_manifest.json`: what one published export of a partition contains, written just before `_SUCCESS`.
///
/// Consumers can check a partition against it (every file with its rows, bytes and SHA-256) and trace it
/// back to the run that wrote it (logical date, run id, try, the rendered query's hash).
public struct ExportManifest: Codable, Sendable, Equatable {
    /// One published file.
    public struct File: Codable, Sendable, Equatable {
        /// The key relative to the partition, e.g. `part-00000.parquet`.
        public var path: String
        public var rows: Int64
        public var bytes: Int64
        public var sha256: String
    }

    public var dagId: String
    public var taskId: String
    public var runId: String
    public var tryNumber: Int
    public var logicalDate: String
    public var dataIntervalStart: String
    public var dataIntervalEnd: String
    public var format: String
    public var compression: String
    public var files: [File]
    public var totalRows: Int64
    public var totalBytes: Int64
    public var schema: [SchemaColumn]
    /// Lowercase hex SHA-256 of the SELECT that was exported.
    public var querySha256: String
    public var startedAt: String
    public var finishedAt: String
    public var sluiceVersion: String
    /// Each audit's outcome (all passed: a partition whose audits failed is never published). Absent in
    /// manifests written before audits were recorded.
    public var audits: [AuditResult]?

    /// Pretty-printed JSON with snake_case keys in a stable order.
    public func encoded() throws -> Data {
        try ExportManifest.encoder.encode(self)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decode(_ data: Data) throws -> ExportManifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ExportManifest.self, from: data)
    }
}

/// One column as `_schema.json` and the manifest describe it.
public struct SchemaColumn: Codable, Sendable, Equatable {
    public var name: String
    /// PostgreSQL's name for the type, e.g. `numeric(12,2)`, `timestamp with time zone`.
    public var sourceType: String
    /// The lake's type name, e.g. `decimal(12,2)`, `timestamptz`, `array<bigint>`.
    public var lakeType: String
    /// The Parquet type written, for Parquet exports (e.g. `DECIMAL(12,2)`).
    public var parquetType: String?

    public init(_ column: ColumnSchema, parquet: Bool) {
        name = column.name
        sourceType = column.sourceTypeName
        lakeType = column.lakeTypeName
        parquetType = parquet ? LakeType.parquetTypeName(LakeType.parquetType(column)) : nil
    }

    /// `_schema.json`: `{"columns": [...]}`.
    static func document(_ columns: [SchemaColumn]) throws -> Data {
        try ExportManifest.encoder.encode(["columns": columns])
    }

    /// The compact JSON kept in Parquet key-value metadata (`sluice.schema`).
    static func compact(_ columns: [SchemaColumn]) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(columns)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
