import Foundation
import XCTest
@testable import SluiceCore

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

    /// Checks `next(after:)` and `previous(before:)` of every row.
    static func assertTicks(_ rows: [CronExpressionTests.Row], file: StaticString = #filePath, line: UInt = #line) throws {
        for row in rows {
            let cron = try CronExpression(parsing: row.spec)
            let zone = try XCTUnwrap(TimeZone(identifier: row.zone), file: file, line: line)
            let after = try date(row.after)
            let label = "\(row.spec) in \(row.zone) from \(row.after) (\(row.note))"
            XCTAssertEqual(cron.next(after: after, in: zone).map(iso), row.next, "next: " + label, file: file, line: line)
            XCTAssertEqual(cron.previous(before: after, in: zone).map(iso), row.previous, "previous: " + label, file: file, line: line)
        }
    }

    /// Checks that each text is rejected with a `ScheduleError` at `offset` saying `message`.
    static func assertErrors(_ rows: [(text: String, offset: Int, message: String)], file: StaticString = #filePath, line: UInt = #line) {
        for row in rows {
            XCTAssertThrowsError(try CronExpression(parsing: row.text), row.text, file: file, line: line) { error in
                guard let error = error as? ScheduleError else {
                    return XCTFail("\(row.text): expected ScheduleError, got \(error)", file: file, line: line)
                }
                XCTAssertEqual(error.offset, row.offset, row.text, file: file, line: line)
                XCTAssertEqual(error.message, row.message, row.text, file: file, line: line)
                XCTAssertEqual(error.description, row.message, row.text, file: file, line: line)
            }
        }
    }
}
