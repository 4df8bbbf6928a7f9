import SluiceCore
import Crypto
import Foundation

/// Streams one file into a `LocalDestination`: bytes go to `<file>.<random>.partial`, and `finish()`
/// fsyncs it, renames it over the target and fsyncs the folder, so the object appears whole or not at all.
///
/// Small writes are gathered into a 1 MiB buffer; the `write(2)` calls run on the destination's queue.
/// A full disk (ENOSPC, EDQUOT at write, fsync or close) fails with `DestinationError.noSpace` naming the
/// object's path, and the partial file is removed by `abort()`.
public final class LocalObjectWriter: ObjectWriter {
    let key: String
    let uri: String
    let target: String
    let partial: String
    let queue: DispatchQueue
    private var fd: Int32
    private var buffer = Data()
    private var hasher = SHA256()
    private var bytes: Int64 = 0
    private var closed = false

    static let flushThreshold = 1 << 20

    init(key: String, uri: String, target: String, partial: String, fd: Int32, queue: DispatchQueue) {
        self.key = key
        self.uri = uri
        self.target = target
        self.partial = partial
        self.fd = fd
        self.queue = queue
        buffer.reserveCapacity(LocalObjectWriter.flushThreshold)
    }

    deinit {
        // Neither finished nor aborted: do not leave the partial file behind.
        if !closed {
            close(fd)
            unlink(partial)
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) async throws {
        guard !closed else { throw DestinationError.writerClosed(uri: uri) }
        hasher.update(bufferPointer: bytes)
        self.bytes += Int64(bytes.count)
        buffer.append(contentsOf: bytes)
        if buffer.count >= LocalObjectWriter.flushThreshold {
            try await flush()
        }
    }

    public func write(_ bytes: [UInt8]) async throws {
        guard !closed else { throw DestinationError.writerClosed(uri: uri) }
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        self.bytes += Int64(bytes.count)
        buffer.append(contentsOf: bytes)
        if buffer.count >= LocalObjectWriter.flushThreshold {
            try await flush()
        }
    }

    public func write(_ bytes: Data) async throws {
        guard !closed else { throw DestinationError.writerClosed(uri: uri) }
        hasher.update(data: bytes)
        self.bytes += Int64(bytes.count)
        buffer.append(bytes)
        if buffer.count >= LocalObjectWriter.flushThreshold {
            try await flush()
        }
    }

    private func flush() async throws {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer = Data()
        buffer.reserveCapacity(LocalObjectWriter.flushThreshold)
        let fd = self.fd
        let target = self.target
        try await queue.run {
            try chunk.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, base + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw SystemError.io("write", target) // the object's path: what a user knows
                    }
                    offset += n
                }
            }
        }
    }

    public func finish() async throws -> ObjectInfo {
        guard !closed else { throw DestinationError.writerClosed(uri: uri) }
        do {
            try await flush()
        } catch {
            await abort()
            throw error
        }
        closed = true
        let fd = self.fd
        let partial = self.partial
        let target = self.target
        do {
            try await queue.run {
                if fsync(fd) != 0 {
                    let code = errno
                    close(fd)
                    throw SystemError.io("fsync", target, code)
                }
                if close(fd) != 0 { throw SystemError.io("close", target) }
                if rename(partial, target) != 0 { throw SystemError.io("rename into", target) }
                // Make the rename itself durable.
                let folder = open((target as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if folder >= 0 {
                    fsync(folder)
                    close(folder)
                }
            }
        } catch {
            unlink(partial)
            throw error
        }
        let digest = hasher.finalize()
        return ObjectInfo(key: key, bytes: bytes, sha256: Hex.encode(digest))
    }

    public func abort() async {
        guard !closed else { return }
        closed = true
        buffer = Data()
        let fd = self.fd
        let partial = self.partial
        _ = try? await queue.run {
            close(fd)
            unlink(partial)
        }
    }
}
