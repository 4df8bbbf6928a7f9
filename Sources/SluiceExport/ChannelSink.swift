import SluiceFormats
import SluiceParquet

/// The end of every writer chain: gathers bytes into chunks of about `chunkSize` and sends them through a
/// `ChunkChannel`, framed by the begin and end of each part file. It counts the bytes of the open part so
/// the export can start a new part at `max_file_size`.
final class ChannelSink: ByteSink, ParquetSink {
    private let channel: ChunkChannel
    private let chunkSize: Int
    private var chunk: [UInt8] = []
    private(set) var objectBytes: Int64 = 0
    private(set) var totalBytes: Int64 = 0
    private var open = false

    init(channel: ChunkChannel, chunkSize: Int = 1 << 20) {
        self.channel = channel
        self.chunkSize = chunkSize
    }

    /// Starts a new object at `key`.
    func begin(key: String) throws {
        try channel.send(.begin(key: key))
        objectBytes = 0
        open = true
        chunk.reserveCapacity(chunkSize)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        objectBytes += Int64(bytes.count)
        totalBytes += Int64(bytes.count)
        // Large writes (a Parquet column chunk) are cut into chunk-sized pieces, so the channel never
        // holds more than `capacity` chunks of `chunkSize` bytes.
        var rest = bytes
        while rest.count > 0 {
            let take = min(rest.count, chunkSize - chunk.count)
            chunk.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<take]))
            rest = UnsafeRawBufferPointer(rebasing: rest[take...])
            if chunk.count >= chunkSize { try flush() }
        }
    }

    private func flush() throws {
        guard !chunk.isEmpty else { return }
        let full = chunk
        chunk = []
        chunk.reserveCapacity(chunkSize)
        try channel.send(.bytes(full))
    }

    /// Ends the current object (called by the outermost writer's `finish()`).
    func finish() throws {
        guard open else { return }
        open = false
        try flush()
        try channel.send(.end)
    }
}
