import Foundation

/// ISO 8601 helpers shared by the schedule tests (UTC, `Z` suffix).
enum ScheduleTestSupport {
    struct BadDate: Error { let text: String }

    static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }

    static func date(_ text: String) throws -> Date {
        guard let date = formatter().date(from: text) else { throw BadDate(text: text) }
        return date
    }

    static func iso(_ date: Date) -> String { formatter().string(from: date) }
}
