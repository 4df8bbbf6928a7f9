import Foundation
import SluiceExecution
import Synchronization

/// Writes an export's progress into its task log every couple of seconds (rows, MB, rows/s, MB/s),
/// so anyone following the run — `dags trigger --wait` in another process, `tasks logs` — sees it.
final class ProgressLog: Sendable {
    private let started = Date()
    private let lastLine = Mutex(Date())
    private let interval: TimeInterval
    private let log: TaskLog

    init(log: TaskLog, interval: TimeInterval = 2) {
        self.log = log
        self.interval = interval
    }

    func report(rows: Int64, bytes: Int64) {
        let now = Date()
        let due = lastLine.withLock { last in
            guard now.timeIntervalSince(last) >= interval else { return false }
            last = now
            return true
        }
        guard due else { return }
        let seconds = max(now.timeIntervalSince(started), 0.001)
        log.line(String(format: "progress: %lld rows, %.1f MB read, %.0f rows/s, %.1f MB/s",
                        rows, Double(bytes) / 1e6, Double(rows) / seconds, Double(bytes) / 1e6 / seconds))
    }
}
