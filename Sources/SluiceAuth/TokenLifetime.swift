import Foundation
import SluiceCore

/// How long tokens live: session tokens 24 hours; automation tokens forever unless `--expires-in` says
/// otherwise (a duration such as `90d`, `12h` or `1w`, at most ten years).
public enum TokenLifetime {
    public static let session: TimeInterval = 24 * 3_600
    public static let longestAutomation: TimeInterval = 3_650 * 86_400

    /// The seconds `text` stands for, or `AuthError.invalidExpiry`.
    public static func seconds(parsing text: String) throws -> TimeInterval {
        let seconds: TimeInterval
        do {
            seconds = try DurationParser.seconds(from: text)
        } catch {
            throw AuthError.invalidExpiry(text, reason: "expected a duration such as 90d, 12h or 1w")
        }
        guard seconds > 0 else { throw AuthError.invalidExpiry(text, reason: "it must be longer than zero") }
        guard seconds <= longestAutomation else { throw AuthError.invalidExpiry(text, reason: "it must be at most 3650d") }
        return seconds
    }
}
