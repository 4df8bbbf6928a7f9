#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to a file descriptor through a 1 MB buffer, so many small writes become few `write(2)` calls.
///
/// `init(path:)` opens (creating or truncating) and owns the file, closing it in `finish()`; with
/// `init(fileDescriptor:closeOnFinish:)` the caller decides. It does not fsync: durability belongs to
/// the destination's publish step.
public final class FileByteSink: ByteSink {
    public let fileDescriptor: Int32
    /// Bytes handed to `write(2)` so far.
    public private(set) var bytesWritten = 0
    private let closeOnFinish: Bool
    private var closed = false
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var count = 0

    public init(fileDescriptor: Int32, closeOnFinish: Bool = false, bufferSize: Int = 1 << 20) {
        self.fileDescriptor = fileDescriptor
        self.closeOnFinish = closeOnFinish
        self.capacity = max(4096, bufferSize)
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    /// Creates or truncates `path` (mode 0644) and owns the descriptor.
    public convenience init(path: String, bufferSize: Int = 1 << 20) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FormatsError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        self.init(fileDescriptor: fd, closeOnFinish: true, bufferSize: bufferSize)
    }

    deinit {
        if closeOnFinish && !closed { close(fileDescriptor) }
        buffer.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let src = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity {
            try flush()
            if bytes.count >= capacity {
                try writeAll(src, bytes.count)
                return
            }
        }
        (buffer + count).copyMemory(from: src, byteCount: bytes.count)
        count += bytes.count
    }

    public func finish() throws {
        try flush()
        if closeOnFinish && !closed {
            closed = true
            if close(fileDescriptor) != 0 {
                throw FormatsError.io("close failed: \(String(cString: strerror(errno)))")
            }
        }
    }

    private func flush() throws {
        if count > 0 {
            try writeAll(UnsafeRawPointer(buffer), count)
            count = 0
        }
    }

    private func writeAll(_ src: UnsafeRawPointer, _ n: Int) throws {
        var done = 0
        while done < n {
            #if canImport(Glibc)
            let r = Glibc.write(fileDescriptor, src + done, n - done)
            #else
            let r = Darwin.write(fileDescriptor, src + done, n - done)
            #endif
            if r < 0 {
                if errno == EINTR { continue }
                throw FormatsError.io(String(cString: strerror(errno)))
            }
            done += r
        }
        bytesWritten += n
    }
}
