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
    private var exportRows: [TaskInstanceKey: (rows: Int64, bytes: Int64, since: Date)] = [:]
    private let started = Date()
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
                exportRows[ti.key] = nil
            }
            if ti.state == .failed || ti.state == .upForRetry {
                emitLine("\(ti.state.rawValue): \(ti.dagId) \(ti.runId) \(ti.taskId) (try \(ti.tryNumber)): \(ti.error ?? "")")
            }
        case let .runFinished(run):
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
        case let .taskProgress(key, rows, bytes):
            exportRows[key] = (rows, bytes, exportRows[key]?.since ?? Date())
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
        guard force || now.timeIntervalSince(lastPrint) >= interval else { return }
        lastPrint = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(tasksDone) / elapsed
        let remaining = max(0, totalTasks - tasksDone)
        let eta = rate > 0 ? String(format: "%.0fs", Double(remaining) / rate) : "?"
        var text = String(format: "%@: runs %d/%d, tasks %d/%d, %.1f tasks/s, ETA %@", label, runsDone, totalRuns, tasksDone, totalTasks, rate, eta)
        if failed > 0 { text += ", \(failed) failed" }
        let rows = exportRows.values.reduce(0) { $0 + $1.rows }
        let bytes = exportRows.values.reduce(0) { $0 + $1.bytes }
        if rows > 0, let since = exportRows.values.map(\.since).min() {
            let seconds = max(now.timeIntervalSince(since), 0.001)
            text += String(format: ", exporting %lld rows (%.1f MB) at %.0f rows/s, %.1f MB/s", rows, Double(bytes) / 1e6, Double(rows) / seconds, Double(bytes) / 1e6 / seconds)
        }
        if isTTY {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        } else {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
    }
}
