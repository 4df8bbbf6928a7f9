import Foundation
import SluiceCore
import SluiceExecution
import Synchronization

/// Live progress on stderr for backfills and `--wait`: runs and tasks done, rate, ETA, and
/// one line per failed task. An observer of execution events; thread-safe.
final class ProgressReporter: Sendable {
    private let state: Mutex<ProgressState>

    init(label: String, totalRuns: Int, totalTasks: Int, printTaskLogs: Bool = false) {
        state = Mutex(ProgressState(label: label, totalRuns: totalRuns, totalTasks: totalTasks, printTaskLogs: printTaskLogs))
    }

    func observe(_ event: ExecutionEvent) {
        state.withLock { $0.observe(event) }
    }

    func finish() {
        state.withLock { $0.finish() }
    }
}

/// The reporter's counters and its output; used under the reporter's lock only.
struct ProgressState {
    private let totalRuns: Int
    private var totalTasks: Int
    private var runsDone = 0
    private var tasksDone = 0
    private var failed = 0
    /// Rows and bytes of exports running now; finished ones move into `doneRows`/`doneBytes`.
    private var exportRows: [TaskInstanceKey: (rows: Int64, bytes: Int64)] = [:]
    private var doneRows: Int64 = 0
    private var doneBytes: Int64 = 0
    private var taskRate = RateWindow()
    private var rowRate = RateWindow()
    private var byteRate = RateWindow()
    private let clock = ContinuousClock()
    private let started = ContinuousClock.now
    private var lastPrint = Date.distantPast
    private let isTTY = isatty(2) == 1
    private let printTaskLogs: Bool
    private let label: String

    init(label: String, totalRuns: Int, totalTasks: Int, printTaskLogs: Bool = false) {
        self.label = label
        self.totalRuns = totalRuns
        self.totalTasks = totalTasks
        self.printTaskLogs = printTaskLogs
    }

    mutating func observe(_ event: ExecutionEvent) {
        switch event {
        case let .taskFinished(ti):
            if ti.state.isFinished {
                tasksDone += 1
                if ti.state == .failed || ti.state == .upstreamFailed { failed += 1 }
                if ti.state == .success, let done = exportRows[ti.key] {
                    doneRows += done.rows
                    doneBytes += done.bytes
                }
                exportRows[ti.key] = nil
            }
            if ti.state == .failed || ti.state == .upForRetry {
                emitLine("\(ti.state.rawValue): \(ti.dagId) \(ti.runId) \(ti.taskId) (try \(ti.tryNumber)): \(ti.error ?? "")")
            }
        case let .runFinished(run, _):
            runsDone += 1
            if printTaskLogs || !isTTY { emitLine("run \(run.runId): \(run.state.rawValue)") }
        case let .taskLog(key, line):
            if printTaskLogs { emitLine("[\(key.taskId)] \(line)") }
        case let .taskSkipped(ti):
            emitLine("skipped \(ti.taskId) of \(ti.runId): \(SkipText.owner(ti))")
        case let .runAbandoned(run, reason):
            emitLine("left run \(run.runId): \(reason)")
        case let .storeWaiting(message):
            emitLine(message)
        case let .storeResumed(name):
            emitLine("metadata store \(name): writable again; resuming")
        case let .leaseLost(keys, _):
            emitLine("stopping \(keys.count) task(s): their lease could not be renewed in time")
        case let .taskProgress(key, rows, bytes):
            exportRows[key] = (rows, bytes)
        default:
            break
        }
        render(force: false)
    }

    mutating func finish() {
        render(force: true)
        if isTTY { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private mutating func emitLine(_ text: String) {
        let prefix = isTTY ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write(Data("\(prefix)\(text)\n".utf8))
        lastPrint = .distantPast
    }

    private mutating func render(force: Bool) {
        let now = Date()
        let interval: TimeInterval = isTTY ? 0.1 : 5
        let seconds = Self.seconds(clock.now - started)
        let rows = exportRows.values.reduce(0) { $0 + $1.rows }
        let bytes = exportRows.values.reduce(0) { $0 + $1.bytes }
        taskRate.record(Double(tasksDone), at: seconds)
        rowRate.record(Double(doneRows + rows), at: seconds)
        byteRate.record(Double(doneBytes + bytes), at: seconds)
        guard force || now.timeIntervalSince(lastPrint) >= interval else { return }
        lastPrint = now
        var text = String(format: "%@: runs %d/%d, tasks %d/%d", label, runsDone, totalRuns, tasksDone, totalTasks)
        if let rate = taskRate.perSecond {
            let remaining = max(0, totalTasks - tasksDone)
            text += String(format: ", %.1f tasks/s", rate) + (rate > 0 ? String(format: ", ETA %.0fs", Double(remaining) / rate) : "")
        }
        if failed > 0 { text += ", \(failed) failed" }
        if rows > 0 {
            text += String(format: ", exporting %lld rows (%.1f MB)", rows, Double(bytes) / 1e6)
            if let perSecond = rowRate.perSecond, let bytesPerSecond = byteRate.perSecond {
                text += String(format: " at %.0f rows/s, %.1f MB/s", perSecond, bytesPerSecond / 1e6)
            }
        }
        if isTTY {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        } else {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (whole, atto) = duration.components
        return Double(whole) + Double(atto) / 1e18
    }
}
