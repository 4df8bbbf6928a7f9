import Foundation
import Logging
import SluiceCore

/// The daemon's log lines on standard output: `<ISO time> <message>` for info and below,
/// `<ISO time> <level>: <message>` for warnings and errors; metadata as `key=value` after the message.
/// `SLUICE_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical) sets the threshold;
/// `SLUICE_LOG_FORMAT=json` (or sluice.yaml's `log_format: json`) writes one JSON object per line instead:
/// `{"time": ..., "level": ..., "message": ..., <metadata>}`.
struct ConsoleLogHandler: LogHandler {
    enum Format: String { case text, json }

    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    var format: Format = .text
    /// Standard output for the daemon; standard error where stdout holds a command's results.
    var toStandardError = false

    init(environment: [String: String]) throws {
        if let text = environment["SLUICE_LOG_LEVEL"], !text.isEmpty {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw CommandError.invalidSetting("SLUICE_LOG_LEVEL", text, "one of trace, debug, info, notice, warning, error, critical")
            }
            logLevel = level
        }
        if let text = environment["SLUICE_LOG_FORMAT"], !text.isEmpty {
            guard let format = Format(rawValue: text.lowercased()) else {
                throw CommandError.invalidSetting("SLUICE_LOG_FORMAT", text, "text or json")
            }
            self.format = format
        }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if format == .json {
            var object: [String: String] = ["time": DateText.iso(Date()), "level": event.level.rawValue, "message": "\(event.message)"]
            for (key, value) in all where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            write(data + Data("\n".utf8))
            return
        }
        var text = DateText.iso(Date()) + " "
        if event.level >= .warning { text += "\(event.level): " }
        text += "\(event.message)"
        if !all.isEmpty {
            text += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        write(Data((text + "\n").utf8))
    }

    private func write(_ data: Data) {
        (toStandardError ? FileHandle.standardError : FileHandle.standardOutput).write(data)
    }
}
