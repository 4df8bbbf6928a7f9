import Foundation
import SluiceFormats

/// The synchronous half of an export: takes the bytes of `COPY ... (FORMAT binary)` as they arrive (on the
/// connection's Dispatch queue), decodes them into batches, writes part files, starts a new part at
/// `max_file_size`, counts rows and NULLs for the audits, and reports progress.
///
/// Every part goes through the `ChannelSink` to the uploading task; nothing here awaits.
final class ExportStream {
    /// One finished part file.
    struct Part: Sendable {
        var key: String
        var rows: Int64
    }

    /// The columns as the part files write them; for Parquet, array columns take the dimensions of the
    /// first array value in the first batch (see `ArrayShape.settle`), the same for every part.
    private(set) var schema: [ColumnSchema]
    private var shapeSettled = false
    private let settings: PartWriter.Settings
    private let sink: ChannelSink
    private let stagingPrefix: String
    private let maxFileSize: Int64?
    private var decoder: BinaryCopyDecoder
    private var current: PartWriter?
    private(set) var parts: [Part] = []
    private(set) var rows: Int64 = 0
    /// Bytes received from the database.
    private(set) var bytesIn: Int64 = 0
    /// NULLs seen per column, for `not_null` audits.
    private(set) var nullCounts: [Int64]
    private let progress: (Int64, Int64) -> Void
    private var lastProgress = DispatchTime.now().uptimeNanoseconds
    private var chunks = 0
    private let progressInterval: UInt64

    init(schema: [ColumnSchema], settings: PartWriter.Settings, sink: ChannelSink, stagingPrefix: String,
         maxFileSize: Int64?, batchSize: Int = 8192, progressInterval: TimeInterval = 0.25,
         progress: @escaping (_ rows: Int64, _ bytes: Int64) -> Void) {
        self.schema = schema
        self.settings = settings
        self.sink = sink
        self.stagingPrefix = stagingPrefix
        self.maxFileSize = maxFileSize
        self.decoder = BinaryCopyDecoder(schema: schema, batchSize: batchSize)
        self.nullCounts = Array(repeating: 0, count: schema.count)
        self.progress = progress
        self.progressInterval = UInt64(progressInterval * 1e9)
    }

    /// Bytes written to the destination so far (compressed, as stored).
    var bytesOut: Int64 { sink.totalBytes }

    /// Takes one chunk of the COPY stream.
    func consume(_ bytes: UnsafeRawBufferPointer) throws {
        bytesIn += Int64(bytes.count)
        try decoder.consume(bytes) { batch in try self.write(batch) }
        // Progress counts rows as they arrive (a slow query may take long to fill one batch);
        // the clock is read once every 256 chunks (libpq hands over one row per chunk).
        chunks &+= 1
        if chunks & 255 == 0 {
            let now = DispatchTime.now().uptimeNanoseconds
            if now &- lastProgress >= progressInterval {
                lastProgress = now
                progress(Int64(decoder.rowsDecoded), bytesIn)
            }
        }
    }

    /// Ends the stream: the last batch, the last part, and at least one (possibly empty) part so that a
    /// zero-row export is still a valid file with its schema (or header).
    func finish() throws {
        try decoder.finish { batch in try self.write(batch) }
        if current == nil && parts.isEmpty { try openPart() }
        try closePart()
        progress(rows, bytesIn)
    }

    func write(_ batch: ColumnBatch) throws {
        if !shapeSettled {
            shapeSettled = true
            if settings.format == .parquet { schema = ArrayShape.settle(schema, from: batch) }
        }
        if current == nil { try openPart() }
        guard let part = current else { return }
        try part.write(batch)
        rows += Int64(batch.rowCount)
        for (c, column) in batch.columns.enumerated() {
            column.validity.withUnsafeBufferPointer { validity in
                var nulls = 0
                for v in validity where !v { nulls += 1 }
                nullCounts[c] += Int64(nulls)
            }
        }
        if let maxFileSize, part.estimatedBytes >= maxFileSize { try closePart() }
    }

    private func openPart() throws {
        let name = String(format: "part-%05d", parts.count) + settings.fileSuffix
        let key = stagingPrefix + name
        try sink.begin(key: key)
        current = try PartWriter(schema: schema, settings: settings, sink: sink)
        parts.append(Part(key: key, rows: 0))
    }

    private func closePart() throws {
        guard let part = current else { return }
        current = nil
        try part.finish()
        parts[parts.count - 1].rows = part.rows
    }
}
