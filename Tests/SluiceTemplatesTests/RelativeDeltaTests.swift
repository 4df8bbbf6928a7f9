import XCTest
@testable import SluiceTemplates

/// dateutil's `relativedelta` as `macros.dateutil.relativedelta.relativedelta`. Every expected value was produced by rendering the same template with
/// Jinja 3.1.6 + pendulum 3.3.0 + python-dateutil + Babel + Airflow 3.3.2's `macros`
/// (python in /work/venv-airflow, SandboxedEnvironment + StrictUndefined, `PythonReferenceDates`'
/// variables as pendulum datetimes) and copied here unchanged.
final class RelativeDeltaTests: XCTestCase {
    /// See `PythonReferenceDates`.
    var variables: [String: TemplateValue] { PythonReferenceDates.variables }

    /// repr() and attributes, normalised as dateutil `_fix` does.
    func testRelativeDeltaReprNormalisesAsDateutil() {
        assertRenders([
            // repr
            RenderCase("{{ macros.dateutil.relativedelta.relativedelta(months=1) }} {{ macros.dateutil.relativedelta.relativedelta(months=13, days=-2, hours=25) }} {{ macros.dateutil.relativedelta.relativedelta(weeks=2, microseconds=1500000) }}", "relativedelta(months=+1) relativedelta(years=+1, months=+1, days=-1, hours=+1) relativedelta(days=+14, seconds=+1, microseconds=+500000)"),
            RenderCase("{{ macros.dateutil.relativedelta.relativedelta(days=+1, weekday=macros.dateutil.relativedelta.FR) }} {{ macros.dateutil.relativedelta.relativedelta(day=31, weekday=macros.dateutil.relativedelta.MO(-1)) }} {{ macros.dateutil.relativedelta.relativedelta(year=2020, month=2, hour=0, minute=0) }}", "relativedelta(days=+1, weekday=FR) relativedelta(day=31, weekday=MO(-1)) relativedelta(year=2020, month=2, hour=0, minute=0)"),
            RenderCase("{{ macros.dateutil.relativedelta.relativedelta(days=1000000) }} {{ macros.dateutil.relativedelta.relativedelta(seconds=-1234567) }} {{ macros.dateutil.relativedelta.relativedelta() }} {{ macros.dateutil.relativedelta.relativedelta(weekday=2) }}", "relativedelta(days=+1e+06) relativedelta(days=-14, hours=-6, minutes=-56, seconds=-7) relativedelta() relativedelta(weekday=WE)"),
            RenderCase("{{ macros.dateutil.relativedelta.relativedelta(months=14).years }} {{ macros.dateutil.relativedelta.relativedelta(months=14).months }} {{ macros.dateutil.relativedelta.relativedelta(days=15).weeks }} {{ macros.dateutil.relativedelta.relativedelta(day=3).day }} {{ macros.dateutil.relativedelta.relativedelta(months=1).day }}", "1 2 2 3 None"),
        ], variables)
    }

    /// datetime ± relativedelta: month ends, 2024-02-29 + years=1, weekdays, DST days in Berlin.
    func testRelativeDeltaMovesDatetimesClampingMonthEndsLeapDaysAndWeekdays() {
        assertRenders([
            // with datetimes: month ends clamp, leap days, weekdays
            RenderCase("{{ leap + macros.dateutil.relativedelta.relativedelta(years=1) }} {{ leap - macros.dateutil.relativedelta.relativedelta(years=1) }} {{ leap + macros.dateutil.relativedelta.relativedelta(years=4) }}", "2025-02-28 12:00:00+00:00 2023-02-28 12:00:00+00:00 2028-02-29 12:00:00+00:00"),
            RenderCase("{{ monthend + macros.dateutil.relativedelta.relativedelta(months=1) }} {{ monthend + macros.dateutil.relativedelta.relativedelta(months=3) }} {{ macros.datetime(2021, 1, 31) + macros.dateutil.relativedelta.relativedelta(months=1) }}", "2021-02-28 23:30:00+00:00 2021-04-30 23:30:00+00:00 2021-02-28 00:00:00"),
            RenderCase("{{ dt - macros.dateutil.relativedelta.relativedelta(months=1, day=31) }} {{ dt + macros.dateutil.relativedelta.relativedelta(day=1, months=-1) }} {{ dt + macros.dateutil.relativedelta.relativedelta(day=31) }}", "2020-12-31 00:00:00+00:00 2020-12-01 00:00:00+00:00 2021-01-31 00:00:00+00:00"),
            RenderCase("{{ dt + macros.dateutil.relativedelta.relativedelta(weekday=macros.dateutil.relativedelta.FR) }} {{ dt + macros.dateutil.relativedelta.relativedelta(days=1, weekday=macros.dateutil.relativedelta.FR) }} {{ dt + macros.dateutil.relativedelta.relativedelta(day=31, weekday=macros.dateutil.relativedelta.FR(-1)) }} {{ dt + macros.dateutil.relativedelta.relativedelta(weekday=macros.dateutil.relativedelta.MO(+2)) }}", "2021-01-15 00:00:00+00:00 2021-01-22 00:00:00+00:00 2021-01-29 00:00:00+00:00 2021-01-25 00:00:00+00:00"),
            RenderCase("{{ dt + macros.dateutil.relativedelta.relativedelta(hours=36, minutes=-1) }} {{ dt + macros.dateutil.relativedelta.relativedelta(hour=6, minute=30) }} {{ leap + macros.dateutil.relativedelta.relativedelta(leapdays=1, months=1) }}", "2021-01-16 11:59:00+00:00 2021-01-15 06:30:00+00:00 2024-03-30 12:00:00+00:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin') + macros.dateutil.relativedelta.relativedelta(days=1) }} {{ spring.in_tz('Europe/Berlin') + macros.dateutil.relativedelta.relativedelta(hours=2) }} {{ autumn.in_tz('Europe/Berlin') + macros.dateutil.relativedelta.relativedelta(months=-1) }} {{ autumn.in_tz('Europe/Berlin') + macros.dateutil.relativedelta.relativedelta(hour=2) }}", "2021-03-29 02:30:00+02:00 2021-03-28 04:30:00+02:00 2021-09-30 02:30:00+02:00 2021-10-31 02:30:00+02:00"),
            RenderCase("{{ (dt + macros.dateutil.relativedelta.relativedelta(months=1)).format('YYYY-MM') }} {{ (dt + macros.dateutil.relativedelta.relativedelta(months=1)) | string }}", "2021-02 2021-02-15 00:00:00+00:00"),
        ], variables)
    }

    /// date ± relativedelta, relativedelta ± relativedelta/timedelta, * int, negation, equality.
    func testRelativeDeltaWithDatesDeltasAndNumbers() {
        assertRenders([
            // with dates, relativedeltas, timedeltas, numbers
            RenderCase("{{ leap.date() + macros.dateutil.relativedelta.relativedelta(years=1) }} {{ dt.date() - macros.dateutil.relativedelta.relativedelta(months=2) }} {{ dt.date() + macros.dateutil.relativedelta.relativedelta(hours=1) }}", "2025-02-28 2020-11-15 2021-01-15 01:00:00"),
            RenderCase("{{ macros.dateutil.relativedelta.relativedelta(months=1) + macros.dateutil.relativedelta.relativedelta(months=11, day=3) }} {{ macros.dateutil.relativedelta.relativedelta(months=1, day=2) - macros.dateutil.relativedelta.relativedelta(days=1, day=5) }}", "relativedelta(years=+1, day=3) relativedelta(months=+1, days=-1, day=2)"),
            RenderCase("{{ macros.dateutil.relativedelta.relativedelta(months=1) + macros.timedelta(days=1, hours=1) }} {{ macros.dateutil.relativedelta.relativedelta(months=5, days=1) * 3 }} {{ -macros.dateutil.relativedelta.relativedelta(months=1, day=3) }}", "relativedelta(months=+1, days=+1, hours=+1) relativedelta(years=+1, months=+3, days=+3) relativedelta(months=-1, day=3)"),
            RenderCase("{{ macros.dateutil.relativedelta.relativedelta(months=1) == macros.dateutil.relativedelta.relativedelta(months=1) }} {{ macros.dateutil.relativedelta.relativedelta() | string }} {{ not macros.dateutil.relativedelta.relativedelta() }}", "True relativedelta() True"),
        ], variables)
    }

    /// `relativedelta(dt1, dt2)`.
    func testRelativeDeltaBetweenTwoDatetimes() {
        assertRenders([
            // the difference of two datetimes
            RenderCase("{{ macros.dateutil.relativedelta.relativedelta(leap, dt) }} {{ macros.dateutil.relativedelta.relativedelta(dt, leap) }} {{ macros.dateutil.relativedelta.relativedelta(monthend.add(months=1), monthend) }} {{ macros.dateutil.relativedelta.relativedelta(leap, dt).months }}", "relativedelta(years=+3, months=+1, days=+14, hours=+12) relativedelta(years=-3, months=-1, days=-14, hours=-12) relativedelta(months=+1) 1"),
        ], variables)
    }

    /// pendulum adds the timedelta part as `add(seconds=total_seconds())`, through a float: a very long one
    /// loses microseconds exactly as in Python (values from the Python reference).
    func testLongDeltasGoThroughFloatSecondsAsPendulum() {
        assertRenders([
            RenderCase("{{ dt + macros.dateutil.relativedelta.relativedelta(days=1500000, leapdays=25, microseconds=-1000, second=0, year=2020) }}",
                       "6126-11-24 23:59:59.998993+00:00"),
            RenderCase("{{ dt + macros.dateutil.relativedelta.relativedelta(microseconds=-1000) }}", "2021-01-14 23:59:59.999000+00:00"),
        ], variables)
    }

    func testExtremeRelativeDeltasAreErrorsNotCrashes() {
        // Python raises OverflowError or ValueError for these; Sluice must fail the render, never trap.
        assertRenderErrors([
            ("{{ macros.dateutil.relativedelta.relativedelta(seconds=-9223372036854775807 - 1) }}", "out of range"),
            ("{{ dt + macros.dateutil.relativedelta.relativedelta(weekday=macros.dateutil.relativedelta.MO(-9223372036854775807 - 1)) }}", "out of range"),
            ("{{ dt + macros.dateutil.relativedelta.relativedelta(years=8000) }}", "out of range"),
            ("{{ dt + macros.dateutil.relativedelta.relativedelta(month=13) }}", "month must be in 1..12"),
            ("{{ dt + macros.dateutil.relativedelta.relativedelta(month=9223372036854775807, months=1) }}", "month must be in 1..12"),
            ("{{ dt + macros.dateutil.relativedelta.relativedelta(year=9223372036854775807, months=11) }}", "out of range"),
            ("{{ macros.dateutil.relativedelta.relativedelta(days=999999999999999) * 1000 }}", "out of range"),
        ], variables)
        // A lone high surrogate in JSON stays a replacement character, as the text after it stays.
        assertRenders([RenderCase(#"{{ macros.json.loads('"\\ud800\\u0041"') }}"#, "\u{FFFD}A")], variables)
    }
}
