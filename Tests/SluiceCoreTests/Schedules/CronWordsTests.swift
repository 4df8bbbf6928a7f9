import Foundation
import SluiceCore
import XCTest

final class CronWordsTests: XCTestCase {
    private func words(_ expression: String) throws -> String? {
        try CronExpression(parsing: expression).words
    }

    func testCommonSchedulesReadAsWords() throws {
        XCTAssertEqual(try words("30 2 * * 1-5"), "at 02:30 on Monday to Friday")
        XCTAssertEqual(try words("@daily"), "at 00:00 every day")
        XCTAssertEqual(try words("@hourly"), "every hour at :00")
        XCTAssertEqual(try words("15,45 * * * *"), "every hour at :15 and :45")
        XCTAssertEqual(try words("0 6,18 * * *"), "at 06:00 and 18:00 every day")
        XCTAssertEqual(try words("0 3 1 * *"), "at 03:00 on day 1 of the month")
        XCTAssertEqual(try words("0 3 * * 1,3,5"), "at 03:00 on Monday, Wednesday and Friday")
        XCTAssertEqual(try words("0 0 1 1,7 *"), "at 00:00 on day 1 of the month in January and July")
        XCTAssertEqual(try words("* * * * *"), "every minute")
    }

    func testWhatWordsWouldNotMakeClearerStaysAnExpression() throws {
        XCTAssertNil(try words("*/7 1-20 * * *"))
        XCTAssertNil(try words("0 0 L * *"))
    }

    func testATimetableNamesItsZone() throws {
        let berlin = try XCTUnwrap(TimeZone(identifier: "Europe/Berlin"))
        let timetable = try Timetable(schedule: "30 2 * * 1-5", kind: .interval, timeZone: berlin)
        XCTAssertEqual(timetable.words, "at 02:30 on Monday to Friday, Europe/Berlin")
    }
}
