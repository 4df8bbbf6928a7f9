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

final class LogTailLongLineTests: XCTestCase {
    func testALogOfOneLongEntryStartsWhereItsTextStarts() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-log-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "[2026-12-03T19:26:38.000000+00:00] chatty / run / talk: try 1 of 1 (vm, pid 1)\n[2026-12-03T19:26:38.000100+00:00] rendered SQL:\n"
        for i in 0..<15000 { text += "-- line \(i) of a long log\n" }
        text += "SELECT 1\n[2026-12-03T19:26:39.000000+00:00] success after 1 s\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        let (tail, size, start) = TaskPage.tail(of: url)
        XCTAssertEqual(start + tail.utf8.count, size)
        XCTAssertLessThan(start, size - 200_000)
    }
}

final class LogTailOneHugeLineTests: XCTestCase {
    func testALineLongerThanThePageIsShownFromAWholeCharacter() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-log-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: url) }
        let text = "[2026-12-03T00:00:00+00:00] rendered SQL: " + String(repeating: "é-x ", count: 100_000) + "\n[2026-12-03T00:00:01+00:00] done\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        let (tail, size, start) = TaskPage.tail(of: url)
        XCTAssertEqual(start + tail.utf8.count, size)
        XCTAssertGreaterThan(tail.utf8.count, TaskPage.logTail - 8, "most of the page, not only the last line")
        XCTAssertFalse(tail.contains("\u{FFFD}"), "no broken character at the cut")
    }
}
