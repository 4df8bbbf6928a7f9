import Foundation
import Synchronization
import SluiceBlocking

/// Appends text to log files on one serial Dispatch queue.
///
/// Files are opened, appended and closed per write (`O_APPEND`), so a crash never loses more
/// than the lines being written and no descriptor is held per task. Lines that come while the queue is
/// busy wait together and are written in one go per file (in the order they came): one trip to the queue,
/// and one open per file, for a burst instead of one per line.
public final class LogWriter: Sendable {
    private let blocking = BlockingQueue(label: "sluice.logs")
    /// Appends not written yet; a drain of the queue is on its way whenever this is not empty.
    private let pending = Mutex<[(url: URL, text: String)]>([])

    public init() {}

    /// Queues an append; creates folders as needed.
    func append(_ text: String, to url: URL) {
        let drainNeeded = pending.withLock { pending in
            pending.append((url, text))
            return pending.count == 1
        }
        if drainNeeded { blocking.queue.async { self.drain() } }
    }

    /// Waits until every queued write is on disk.
    public func flush() async {
        await blocking.run {}
    }

    /// On the queue: writes what is pending, each file's lines in one append.
    private func drain() {
        let batch = pending.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        var files: [URL] = []
        var texts: [URL: String] = [:]
        for (url, text) in batch {
            if texts[url] == nil { files.append(url) }
            texts[url, default: ""] += text
        }
        for url in files {
            if let text = texts[url] { Self.write(text, to: url) }
        }
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
