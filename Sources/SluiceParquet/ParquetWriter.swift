/// Writes one Parquet file, streaming: columnar batches in, row groups out as they fill.
///
/// Memory is bounded by one row group: values are encoded into compressed pages as batches
/// arrive, and a row group is written to the sink once it reaches `rowGroupMaxRows` rows or
/// `rowGroupMaxBytes` bytes of values (or on `flushRowGroup()`). `close()` writes the footer.
/// `bytesWritten` plus `bufferedBytes` tell the caller how large the file has grown, so it can
/// close it and start another one at a size limit; every closed file is complete and valid.
///
/// The writer is synchronous and blocks while it compresses and writes: use it from one thread
/// at a time, on a Dispatch queue or thread of your own, not from Swift's cooperative pool.
/// After any thrown error other than a rejected batch the file is unusable and the writer
/// refuses further calls.
public final class ParquetWriter {
    public let schema: ParquetSchema
    public let options: ParquetWriterOptions

    private let output: CountingSink
    private let compressor: PageCompressor
    private let chunks: [ColumnChunkWriter]
    private var rowGroups: [RowGroupMetadata] = []
    private var rowsInGroup = 0
    private var rowsFlushed: Int64 = 0
    private var closed = false
    private var summary: ParquetWriteSummary?

    private static let magic: [UInt8] = Array("PAR1".utf8)

    /// Validates the options and writes the leading magic bytes.
    public init(schema: ParquetSchema, sink: any ParquetSink, options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        try options.validate()
        self.schema = schema
        self.options = options
        output = CountingSink(sink)
        let compressor = try PageCompressor(codec: options.compression)
        self.compressor = compressor
        chunks = schema.columns.map {
            ColumnChunkWriter(leaf: LeafColumn($0), options: options, compressor: compressor)
        }
        try output.write(Self.magic)
    }

    /// An empty batch for this writer's schema.
    public func makeBatch() -> ParquetBatch { ParquetBatch(schema: schema) }

    /// Bytes written to the sink so far.
    public var bytesWritten: Int64 { output.position }

    /// Bytes of the open row group held in memory (mostly compressed pages): roughly what the
    /// file grows by when the row group is flushed.
    public var bufferedBytes: Int { chunks.reduce(0) { $0 + $1.bufferedBytes } }

    /// Rows accepted so far, flushed or not.
    public var rowCount: Int64 { rowsFlushed + Int64(rowsInGroup) }

    /// Encodes the rows of `batch`, flushing row groups as they fill. A batch whose schema,
    /// row counts or values are wrong is rejected as a whole, before anything is written.
    public func write(_ batch: ParquetBatch) throws {
        guard !closed else { throw ParquetError.writerClosed }
        try check(batch)
        let total = batch.count
        // Average bytes per row of this batch, to stop a row group near its byte limit.
        let rowBytes = max(1, batch.byteCount / max(total, 1))
        var row = 0
        do {
            while row < total {
                let bytesLeft = max(options.rowGroupMaxBytes - rawBytesInGroup, rowBytes)
                let take = min(total - row, options.rowGroupMaxRows - rowsInGroup, 16_384, max(1, bytesLeft / rowBytes))
                for (chunk, buffer) in zip(chunks, batch.columns) {
                    try chunk.consume(buffer, rows: row..<(row + take))
                }
                row += take
                rowsInGroup += take
                if rowsInGroup >= options.rowGroupMaxRows || rawBytesInGroup >= options.rowGroupMaxBytes {
                    try flushRowGroup()
                }
            }
        } catch {
            closed = true
            throw error
        }
    }

    private var rawBytesInGroup: Int { chunks.reduce(0) { $0 + $1.chunkRawBytes } }

    private func check(_ batch: ParquetBatch) throws {
        guard batch.schema == schema else {
            throw ParquetError.batchMismatch("it was made for a different schema")
        }
        let rows = batch.count
        for buffer in batch.columns {
            if let problem = buffer.problem { throw problem }
            if buffer.hasUnfinishedList {
                throw ParquetError.batchMismatch("list column '\(buffer.column.name)' has elements after its last endList()")
            }
            guard buffer.count == rows else {
                throw ParquetError.batchMismatch("column '\(buffer.column.name)' has \(buffer.count) rows, the first column has \(rows)")
            }
        }
    }

    /// Writes the open row group now, if it has any rows.
    public func flushRowGroup() throws {
        guard !closed else { throw ParquetError.writerClosed }
        guard rowsInGroup > 0 else { return }
        do {
            var columns: [ColumnChunkMetadata] = []
            columns.reserveCapacity(chunks.count)
            for chunk in chunks { columns.append(try chunk.writeChunk(to: output)) }
            rowGroups.append(RowGroupMetadata(columns: columns, rowCount: Int64(rowsInGroup), ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
            rowsFlushed += Int64(rowsInGroup)
            rowsInGroup = 0
        } catch {
            closed = true
            throw error
        }
    }

    /// Flushes the last row group, writes the footer and returns what was written. The sink is
    /// not closed. Calling `close()` again returns the same summary.
    @discardableResult
    public func close() throws -> ParquetWriteSummary {
        if let summary { return summary }
        try flushRowGroup()
        guard !closed else { throw ParquetError.writerClosed }
        closed = true
        let footer = ByteBuffer(capacity: 4096)
        FileMetadataEncoder(
            schema: schema, rowGroups: rowGroups, rowCount: rowsFlushed,
            keyValueMetadata: options.keyValueMetadata, createdBy: options.createdBy
        ).encode(into: footer)
        let footerLength = UInt32(footer.count)
        footer.appendLittleEndian(footerLength)
        footer.append(Self.magic)
        try output.write(footer)
        let result = makeSummary()
        summary = result
        return result
    }

    private func makeSummary() -> ParquetWriteSummary {
        let columns = schema.columns.enumerated().map { index, column -> ParquetColumnSummary in
            let leaf = LeafColumn(column)
            var statistics = ColumnStatistics(order: leaf.sortOrder, physical: leaf.physical)
            var compressed: Int64 = 0
            var uncompressed: Int64 = 0
            for group in rowGroups {
                let chunk = group.columns[index]
                statistics.merge(chunk.statistics)
                compressed += chunk.totalCompressedSize
                uncompressed += chunk.totalUncompressedSize
            }
            let (minValue, maxValue) = Self.values(of: statistics)
            return ParquetColumnSummary(
                name: column.name, nullCount: statistics.nullCount, compressedByteCount: compressed,
                uncompressedByteCount: uncompressed, minValue: minValue, maxValue: maxValue)
        }
        return ParquetWriteSummary(rowCount: rowsFlushed, rowGroupCount: rowGroups.count, byteCount: output.position, columns: columns)
    }

    private static func values(of statistics: ColumnStatistics) -> (ParquetStatisticValue?, ParquetStatisticValue?) {
        guard statistics.hasMinMax else { return (nil, nil) }
        switch statistics.physical {
        case .boolean: return (.boolean(statistics.minInt != 0), .boolean(statistics.maxInt != 0))
        case .int32, .int64: return (.integer(statistics.minInt), .integer(statistics.maxInt))
        case .float, .double: return (.floatingPoint(statistics.minDouble), .floatingPoint(statistics.maxDouble))
        case .byteArray, .fixedLenByteArray: return (.bytes(statistics.minBytes), .bytes(statistics.maxBytes))
        }
    }
}
