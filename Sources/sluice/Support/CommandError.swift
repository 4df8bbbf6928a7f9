import Foundation
import SluiceCore

/// Mistakes the command line itself finds (the library modules have their own error types).
enum CommandError: Error, CustomStringConvertible {
    /// A command that needs the metadata store ran outside any project, with no `SLUICE_HOME`.
    case notInProject(String)
    /// A setting from the environment or sluice.yaml that cannot be used.
    case invalidSetting(String, String, String)
    /// `sluice notify test` reached no receiver, or the receiver refused (its answer is masked).
    case notDelivered(notifier: String, answer: String)

    var description: String {
        switch self {
        case let .notInProject(folder):
            return "not inside a Sluice project: no sluice.yaml (nor dags/ beside .sluice/) in \(UserText.quote(folder)) or any folder above it; "
                + "run `sluice init` to make one, cd into a project, or set SLUICE_HOME"
        case let .invalidSetting(name, value, expected):
            return "\(name)='\(UserText.quote(value))' is not usable: expected \(expected)"
        case let .notDelivered(notifier, answer):
            return "notifier \(notifier) did not take the test message: \(answer); check SLUICE_NOTIFY_\(notifier.uppercased()) and the receiver"
        }
    }
}
