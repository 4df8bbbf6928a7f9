import Foundation
import XCTest
@testable import SluiceCore

/// Walks a `CronExpression` the way croniter's tests walk an iterator: each step starts from the
/// tick the step before returned (croniter's `get_next`/`get_prev` on one `croniter` object).
///
/// Times are written as croniter's tests print them: `2010-01-23 12:19` (wall-clock time in the
/// zone, UTC unless given), optionally with seconds (`:34.257877`) and an offset (`+02:00`). Outside
/// UTC every time carries its offset, so a repeated wall-clock time after fall-back is never ambiguous.
enum CroniterPort {
    enum Step: Sendable {
        /// `get_next` must return this time.
        case next(String)
        /// `get_prev` must return this time.
        case previous(String)
        /// `get_next` called this many times without checking (croniter's `for i in range(n): itr.get_next()`).
        case skipNext(Int)
    }

    struct BadTime: Error { let text: String }

    /// Reads `2010-01-23 12:19[:SS[.ffffff]][±HH:MM[:SS]]` as an instant; without an offset the time is
    /// wall-clock time in UTC.
    static func instant(_ text: String) throws -> Date {
        var body = Substring(text)
        var offsetSeconds = 0
        if body.count > 16, let sign = body.dropFirst(16).lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let parts = body[body.index(after: sign)...].split(separator: ":")
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == parts.count, numbers.count == 2 || numbers.count == 3 else { throw BadTime(text: text) }
            offsetSeconds = (numbers[0] * 3600 + numbers[1] * 60 + (numbers.count == 3 ? numbers[2] : 0)) * (body[sign] == "-" ? -1 : 1)
            body = body[..<sign]
        }
        let halves = body.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard halves.count == 2 else { throw BadTime(text: text) }
        let day = halves[0].split(separator: "-").compactMap { Int64($0) }
        let clock = halves[1].split(separator: ":")
        guard day.count == 3, clock.count >= 2, let hour = Int64(clock[0]), let minute = Int64(clock[1]),
              let seconds = clock.count > 2 ? Double(clock[2]) : 0 else { throw BadTime(text: text) }
        let days = CivilTime.days(year: day[0], month: day[1], day: day[2])
        let local = Double(days * CivilTime.secondsPerDay + hour * 3600 + minute * 60) + seconds
        return Date(timeIntervalSince1970: local - Double(offsetSeconds))
    }

    /// `date` in `zone` as `2010-01-23 12:19`, with seconds only when not zero and the offset
    /// outside UTC, the form the expected times are written in.
    static func text(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        let wholeMinute = date.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) == 0
        formatter.dateFormat = (wholeMinute ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss") + (zone.identifier == "UTC" ? "" : "xxx")
        return formatter.string(from: date)
    }

    /// Starts at `start` and checks every step of `steps` in order.
    static func assertWalk(
        _ spec: String, in zoneName: String = "UTC", from start: String, _ steps: [Step],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let cron = try CronExpression(parsing: spec)
        let zone = try XCTUnwrap(TimeZone(identifier: zoneName), file: file, line: line)
        var current = try instant(start)
        for (index, step) in steps.enumerated() {
            let label = "\(spec) in \(zoneName) from \(start), step \(index + 1)"
            switch step {
            case .skipNext(let count):
                for _ in 0..<count {
                    current = try XCTUnwrap(cron.next(after: current, in: zone), label, file: file, line: line)
                }
            case .next(let expected), .previous(let expected):
                if zoneName != "UTC" && !expected.dropFirst(16).contains(where: { $0 == "+" || $0 == "-" }) {
                    return XCTFail("\(label): write the offset of \(expected) outside UTC", file: file, line: line)
                }
                let isNext: Bool
                if case .next = step { isNext = true } else { isNext = false }
                let tick = isNext ? cron.next(after: current, in: zone) : cron.previous(before: current, in: zone)
                guard let tick else { return XCTFail("\(label): no tick, expected \(expected)", file: file, line: line) }
                XCTAssertEqual(text(tick, in: zone), text(try instant(expected), in: zone), label, file: file, line: line)
                current = tick
            }
        }
    }

    /// Each start gets a fresh walk of one `next` step (croniter's tests that build a new iterator
    /// per start time).
    static func assertFirstNext(
        _ spec: String, in zoneName: String = "UTC", _ pairs: [(from: String, next: String)],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        for pair in pairs {
            try assertWalk(spec, in: zoneName, from: pair.from, [.next(pair.next)], file: file, line: line)
        }
    }

    /// croniter_range(start, stop, spec): every tick from `start` through `stop`, both included;
    /// `backwards` walks with `previous(before:in:)` from a `start` after `stop`, as
    /// croniter_range(stop, start, spec) with stop after start does.
    static func assertRange(
        _ spec: String, in zoneName: String = "UTC", from start: String, through stop: String, backwards: Bool = false,
        _ expected: [String], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let cron = try CronExpression(parsing: spec)
        let zone = try XCTUnwrap(TimeZone(identifier: zoneName), file: file, line: line)
        let end = try instant(stop)
        var ticks: [String] = []
        // One second outside `start`, so that a tick at `start` itself is included as croniter_range does.
        var current = try instant(start).addingTimeInterval(backwards ? 1 : -1)
        while let tick = backwards ? cron.previous(before: current, in: zone) : cron.next(after: current, in: zone),
              backwards ? tick >= end : tick <= end, ticks.count <= expected.count {
            ticks.append(text(tick, in: zone))
            current = tick
        }
        XCTAssertEqual(ticks, try expected.map { text(try instant($0), in: zone) }, "\(spec) from \(start) through \(stop)", file: file, line: line)
    }

    /// Each text is rejected with a `ScheduleError` saying `message` (croniter raises
    /// CroniterBadCronError, a ValueError, for each).
    static func assertRejects(_ rows: [(text: String, message: String)], file: StaticString = #filePath, line: UInt = #line) {
        for row in rows {
            XCTAssertThrowsError(try CronExpression(parsing: row.text), row.text, file: file, line: line) { error in
                guard let error = error as? ScheduleError else {
                    return XCTFail("\(row.text): expected ScheduleError, got \(error)", file: file, line: line)
                }
                XCTAssertEqual(error.message, row.message, row.text, file: file, line: line)
            }
        }
    }

    /// The day of the month of each of the first `days.count` ticks after `start` in UTC (croniter's
    /// `_test_sunday_ranges`, which compares `a.day` of 30 `get_next` results).
    static func assertDaysOfNextTicks(_ spec: String, from start: String, _ days: [Int], file: StaticString = #filePath, line: UInt = #line) throws {
        let ticks = try nextTicks(spec, from: start, count: days.count, file: file, line: line)
        XCTAssertEqual(ticks.map { Int($0.dropFirst(8).prefix(2)) ?? 0 }, days, spec, file: file, line: line)
    }

    /// `yy m` of each of the first `months.count` ticks after `start` in UTC (croniter's
    /// `gen_x_mth_results`).
    static func assertYearMonthsOfNextTicks(_ spec: String, from start: String, _ months: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let ticks = try nextTicks(spec, from: start, count: months.count, file: file, line: line)
        XCTAssertEqual(ticks.map { "\($0.dropFirst(2).prefix(2)) \(Int($0.dropFirst(5).prefix(2)) ?? 0)" }, months, spec, file: file, line: line)
    }

    static func nextTicks(_ spec: String, from start: String, count: Int, file: StaticString, line: UInt) throws -> [String] {
        let cron = try CronExpression(parsing: spec)
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"), file: file, line: line)
        var current = try instant(start)
        var ticks: [String] = []
        for _ in 0..<count {
            current = try XCTUnwrap(cron.next(after: current, in: utc), spec, file: file, line: line)
            ticks.append(text(current, in: utc))
        }
        return ticks
    }

    /// croniter.match(spec, time): whether the minute holding `time` is a tick (UTC).
    static func isTick(_ spec: String, at time: String) throws -> Bool {
        let minute = try instant(time).timeIntervalSince1970
        let start = Date(timeIntervalSince1970: (minute / 60).rounded(.down) * 60)
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        return try CronExpression(parsing: spec).next(after: start.addingTimeInterval(-1), in: utc) == start
    }

    /// croniter.match_range(spec, from, to): whether a tick lies in `from...to` (UTC).
    static func hasTick(_ spec: String, from start: String, through stop: String) throws -> Bool {
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        guard let tick = try CronExpression(parsing: spec).next(after: try instant(start).addingTimeInterval(-1), in: utc) else { return false }
        return tick <= (try instant(stop))
    }
}
