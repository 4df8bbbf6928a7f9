import Synchronization

/// An `ExportStream` handed to the connection's Dispatch queue: the COPY callback and the cursor loop
/// feed it there while the async caller waits. The stream lives in a `Mutex` so the hand-off is checked
/// by the compiler; the lock is never contended (one queue at a time uses it).
final class LockedStream: Sendable {
    /// What the export reports once the stream is finished.
    struct Summary: Sendable {
        var parts: [ExportStream.Part]
        var rows: Int64
        var bytesIn: Int64
        var bytesOut: Int64
        var nullCounts: [Int64]
    }

    private let stream: Mutex<ExportStream>

    init(_ stream: sending ExportStream) {
        self.stream = Mutex(stream)
    }

    /// Takes one chunk of the COPY stream (see `ExportStream.consume`). The buffer is valid for the call
    /// only, so it crosses into the lock as an address and a length (plain integers) and is rebuilt inside.
    func consume(_ bytes: UnsafeRawBufferPointer) throws {
        let address = Int(bitPattern: bytes.baseAddress)
        let count = bytes.count
        try stream.withLock { stream in
            try stream.consume(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: address), count: count))
        }
    }

    /// Ends the stream (see `ExportStream.finish`).
    func finish() throws {
        try stream.withLock { try $0.finish() }
    }

    /// Bytes received from the database so far.
    var bytesIn: Int64 {
        stream.withLock { $0.bytesIn }
    }

    var summary: Summary {
        stream.withLock { Summary(parts: $0.parts, rows: $0.rows, bytesIn: $0.bytesIn, bytesOut: $0.bytesOut, nullCounts: $0.nullCounts) }
    }
}
