import CZstd

/// Compresses into a Zstandard frame with the streaming API and passes the compressed bytes to another
/// sink. Level 3 by default (zstd's own default). Single-threaded, in the calling thread.
public final class ZstdSink: ByteSink {
    public let inner: any ByteSink
    /// Uncompressed bytes taken so far.
    public private(set) var bytesIn = 0
    /// Compressed bytes produced so far.
    public private(set) var bytesOut = 0
    private let context: OpaquePointer
    private let out: UnsafeMutableRawPointer
    private let outCapacity: Int
    private var ended = false

    public init(wrapping inner: any ByteSink, level: Int32 = 3) throws {
        self.inner = inner
        guard let cctx = ZSTD_createCCtx() else { throw FormatsError.compression("zstd context allocation failed") }
        context = cctx
        let rc = ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level)
        if ZSTD_isError(rc) != 0 {
            ZSTD_freeCCtx(cctx)
            throw FormatsError.compression("zstd level \(level) rejected: \(String(cString: ZSTD_getErrorName(rc)))")
        }
        outCapacity = ZSTD_CStreamOutSize()
        out = UnsafeMutableRawPointer.allocate(byteCount: outCapacity, alignment: 16)
    }

    deinit {
        ZSTD_freeCCtx(context)
        out.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard !ended else { throw FormatsError.compression("zstd stream written after finish") }
        bytesIn += bytes.count
        var input = ZSTD_inBuffer(src: base, size: bytes.count, pos: 0)
        while input.pos < input.size {
            _ = try compressRound(&input, ZSTD_e_continue)
        }
    }

    public func finish() throws {
        guard !ended else { return }
        var input = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        while try compressRound(&input, ZSTD_e_end) != 0 {}
        ended = true
        try inner.finish()
    }

    /// One ZSTD_compressStream2 call; returns what zstd says remains to flush.
    private func compressRound(_ input: inout ZSTD_inBuffer, _ directive: ZSTD_EndDirective) throws -> Int {
        var output = ZSTD_outBuffer(dst: out, size: outCapacity, pos: 0)
        let remaining = ZSTD_compressStream2(context, &output, &input, directive)
        if ZSTD_isError(remaining) != 0 {
            throw FormatsError.compression("zstd: \(String(cString: ZSTD_getErrorName(remaining)))")
        }
        if output.pos > 0 {
            bytesOut += output.pos
            try inner.write(UnsafeRawBufferPointer(start: out, count: output.pos))
        }
        return remaining
    }
}
