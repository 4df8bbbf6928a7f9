import CZlib

/// Compresses into gzip format (zlib deflate with a gzip header and trailer) and passes the compressed
/// bytes to another sink. Level 6 by default, as `gzip` uses. Runs in the calling thread.
public final class GzipSink: ByteSink {
    public let inner: any ByteSink
    /// Uncompressed bytes taken so far.
    public private(set) var bytesIn = 0
    /// Compressed bytes produced so far.
    public private(set) var bytesOut = 0
    private let stream: UnsafeMutablePointer<z_stream>
    private let out: UnsafeMutablePointer<UInt8>
    private let outCapacity = 256 * 1024
    private var ended = false

    public init(wrapping inner: any ByteSink, level: Int32 = 6) throws {
        self.inner = inner
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        out = UnsafeMutablePointer<UInt8>.allocate(capacity: outCapacity)
        // windowBits 15 + 16 asks zlib for a gzip wrapper instead of a zlib one.
        let rc = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                               zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            out.deallocate()
            throw FormatsError.compression("gzip initialisation failed (zlib code \(rc))")
        }
    }

    deinit {
        if !ended { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        out.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard !ended else { throw FormatsError.compression("gzip stream written after finish") }
        bytesIn += bytes.count
        var offset = 0
        while offset < bytes.count {
            // avail_in is 32-bit: feed at most 1 GB per round.
            let piece = min(bytes.count - offset, 1 << 30)
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self) + offset)
            stream.pointee.avail_in = UInt32(piece)
            while stream.pointee.avail_in > 0 {
                try deflateRound(Z_NO_FLUSH)
            }
            offset += piece
        }
    }

    public func finish() throws {
        guard !ended else { return }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        var rc: Int32 = Z_OK
        while rc != Z_STREAM_END {
            rc = try deflateRound(Z_FINISH)
        }
        deflateEnd(stream)
        ended = true
        try inner.finish()
    }

    @discardableResult
    private func deflateRound(_ flush: Int32) throws -> Int32 {
        stream.pointee.next_out = out
        stream.pointee.avail_out = UInt32(outCapacity)
        let rc = deflate(stream, flush)
        guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
            throw FormatsError.compression("gzip deflate failed (zlib code \(rc))")
        }
        let produced = outCapacity - Int(stream.pointee.avail_out)
        if produced > 0 {
            bytesOut += produced
            try inner.write(UnsafeRawBufferPointer(start: out, count: produced))
        }
        return rc
    }
}
