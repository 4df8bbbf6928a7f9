import Foundation

/// Streams one object into a destination.
///
/// Used by one task at a time (it is not safe to call concurrently). The object appears at its key only
/// when `finish()` returns; `abort()` discards everything written so far. A writer that is neither finished
/// nor aborted leaves at most a `.partial` file or an incomplete multipart upload behind, both of which the
/// destinations know how to clean up. Bytes passed to `write` are copied before the call returns.
public protocol ObjectWriter: AnyObject {
    /// Appends bytes. The buffer is only read during the call.
    func write(_ bytes: UnsafeRawBufferPointer) async throws
    /// Appends the bytes of an array.
    func write(_ bytes: [UInt8]) async throws
    /// Appends the bytes of a `Data`.
    func write(_ bytes: Data) async throws
    /// Publishes the object and returns its key, size and SHA-256.
    func finish() async throws -> ObjectInfo
    /// Discards the object. Never throws; safe to call after a failure or twice.
    func abort() async
}
