import Foundation
@testable import SluiceUI
import XCTest

final class LogTailTests: XCTestCase {
    func testALongLogShowsItsEndFromAWholeLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-log-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: url) }
        let lines = (1...20_000).map { "[2026-12-03T00:00:00+00:00] line \($0) " + String(repeating: "x", count: 20) }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        let (text, size, start) = TaskPage.tail(of: url)
        XCTAssertEqual(size, try Data(contentsOf: url).count)
        XCTAssertGreaterThan(start, 0)
        XCTAssertLessThanOrEqual(text.utf8.count, TaskPage.logTail)
        XCTAssertEqual(start + text.utf8.count, size, "the text runs from start to the end")
        XCTAssertTrue(text.hasPrefix("[2026-12-03T00:00:00+00:00] line "), "starts at a whole line")
        XCTAssertTrue(text.hasSuffix("line 20000 " + String(repeating: "x", count: 20) + "\n"))
        XCTAssertEqual(TaskPage.firstAndLastStamp(text).first, TaskPage.firstAndLastStamp(text).last)
    }

    func testAShortLogIsShownWhole() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-log-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: url) }
        try "[2026-12-03T00:00:01+00:00] a\n[2026-12-03T00:00:05+00:00] b\n".write(to: url, atomically: true, encoding: .utf8)
        let (text, size, start) = TaskPage.tail(of: url)
        XCTAssertEqual(start, 0)
        XCTAssertEqual(text.utf8.count, size)
        let stamps = TaskPage.firstAndLastStamp(text)
        XCTAssertEqual(stamps.last.map { $0.timeIntervalSince(stamps.first ?? $0) }, 4)
    }
}
