import Foundation
import SluiceBlocking
import SluiceDestinations
import SluiceExecution
import SluiceFormats
import SluicePostgres
import SluiceTemplates

/// Reads an export's rows inside its transaction and streams them into staged part files.
///
/// Two tasks cooperate: this one drives the database (COPY, or the cursor fallback), whose callbacks
/// decode and format on the connection's Dispatch queue, and a child task that takes the formatted chunks
/// from a bounded `ChunkChannel` and uploads them to the destination.
struct ExportReader {
    let query: ExportQuery
    let schema: [ColumnSchema]
    let plan: ExportPlan
    let conn: PostgresConnection
    let destination: any Destination
    let readMethod: ExportReadMethod
    let batchSize: Int
    /// The try's `execution_timeout`: each statement gets the time left, and an upload still stuck when it runs
    /// out is abandoned with a message naming the destination.
    let deadline: TaskDeadline?
    let log: TaskLog
    let progress: @Sendable (Int64, Int64) -> Void

    struct Output: Sendable {
        var schema: [ColumnSchema]
        var parts: [ExportStream.Part]
        var staged: [ObjectInfo]
        var rows: Int64
        var bytesIn: Int64
        var bytesOut: Int64
        var nullCounts: [Int64]
    }

    /// Work that runs on a Dispatch queue of its own (closing the last part compresses and writes a row group).
    private static let workQueue = DispatchQueue(label: "sluice.export.finish", attributes: .concurrent)

    /// What a child task of `read` ends with.
    private enum Piece: Sendable {
        case stored([ObjectInfo])
        /// The deadline passed while the database side was the one being waited for (its own timeout handles it).
        case deadlinePassed
    }

    func read() async throws -> Output {
        let channel = ChunkChannel(capacity: 8)
        let destination = self.destination
        let contentType = plan.settings.contentType
        let plan = self.plan
        return try await withThrowingTaskGroup(of: Piece.self) { group in
            group.addTask { .stored(try await Self.upload(from: channel, to: destination, contentType: contentType)) }
            if let deadline {
                group.addTask {
                    try await Task.sleep(until: deadline.instant, clock: .continuous)
                    let error = DeadlineRace.destinationTimeout(deadline, destination: destination, key: channel.currentKey ?? plan.staging)
                    // The uploading side holds things up: stop the producer and let the group cancel the upload.
                    if channel.failIfConsumerBusy(error) { throw error }
                    return .deadlinePassed
                }
            }
            let produced: (LockedStream, [ColumnSchema])
            do {
                produced = try await produce(into: channel)
                channel.finish()
            } catch {
                channel.fail(error)
                group.cancelAll()
                throw error
            }
            var stored: [ObjectInfo]?
            while stored == nil, let piece = try await group.next() {
                if case .stored(let objects) = piece { stored = objects }
            }
            group.cancelAll()
            guard let staged = stored else { throw ExportError.write("the upload task ended without a result") }
            let (locked, schema) = produced
            let stream = locked.summary
            guard staged.count == stream.parts.count else {
                throw ExportError.destination("\(stream.parts.count) part files were written but \(staged.count) were stored")
            }
            return Output(schema: schema, parts: stream.parts, staged: staged, rows: stream.rows, bytesIn: stream.bytesIn,
                          bytesOut: stream.bytesOut, nullCounts: stream.nullCounts)
        }
    }

    private func makeStream(schema: [ColumnSchema], sink: ChannelSink) -> ExportStream {
        var settings = plan.settings
        settings.createdBy = createdBy
        settings.keyValueMetadata = [(key: "sluice.schema", value: SchemaColumn.compact(schema.map { SchemaColumn($0, parquet: true) }))]
        let progress = self.progress
        return ExportStream(schema: schema, settings: settings, sink: sink, stagingPrefix: plan.staging,
                            maxFileSize: plan.maxFileSize, batchSize: batchSize, progress: { progress($0, $1) })
    }

    var createdBy: String { plan.settings.createdBy }

    /// Runs the COPY (or the cursor) and closes the last part; returns the stream with its counts.
    private func produce(into channel: ChunkChannel) async throws -> (LockedStream, [ColumnSchema]) {
        if readMethod == .automatic {
            let stream = LockedStream(makeStream(schema: schema, sink: ChannelSink(channel: channel)))
            do {
                _ = try await conn.copyOut(query.copySQL, timeout: deadline?.remaining) { chunk in try stream.consume(chunk) }
                try await Self.onQueue { try stream.finish() }
                return (stream, schema)
            } catch let error as PostgresError where stream.bytesIn == 0 && Self.isCopyUnsupported(error) {
                log.line("the server cannot COPY TO STDOUT (\(error.description)); reading through a cursor instead")
                _ = try? await conn.execute("ROLLBACK", timeout: conn.cancelGrace)
                _ = try await conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", timeout: deadline?.remaining)
            }
        }
        return try await readWithCursor(sink: ChannelSink(channel: channel))
    }

    /// The fallback: `DECLARE` a cursor and `FETCH` batches of text rows, encoded into the binary COPY form
    /// the stream decodes. Columns whose text `TextRowEncoder` cannot parse travel as text.
    private func readWithCursor(sink: sending ChannelSink) async throws -> (LockedStream, [ColumnSchema]) {
        let encoder = TextRowEncoder(schema: schema)
        let stream = LockedStream(makeStream(schema: encoder.schema, sink: sink))
        let cursor = "sluice_export_cursor"
        _ = try await conn.execute(try query.declareCursorSQL(name: cursor), timeout: deadline?.remaining)
        let header = TextRowEncoder.header
        try await Self.onQueue { try header.withUnsafeBytes { try stream.consume($0) } }
        while true {
            let result = try await conn.execute("FETCH \(batchSize) FROM \(try SQLIdentifier.quote(cursor))", timeout: deadline?.remaining)
            if result.rows.isEmpty { break }
            let bytes = try encoder.encode(result.rows)
            try await Self.onQueue { try bytes.withUnsafeBytes { try stream.consume($0) } }
            if result.rows.count < batchSize { break }
        }
        _ = try? await conn.execute("CLOSE \(try SQLIdentifier.quote(cursor))", timeout: deadline?.remaining)
        let trailer = TextRowEncoder.trailer
        try await Self.onQueue {
            try trailer.withUnsafeBytes { try stream.consume($0) }
            try stream.finish()
        }
        return (stream, encoder.schema)
    }

    /// Syntax errors and feature-not-supported: the server does not know `COPY ... TO STDOUT`.
    static func isCopyUnsupported(_ error: PostgresError) -> Bool {
        guard let state = error.sqlstate else {
            if case .protocolError = error { return true }
            return false
        }
        return state == "42601" || state == "0A000" || state == "XX000" && error.description.localizedCaseInsensitiveContains("copy")
    }

    /// Runs blocking work on a Dispatch queue, off the cooperative pool.
    static func onQueue(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await BlockingQueue(workQueue).run(work)
    }

    /// The uploading side: one destination writer per part, in order.
    static func upload(from channel: ChunkChannel, to destination: any Destination, contentType: String) async throws -> [ObjectInfo] {
        var writer: (any ObjectWriter)?
        var stored: [ObjectInfo] = []
        do {
            while let item = try await channel.next() {
                switch item {
                case let .begin(key):
                    writer = try await destination.openWriter(key: key, contentType: contentType)
                case let .bytes(bytes):
                    guard let writer else { throw ExportError.write("bytes arrived outside a part file") }
                    try await writer.write(bytes)
                case .end:
                    guard let open = writer else { throw ExportError.write("a part file ended before it began") }
                    stored.append(try await open.finish())
                    writer = nil
                }
            }
            return stored
        } catch {
            await writer?.abort()
            channel.fail(error)
            throw error
        }
    }
}
