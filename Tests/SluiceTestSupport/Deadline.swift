import Foundation

/// Waiting on a condition with a deadline, the tests' alternative to sleeping for synchronisation.
public enum Deadline {
    /// Polls `condition` every 20 ms until it holds; throws naming `what` after `timeout` seconds.
    public static func wait(for what: String, timeout: TimeInterval = 60, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() > deadline { throw TestProcessError(message: "timed out after \(Int(timeout)) s waiting for \(what)") }
            usleep(20_000)
        }
    }
}
