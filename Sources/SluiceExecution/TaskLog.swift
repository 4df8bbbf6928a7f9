import Foundation
import SluiceCore

/// The log of one try of one task: `$SLUICE_HOME/logs/<dag>/<run_id>/<task>/<try>.log`.
///
/// Every line goes through the masker first, so no secret value reaches the file or the terminal.
/// Writes happen on the log writer's serial queue (blocking file I/O stays off the cooperative pool).
public final class TaskLog: Sendable {
    public let key: TaskInstanceKey
    public let tryNumber: Int
    public let url: URL
    let writer: LogWriter
    let masker: SecretMasker
    let observer: ExecutionObserver?

    init(key: TaskInstanceKey, tryNumber: Int, url: URL, writer: LogWriter, masker: SecretMasker, observer: ExecutionObserver?) {
        self.key = key
        self.tryNumber = tryNumber
        self.url = url
        self.writer = writer
        self.masker = masker
        self.observer = observer
    }

    /// The log file of a try.
    public static func url(logsFolder: URL, key: TaskInstanceKey, tryNumber: Int) -> URL {
        logsFolder.appendingPathComponent(PathComponent.safe(key.dagId))
            .appendingPathComponent(PathComponent.safe(key.runId))
            .appendingPathComponent(PathComponent.safe(key.taskId))
            .appendingPathComponent("\(tryNumber).log")
    }

    /// Appends a timestamped, masked line.
    public func line(_ text: String, extraSecrets: SecretMasker? = nil) {
        var masked = masker.mask(text)
        if let extraSecrets { masked = extraSecrets.mask(masked) }
        let stamped = "[\(LogClock.stamp())] \(masked)\n"
        writer.append(stamped, to: url)
        observer?(.taskLog(key, masked))
    }
}

/// File-name-safe path components (run ids contain ':' and '+', which are fine on Linux, but '/' is not).
enum PathComponent {
    static func safe(_ text: String) -> String {
        text.replacingOccurrences(of: "/", with: "_")
    }
}

/// Timestamps for log lines.
enum LogClock {
    static func stamp(_ date: Date = Date()) -> String {
        DateText.iso(date)
    }
}
