import Foundation
import SluiceBlocking

/// Appends text to log files on one serial Dispatch queue.
///
/// Files are opened, appended and closed per write (`O_APPEND`), so a crash never loses more
/// than the line being written and no descriptor is held per task.
public final class LogWriter: Sendable {
    private let blocking = BlockingQueue(label: "sluice.logs")

    public init() {}

    /// Queues an append; creates folders as needed.
    func append(_ text: String, to url: URL) {
        blocking.queue.async {
            Self.write(text, to: url)
        }
    }

    /// Waits until every queued write is on disk.
    public func flush() async {
        await blocking.run {}
    }

    private static func write(_ text: String, to url: URL) {
        var fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return }
        defer { close(fd) }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, raw.count - offset)
            }
            if n <= 0 { break }
            offset += n
        }
        bytes.removeAll()
    }
}
