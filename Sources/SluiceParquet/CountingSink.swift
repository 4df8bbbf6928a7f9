/// Wraps the caller's sink and counts the bytes written, which gives every page its file offset.
final class CountingSink {
    let sink: any ParquetSink
    private(set) var position: Int64 = 0

    init(_ sink: any ParquetSink) { self.sink = sink }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        try sink.write(bytes)
        position += Int64(bytes.count)
    }

    func write(_ buffer: ByteBuffer) throws { try write(buffer.bytes) }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
}
