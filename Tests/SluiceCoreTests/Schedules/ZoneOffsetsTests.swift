import Foundation
import XCTest
@testable import SluiceCore

final class ZoneOffsetsTests: XCTestCase {
    /// The learnt table must give Foundation's offset everywhere, in every zone, between 1970 and
    /// about 2110, for instants visited forwards and backwards (a fixed pseudo-random walk).
    func testLearntOffsetsAgreeWithFoundationInEveryZone() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ range: ClosedRange<Int64>) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int64((state >> 33) % UInt64(range.upperBound - range.lowerBound + 1))
        }
        var mismatches: [String] = []
        for identifier in TimeZone.knownTimeZoneIdentifiers {
            guard let zone = TimeZone(identifier: identifier) else { continue }
            var table = ZoneOffsets(zone: zone, learning: true)
            var instant = random(0...400_000_000)
            for _ in 0..<120 {
                instant += random(-5_000_000...40_000_000)
                let learnt = table.offset(atInstant: instant), direct = table.directOffset(atInstant: instant)
                if learnt != direct { mismatches.append("\(identifier) at \(instant): \(learnt) != \(direct)") }
            }
        }
        XCTAssertEqual(mismatches, [], mismatches.prefix(10).joined(separator: "\n"))
    }

    func testLocalTimesInGapsMoveForwardAndRepeatedTimesTakeTheSecondOccurrence() throws {
        let rows: [(zone: String, local: String, instant: String)] = [
            ("Europe/Berlin", "2021-03-28T02:30:00Z", "2021-03-28T01:30:00Z"),    // skipped: 03:30 CEST
            ("Europe/Berlin", "2021-10-31T02:30:00Z", "2021-10-31T01:30:00Z"),    // repeated: the CET one
            ("Europe/Berlin", "2021-10-31T01:59:00Z", "2021-10-30T23:59:00Z"),    // just before: CEST
            ("Europe/Berlin", "2021-10-31T03:00:00Z", "2021-10-31T02:00:00Z"),    // just after: CET
            ("America/New_York", "2021-03-14T02:30:00Z", "2021-03-14T07:30:00Z"), // skipped: 03:30 EDT
            ("America/New_York", "2021-11-07T01:30:00Z", "2021-11-07T06:30:00Z"), // repeated: the EST one
            ("Australia/Lord_Howe", "2021-10-03T02:15:00Z", "2021-10-02T15:45:00Z"), // 30-minute gap
            ("UTC", "2021-03-28T02:30:00Z", "2021-03-28T02:30:00Z"),
        ]
        for row in rows {
            // A local wall-clock time is written as if it were UTC; the table reads it in the zone.
            let local = Int64(try ScheduleTestSupport.date(row.local).timeIntervalSince1970)
            for learning in [false, true] {
                var offsets = ZoneOffsets(zone: try XCTUnwrap(TimeZone(identifier: row.zone)), learning: learning)
                let instant = Date(timeIntervalSince1970: Double(offsets.instant(fromLocal: local)))
                XCTAssertEqual(ScheduleTestSupport.iso(instant), row.instant, "\(row.zone) \(row.local) learning \(learning)")
            }
        }
    }
}
