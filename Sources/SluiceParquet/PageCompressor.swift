import CSnappy
import CZstd

/// Compresses page bodies with one codec, reusing one compression context and one output buffer
/// for the whole life of a writer, so there is no allocation per page.
///
/// libzstd: "When compressing many times, it is recommended to allocate a context just once, and
/// re-use it for each successive compression operation." The context is freed in `deinit`.
final class PageCompressor {
    let codec: ParquetCompression
    private let output = ByteBuffer(capacity: 1 << 20)
    private var zstdContext: OpaquePointer?

    init(codec: ParquetCompression) throws {
        self.codec = codec
        if case .zstd = codec {
            guard let context = ZSTD_createCCtx() else {
                throw ParquetError.compressionFailed(codec: "ZSTD", reason: "could not allocate a compression context")
            }
            zstdContext = context
        }
    }

    deinit {
        if let context = zstdContext { ZSTD_freeCCtx(context) }
    }

    /// Parquet's `CompressionCodec` value.
    var thriftCodec: Int32 {
        switch codec {
        case .none: return 0
        case .snappy: return 1
        case .zstd: return 6
        }
    }

    /// Returns the compressed bytes, valid until the next call.
    func compress(_ input: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer {
        switch codec {
        case .none:
            return input
        case .snappy:
            let bound = snappy_max_compressed_length(input.count)
            output.removeAll()
            output.reserve(bound)
            var length = bound
            let status = snappy_compress(
                input.baseAddress?.assumingMemoryBound(to: CChar.self) ?? UnsafePointer<CChar>(bitPattern: 1),
                input.count, output.base.assumingMemoryBound(to: CChar.self), &length)
            guard status == SNAPPY_OK else {
                throw ParquetError.compressionFailed(codec: "Snappy", reason: "status \(status.rawValue)")
            }
            return UnsafeRawBufferPointer(start: output.base, count: length)
        case .zstd(let level):
            let bound = ZSTD_compressBound(input.count)
            output.removeAll()
            output.reserve(bound)
            let written = ZSTD_compressCCtx(zstdContext, output.base, bound, input.baseAddress, input.count, level)
            if ZSTD_isError(written) != 0 {
                let reason = ZSTD_getErrorName(written).map { String(cString: $0) } ?? "unknown error"
                throw ParquetError.compressionFailed(codec: "ZSTD", reason: reason)
            }
            return UnsafeRawBufferPointer(start: output.base, count: written)
        }
    }
}
