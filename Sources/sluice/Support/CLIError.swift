import ArgumentParser
import Foundation

/// Maps errors thrown while a command runs to one clear line on stderr and an exit code.
///
/// ArgumentParser's own results (exit codes, clean exits, validation errors) pass through;
/// everything else prints its `description` (each module's errors are written for users)
/// as `error: ...`. A multi-line description (several DAG problems) prints every line.
enum CLIError {
    static func report(_ error: any Error) -> any Error {
        if error is ExitCode || error is CleanExit || error is ValidationError {
            return error
        }
        // ArgumentParser's own internal errors (help requests, usage) print themselves.
        if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            return error
        }
        FileHandle.standardError.write(Data("error: \(String(describing: error))\n".utf8))
        return ExitCode(1)
    }
}
