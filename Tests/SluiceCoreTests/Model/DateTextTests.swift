import Foundation
import SluiceCore
import XCTest

final class DateTextTests: XCTestCase {
    private let utc = TimeZone(secondsFromGMT: 0)!

    func testAnOffsetBeyondWhatATimeZoneHoldsIsStillAnInstant() {
        // RFC 3339 allows offsets to ±23:59; Foundation's TimeZone stops at ±18:00.
        let date = DateText.parse("2026-01-02T18:46:00+18:46", in: utc)
        XCTAssertEqual(date.map { DateText.iso($0) }, "2026-01-02T00:00:00+00:00")
        XCTAssertEqual(DateText.parse("2026-01-01T00:00:00-23:59", in: utc).map { DateText.iso($0) }, "2026-01-01T23:59:00+00:00")
    }

    func testAnOffsetOutOfRangeIsNotADate() {
        XCTAssertNil(DateText.parse("2026-01-01T00:00:00+24:00", in: utc))
        XCTAssertNil(DateText.parse("2026-01-01T00:00:00+05:60", in: utc))
    }

    func testANaiveTimeIsInTheGivenZone() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        XCTAssertEqual(DateText.parse("2026-07-01T02:00:00", in: berlin).map { DateText.iso($0) }, "2026-07-01T00:00:00+00:00")
        XCTAssertEqual(DateText.parse("2026-07-01T02:00:00.250+02:00", in: utc).map { $0.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) }, 0.25)
    }
}
