import Foundation
import Logging
import SluiceCore

/// The daemon's log lines on standard output: `<ISO time> <message>` for info and below,
/// `<ISO time> <level>: <message>` for warnings and errors; metadata as `key=value` after the message.
/// `SLUICE_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical) sets the threshold.
struct ConsoleLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = Logger.Level(rawValue: ProcessInfo.processInfo.environment["SLUICE_LOG_LEVEL"] ?? "") ?? .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var text = DateText.iso(Date()) + " "
        if event.level >= .warning { text += "\(event.level): " }
        text += "\(event.message)"
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if !all.isEmpty {
            text += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
