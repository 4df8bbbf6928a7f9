import Foundation
import SluiceCore
import SluiceFormats
import SluiceParquet

/// Writes one part file of an export in its format, over a chain of sinks ending in a `ChannelSink`.
/// Each part is complete on its own: a CSV part has its header, a compressed part its own stream,
/// a Parquet part its footer.
final class PartWriter {
    /// What every part of one export shares.
    struct Settings {
        var format: ExportSpec.Format
        var compression: ExportSpec.Compression
        var delimiter: UInt8
        var rowGroupSize: Int?
        var dictionary: Bool
        var createdBy: String
        var keyValueMetadata: [(key: String, value: String)]
        /// The part size limit, which also bounds how much a text writer buffers before handing bytes on,
        /// so the size seen at each batch lags the file by little.
        var maxFileSize: Int64? = nil

        var textFlushSize: Int {
            guard let maxFileSize else { return 256 * 1024 }
            return Int(min(max(maxFileSize / 8, 4096), 256 * 1024))
        }

        /// The file name suffix: `.csv`, `.csv.gz`, `.jsonl.zst`, `.parquet`.
        var fileSuffix: String {
            switch format {
            case .parquet: return ".parquet"
            case .csv, .jsonl:
                switch compression {
                case .gzip: return "." + format.fileExtension + ".gz"
                case .zstd: return "." + format.fileExtension + ".zst"
                case .none, .snappy: return "." + format.fileExtension
                }
            }
        }

        var contentType: String {
            switch format {
            case .parquet: return "application/vnd.apache.parquet"
            case .csv: return compression == .none ? "text/csv" : "application/octet-stream"
            case .jsonl: return compression == .none ? "application/x-ndjson" : "application/octet-stream"
            }
        }
    }

    private enum Engine {
        case csv(CSVWriter)
        case jsonl(JSONLinesWriter)
        case parquet(ParquetWriter, ParquetBatch, ParquetBatchBuilder)
    }

    private let engine: Engine
    private let sink: ChannelSink
    /// Counts what the compressor emitted, when there is one.
    private let compressedBytes: (() -> Int)?
    private(set) var rows: Int64 = 0

    init(schema: [ColumnSchema], settings: Settings, sink: ChannelSink) throws {
        self.sink = sink
        switch settings.format {
        case .csv, .jsonl:
            var chain: any ByteSink = sink
            switch settings.compression {
            case .gzip:
                let gzip = try GzipSink(wrapping: sink)
                chain = gzip
                compressedBytes = { gzip.bytesOut }
            case .zstd:
                let zstd = try ZstdSink(wrapping: sink, level: 3)
                chain = zstd
                compressedBytes = { zstd.bytesOut }
            case .none, .snappy:
                compressedBytes = nil
            }
            if settings.format == .csv {
                engine = .csv(CSVWriter(schema: schema, sink: chain, delimiter: settings.delimiter, flushSize: settings.textFlushSize))
            } else {
                engine = .jsonl(JSONLinesWriter(schema: schema, sink: chain, flushSize: settings.textFlushSize))
            }
        case .parquet:
            var options = ParquetWriterOptions()
            switch settings.compression {
            case .none: options.compression = .none
            case .snappy: options.compression = .snappy
            case .zstd: options.compression = .zstd(level: 3)
            case .gzip: throw ExportError.invalidSetting(key: "compression", reason: "parquet files are compressed with none, snappy or zstd")
            }
            if let rows = settings.rowGroupSize { options.rowGroupMaxRows = rows }
            options.dictionaryEnabled = settings.dictionary
            options.createdBy = settings.createdBy
            options.keyValueMetadata = settings.keyValueMetadata
            let parquetSchema = try ParquetSchema(schema.map { ParquetColumn(name: $0.name, type: LakeType.parquetType($0), nullable: true) })
            let writer = try ParquetWriter(schema: parquetSchema, sink: sink, options: options)
            engine = .parquet(writer, writer.makeBatch(), ParquetBatchBuilder(schema: schema))
            compressedBytes = nil
        }
    }

    func write(_ batch: ColumnBatch) throws {
        switch engine {
        case let .csv(writer): try writer.write(batch)
        case let .jsonl(writer): try writer.write(batch)
        case let .parquet(writer, target, builder):
            try builder.fill(target, from: batch)
            try writer.write(target)
        }
        rows += Int64(batch.rowCount)
    }

    /// About how large the part file is now, including what is still buffered.
    var estimatedBytes: Int64 {
        switch engine {
        case let .csv(writer):
            return Int64(compressedBytes?() ?? writer.bytesWritten)
        case let .jsonl(writer):
            return Int64(compressedBytes?() ?? writer.bytesWritten)
        case let .parquet(writer, _, _):
            return writer.bytesWritten + Int64(writer.bufferedBytes)
        }
    }

    /// Completes the file (header if empty, compressor trailer, Parquet footer) and ends the object.
    func finish() throws {
        switch engine {
        case let .csv(writer): try writer.finish()
        case let .jsonl(writer): try writer.finish()
        case let .parquet(writer, _, _):
            try writer.close()
            try sink.finish()
        }
    }
}
