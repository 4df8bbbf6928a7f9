import Foundation
import XCTest
@testable import SluiceCore

/// Expressions croniter 7.0.0's tests show it rejects: Sluice rejects them too, each with its own
/// message. Scope and rules: CroniterPortTests.
final class CroniterPortErrorTests: XCTestCase {
    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::testError
    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_error_alpha_cron
    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_error_bad_cron
    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_is_valid
    // get_next(str) raising TypeError and is_valid with hash_id are out of scope
    func testMalformedExpressionsAreRejected() throws {
        CroniterPort.assertRejects([
            ("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 4"),
            ("-90 * * * *", "minute field '-90' is not a valid range (negative numbers are not allowed)"),
            ("a * * * *", "minute field 'a' is not a number"),
            ("* * * janu-jun *", "month field 'janu' is not a number or a month name (JAN-DEC)"),
            ("1-1_0 * * * *", "minute field '1_0' is not a number"),
            ("0-10/error * * * *", "minute field step 'error' is not a whole number"),
            ("0-10/ * * * *", "minute field step '' is not a whole number"),
            ("0-1& * * * *", "minute field '1&' is not a number"),
            ("* * 5-100 * *", "day-of-month field '100' is out of range 1-31"),
            ("* * * * * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 8"),
            ("0 * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 3"),
        ])
        XCTAssertNoThrow(try CronExpression(parsing: "0 * * * *"))
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_invalid_zerorepeat
    func testZeroStepIsRejected() throws {
        CroniterPort.assertRejects([
            ("*/0 * * * *", "minute field step '0' must be at least 1"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_bug34
    // croniter raises CroniterBadDateError ('failed to find next date') at get_next; Sluice rejects the expression when parsing it
    func testFebruary31IsRejected() throws {
        CroniterPort.assertRejects([
            ("* * 31 2 *", "day-of-month field '31' never occurs in the months of month field '2', so the schedule would never run"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_nth_out_of_range
    func testNthOccurrenceOutOfRangeIsRejected() throws {
        CroniterPort.assertRejects([
            ("0 0 * * 1#7", "day-of-week field '1#7' asks for occurrence '7'; '#' takes 1-5 (FRI#3 is the third Friday of the month)"),
            ("0 0 * * 1#0", "day-of-week field '1#0' asks for occurrence '0'; '#' takes 1-5 (FRI#3 is the third Friday of the month)"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_last_out_of_range
    func testLastWeekdayOutOfRangeIsRejected() throws {
        CroniterPort.assertRejects([
            ("0 0 * * L-1", "day-of-week field 'L' is not a valid use of 'L'; write 'L' and a day number 0-7 (L5 is the last Friday of the month)"),
            ("0 0 * * L8", "day-of-week field '8' is out of range 0-7"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_invalid_question_mark
    func testQuestionMarkOutsideAWholeDayFieldIsRejected() throws {
        CroniterPort.assertRejects([
            ("? * * * *", "minute field '?' uses '?', which croniter accepts only as the whole day-of-month or day-of-week field"),
            ("* ? * * *", "hour field '?' uses '?', which croniter accepts only as the whole day-of-month or day-of-week field"),
            ("* * ?,* * *", "day-of-month field '?,*' uses '?', which croniter accepts only as the whole day-of-month or day-of-week field"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_overflow
    func testHugeRangeIsRejected() throws {
        CroniterPort.assertRejects([
            ("0-10000000 * * * *", "minute field '10000000' is out of range 0-59"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_issue156
    func testUnknownNameInADayOfWeekListIsRejected() throws {
        CroniterPort.assertRejects([
            ("* * * * *,b", "day-of-week field 'b' is not a number or a day name (SUN-SAT)"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_issue_k6
    func testZeroDayOfMonthOrMonthIsRejected() throws {
        CroniterPort.assertRejects([
            ("0 0 0 0 0", "day-of-month field '0' is out of range 1-31"),
            ("0 0 0 1 0", "day-of-month field '0' is out of range 1-31"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_issue_k34
    func testStepOnLastDayOfMonthIsRejected() throws {
        CroniterPort.assertRejects([
            ("4 0 L/2 2 0", "day-of-month field 'L/2' puts a step on 'L'; 'L' (the last day) stands alone, in a list or at the end of a range (1-L/2)"),
        ])
    }

    // croniter 7.0.0 src/croniter/tests/test_croniter.py::CroniterTest::test_revert_issue_90_aka_support_DOW7
    func testSundayWrittenAs7IsAccepted() throws {
        XCTAssertNoThrow(try CronExpression(parsing: "* * * * 1-7"))
        XCTAssertNoThrow(try CronExpression(parsing: "* * * * 7"))
    }
}
