import Foundation

/// The text of `errno` for error messages (strerror), read right after the failing call.
enum SystemError {
    static func message(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// A failed file-system call as a `DestinationError`; a full disk or quota becomes `.noSpace`.
    static func io(_ operation: String, _ path: String, _ code: Int32 = errno) -> DestinationError {
        if code == ENOSPC || code == EDQUOT { return .noSpace(path: path) }
        return .io(operation: operation, path: path, message: message(code))
    }
}
