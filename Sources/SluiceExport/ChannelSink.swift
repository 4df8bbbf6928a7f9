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
        if chunk.count + bytes.count > chunkSize && !chunk.isEmpty { try flush() }
        if bytes.count >= chunkSize {
            try channel.send(.bytes(Array(bytes)))
        } else {
            chunk.append(contentsOf: bytes)
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
