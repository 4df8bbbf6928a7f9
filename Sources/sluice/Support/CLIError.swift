import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluicePostgres
import SluiceStore

/// The one place errors become output and exit codes.
///
/// - A command line that does not parse (unknown option, missing argument, bad value): `error: ...`, then
///   the command's usage, exit 2.
/// - Anything a command throws while it runs (a user's mistake, a broken DAG, a server that is down):
///   exactly one `error: ...` (a multi-line description, such as several DAG problems, continues on the
///   following lines), exit 1. No usage text.
/// - With `--json`, the error is `{"error": {"code": ..., "message": ...}}` instead, on stderr as well.
/// - `--help` and `--version` print to stdout and exit 0; `ExitCode` thrown by a command passes through.
enum CLIError {
    struct Style {
        var json: Bool
    }

    static func exit(parsing error: any Error, style: Style) -> Never {
        let code = Sluice.exitCode(for: error)
        if code == .success || error is CleanExit {
            Sluice.exit(withError: error)  // help, version: printed to stdout by ArgumentParser
        }
        var message = Sluice.fullMessage(for: error)
        if message.hasPrefix("Error: ") { message = String(message.dropFirst(7)) }
        let first = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? message
        if style.json {
            write(json: "usage", first)
        } else {
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        }
        Foundation.exit(2)
    }

    static func exit(running error: any Error, style: Style) -> Never {
        if let exitCode = error as? ExitCode { Foundation.exit(exitCode.rawValue) }
        // ArgumentParser's own results (help, version, a usage error found while running) keep their meaning.
        if error is CleanExit || (!(error is ValidationError) && String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")) {
            exit(parsing: error, style: style)
        }
        let message: String
        if let validation = error as? ValidationError {
            message = validation.message
        } else {
            message = String(describing: error)
        }
        if style.json {
            write(json: code(for: error), message)
        } else {
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        }
        Foundation.exit(1)
    }

    /// A short machine-readable name for the kind of error.
    static func code(for error: any Error) -> String {
        switch error {
        case is ValidationError: return "invalid_argument"
        case is CommandError: return "configuration"
        case is DagProblem: return "invalid_dag"
        case is LookupError: return "not_found"
        case is StoreError: return "metadata_store"
        case is PostgresError: return "database"
        default: return "error"
        }
    }

    private static func write(json code: String, _ message: String) {
        let object = JSONValue.object([("error", .object([("code", .string(code)), ("message", .string(message))]))])
        FileHandle.standardError.write(Data((object.jsonText + "\n").utf8))
    }
}
