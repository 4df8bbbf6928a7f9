import Foundation

/// A `ParquetSink` over a file descriptor, writing with `write(2)` (retrying short writes and
/// `EINTR`).
///
/// It blocks the calling thread, like the whole writer: drive it from a Dispatch queue or a
/// thread of your own, not from Swift's cooperative pool. `close()` (or `deinit`) closes the
/// descriptor when the sink opened it or was asked to own it.
public final class FileSink: ParquetSink {
    private var descriptor: Int32
    private let ownsDescriptor: Bool

    /// Creates (or truncates) the file at `path` with mode 0644.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ParquetError.sinkFailed("could not create the file (\(String(cString: strerror(errno))))")
        }
        descriptor = fd
        ownsDescriptor = true
    }

    /// Writes to an open descriptor; closes it on `close()` only if `closeWhenDone` is true.
    public init(fileDescriptor: Int32, closeWhenDone: Bool) {
        descriptor = fileDescriptor
        ownsDescriptor = closeWhenDone
    }

    /// Writes to the descriptor of a `FileHandle`, which keeps ownership of it.
    public convenience init(fileHandle: FileHandle) {
        self.init(fileDescriptor: fileHandle.fileDescriptor, closeWhenDone: false)
    }

    deinit { try? close() }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw ParquetError.sinkFailed("the file is already closed") }
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let n = Foundation.write(descriptor, pointer, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError.sinkFailed(String(cString: strerror(errno)))
            }
            pointer += n
            remaining -= n
        }
    }

    /// Flushes the file to stable storage (`fsync`).
    public func synchronize() throws {
        guard descriptor >= 0 else { return }
        if fsync(descriptor) != 0 { throw ParquetError.sinkFailed(String(cString: strerror(errno))) }
    }

    /// Closes the descriptor if this sink owns it. Calling it twice does nothing.
    public func close() throws {
        guard descriptor >= 0 else { return }
        let fd = descriptor
        descriptor = -1
        if ownsDescriptor && Foundation.close(fd) != 0 {
            throw ParquetError.sinkFailed(String(cString: strerror(errno)))
        }
    }
}
