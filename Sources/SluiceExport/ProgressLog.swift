import Foundation
import SluiceExecution

/// Writes an export's progress into its task log every couple of seconds (rows, MB, rows/s, MB/s),
/// so anyone following the run — `dags trigger --wait` in another process, `tasks logs` — sees it.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var lastLine = Date()
    private let interval: TimeInterval
    private let log: TaskLog

    init(log: TaskLog, interval: TimeInterval = 2) {
        self.log = log
        self.interval = interval
    }

    func report(rows: Int64, bytes: Int64) {
        let now = Date()
        lock.lock()
        guard now.timeIntervalSince(lastLine) >= interval else { lock.unlock(); return }
        lastLine = now
        lock.unlock()
        let seconds = max(now.timeIntervalSince(started), 0.001)
        log.line(String(format: "progress: %lld rows, %.1f MB read, %.0f rows/s, %.1f MB/s",
                        rows, Double(bytes) / 1e6, Double(rows) / seconds, Double(bytes) / 1e6 / seconds))
    }
}
