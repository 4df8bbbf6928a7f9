import Foundation

/// The text of `errno` for error messages (strerror), read right after the failing call.
enum SystemError {
    static func message(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    static func io(_ operation: String, _ path: String, _ code: Int32 = errno) -> DestinationError {
        .io(operation: operation, path: path, message: message(code))
    }
}
