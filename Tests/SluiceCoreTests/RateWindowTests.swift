import SluiceCore
import XCTest

final class RateWindowTests: XCTestCase {
    func testARateNeedsAtLeastTheMinimumSpanOfSamples() {
        var window = RateWindow(span: 10, minimumSpan: 1)
        window.record(0, at: 100)
        window.record(1111, at: 100.001)
        XCTAssertNil(window.perSecond, "1,111 rows in a millisecond is no rate")
        window.record(2000, at: 101)
        XCTAssertEqual(window.perSecond ?? -1, 2000, accuracy: 0.001)
    }

    func testTheRateCoversOnlyTheLastSpan() {
        var window = RateWindow(span: 10, minimumSpan: 1)
        window.record(0, at: 0)
        window.record(1_000_000, at: 1)  // a fast start
        for t in stride(from: 2.0, through: 30, by: 1) { window.record(1_000_000 + (t - 1) * 100, at: t) }
        XCTAssertEqual(window.perSecond ?? -1, 100, accuracy: 0.001, "the fast start left the window")
    }

    func testACountThatGoesBackNeverGivesANegativeRate() {
        var window = RateWindow()
        window.record(50, at: 0)
        window.record(10, at: 2)
        XCTAssertEqual(window.perSecond, 0)
    }

    func testAFloodOfSamplesKeepsTheWindowSmallAndTheRateRight() {
        var window = RateWindow(span: 10, minimumSpan: 1)
        for i in 0...200_000 { window.record(Double(i) * 10, at: Double(i) / 10_000) }  // 100,000 a second for 20 s
        XCTAssertEqual(window.perSecond ?? -1, 100_000, accuracy: 100)
        XCTAssertLessThanOrEqual(window.sampleCount, 110)
    }
}
