import XCTest
@testable import SluiceCore

final class DurationParserTests: XCTestCase {
    func testUnitsCombinationsAndPlainSecondsAreRead() throws {
        let rows: [(String, TimeInterval)] = [
            ("30s", 30), ("5m", 300), ("1h", 3600), ("1d", 86_400), ("1w", 604_800),
            ("1h30m", 5400), ("1h 30m", 5400), ("2H", 7200), ("1d2h3m4s", 93_784),
            ("90", 90), ("0", 0), (" 45s ", 45),
        ]
        for (text, seconds) in rows {
            XCTAssertEqual(try DurationParser.seconds(from: text), seconds, text)
        }
    }

    func testBadDurationsPointAtTheOffendingCharacter() {
        let rows: [(String, Int, String)] = [
            ("1x", 1, "duration '1x' has an unknown unit 'x'; use s, m, h, d or w"),
            ("", 0, "duration is empty; write e.g. 30s, 5m, 1h30m or a number of seconds"),
            ("h", 0, "duration 'h' must be a whole number of seconds or parts like 30s, 5m, 1h, 1d, 1w; 'h' is unexpected"),
            ("1h1h", 3, "duration '1h1h' gives the unit 'h' twice"),
            ("1h 30", 3, "duration '1h 30' has a number without a unit after other parts; add s, m, h, d or w"),
            ("-5m", 0, "duration '-5m' must be a whole number of seconds or parts like 30s, 5m, 1h, 1d, 1w; '-' is unexpected"),
            ("1.5h", 1, "duration '1.5h' has an unknown unit '.'; use s, m, h, d or w"),
        ]
        for (text, offset, message) in rows {
            XCTAssertThrowsError(try DurationParser.seconds(from: text), text) { error in
                XCTAssertEqual((error as? ScheduleError)?.offset, offset, text)
                XCTAssertEqual((error as? ScheduleError)?.message, message, text)
            }
        }
    }
}
