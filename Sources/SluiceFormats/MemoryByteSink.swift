/// A sink that keeps everything in memory: for tests, small outputs, and checksumming in place.
public final class MemoryByteSink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public private(set) var isFinished = false

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    public func finish() throws {
        isFinished = true
    }
}
