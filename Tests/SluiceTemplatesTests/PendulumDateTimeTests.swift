import XCTest
@testable import SluiceTemplates

/// pendulum's `DateTime` methods as Airflow hands context dates to templates. Every expected value
/// was produced by rendering the same template with Jinja 3.1.6 + pendulum 3.3.0 + Airflow 3.3.2's
/// `macros` (python in /work/venv-airflow, a SandboxedEnvironment with StrictUndefined and
/// `PythonReferenceDates`' variables as pendulum datetimes), and copied here unchanged.
final class PendulumDateTimeTests: XCTestCase {
    /// See `PythonReferenceDates`.
    var variables: [String: TemplateValue] { PythonReferenceDates.variables }

    /// add/subtract: month ends, leap days, DST days in Europe/Berlin.
    func testAddAndSubtractClampMonthEndsAndFollowBerlinDaylightSaving() {
        assertRenders([
            // add and subtract: month ends clamp, leap days, DST in Europe/Berlin
            RenderCase("{{ monthend.add(months=1) }}", "2021-02-28 23:30:00+00:00"),
            RenderCase("{{ monthend.subtract(months=2) }}", "2020-11-30 23:30:00+00:00"),
            RenderCase("{{ leap.add(years=1) }}", "2025-02-28 12:00:00+00:00"),
            RenderCase("{{ leap.subtract(years=4) }}", "2020-02-29 12:00:00+00:00"),
            RenderCase("{{ leap.add(years=4) }}", "2028-02-29 12:00:00+00:00"),
            RenderCase("{{ dt.add(weeks=2, days=3, hours=4, minutes=5, seconds=6, microseconds=7) }}", "2021-02-01 04:05:06.000007+00:00"),
            RenderCase("{{ dt.subtract(microseconds=1) }}", "2021-01-14 23:59:59.999999+00:00"),
            RenderCase("{{ dt.add(hours=-25) }}", "2021-01-13 23:00:00+00:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').add(days=1) }}", "2021-03-29 01:30:00+02:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').add(hours=24) }}", "2021-03-29 02:30:00+02:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').add(hours=1) }}", "2021-03-28 03:30:00+02:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').add(days=1, hours=1) }}", "2021-03-29 02:30:00+02:00"),
            RenderCase("{{ autumn.in_tz('Europe/Berlin').add(days=1) }}", "2021-11-01 02:30:00+01:00"),
            RenderCase("{{ autumn.in_tz('Europe/Berlin').add(hours=24) }}", "2021-11-01 01:30:00+01:00"),
            RenderCase("{{ autumn.in_tz('Europe/Berlin').add(hours=1) }}", "2021-10-31 02:30:00+01:00"),
            RenderCase("{{ autumn.in_tz('Europe/Berlin').add(hours=2) }}", "2021-10-31 03:30:00+01:00"),
            RenderCase("{{ autumn.in_tz('Europe/Berlin').subtract(days=1) }}", "2021-10-30 02:30:00+02:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').set(hour=2, minute=30) }}", "2021-03-28 01:30:00+01:00"),
            RenderCase("{{ autumn.in_tz('Europe/Berlin').set(hour=2, minute=30) }}", "2021-10-31 02:30:00+02:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').at(12) }}", "2021-03-28 12:00:00+02:00"),
        ], variables)
    }

    /// start_of/end_of from 'second' to 'century'.
    func testStartOfAndEndOfEveryUnit() {
        assertRenders([
            // start_of and end_of, every unit pendulum 3.3 knows
            RenderCase("{{ leap.add(minutes=3, seconds=4, microseconds=5).start_of('second') }} {{ leap.add(minutes=3, seconds=4, microseconds=5).end_of('second') }}", "2024-02-29 12:03:04+00:00 2024-02-29 12:03:04.999999+00:00"),
            RenderCase("{{ leap.add(minutes=3, seconds=4).start_of('minute') }} {{ leap.add(minutes=3, seconds=4).end_of('minute') }}", "2024-02-29 12:03:00+00:00 2024-02-29 12:03:59.999999+00:00"),
            RenderCase("{{ leap.add(minutes=3).start_of('hour') }} {{ leap.add(minutes=3).end_of('hour') }}", "2024-02-29 12:00:00+00:00 2024-02-29 12:59:59.999999+00:00"),
            RenderCase("{{ leap.start_of('day') }} {{ leap.end_of('day') }}", "2024-02-29 00:00:00+00:00 2024-02-29 23:59:59.999999+00:00"),
            RenderCase("{{ leap.start_of('week') }} {{ leap.end_of('week') }}", "2024-02-26 00:00:00+00:00 2024-03-03 23:59:59.999999+00:00"),
            RenderCase("{{ dt.start_of('week') }} {{ dt.end_of('week') }}", "2021-01-11 00:00:00+00:00 2021-01-17 23:59:59.999999+00:00"),
            RenderCase("{{ leap.start_of('month') }} {{ leap.end_of('month') }}", "2024-02-01 00:00:00+00:00 2024-02-29 23:59:59.999999+00:00"),
            RenderCase("{{ leap.start_of('year') }} {{ leap.end_of('year') }}", "2024-01-01 00:00:00+00:00 2024-12-31 23:59:59.999999+00:00"),
            RenderCase("{{ leap.start_of('decade') }} {{ leap.end_of('decade') }}", "2020-01-01 00:00:00+00:00 2029-12-31 23:59:59.999999+00:00"),
            RenderCase("{{ leap.start_of('century') }} {{ leap.end_of('century') }}", "2001-01-01 00:00:00+00:00 2100-12-31 23:59:59.999999+00:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').start_of('day') }} {{ spring.in_tz('Europe/Berlin').end_of('day') }}", "2021-03-28 00:00:00+01:00 2021-03-28 23:59:59.999999+02:00"),
            RenderCase("{{ autumn.in_tz('Europe/Berlin').end_of('month') }}", "2021-10-31 23:59:59.999999+01:00"),
        ], variables)
    }

    /// first_of/last_of/nth_of/next/previous, on/at/set/replace/naive.
    func testFirstOfLastOfNthOfNextPreviousAndSetters() {
        assertRenders([
            // first_of, last_of, nth_of, next, previous (0 is Monday)
            RenderCase("{{ leap.first_of('month') }} {{ leap.last_of('month') }}", "2024-02-01 00:00:00+00:00 2024-02-29 00:00:00+00:00"),
            RenderCase("{{ leap.first_of('quarter') }} {{ leap.last_of('quarter') }}", "2024-01-01 00:00:00+00:00 2024-03-31 00:00:00+00:00"),
            RenderCase("{{ leap.first_of('year') }} {{ leap.last_of('year') }}", "2024-01-01 00:00:00+00:00 2024-12-31 00:00:00+00:00"),
            RenderCase("{{ leap.first_of('month', 0) }} {{ leap.last_of('month', 4) }}", "2024-02-05 00:00:00+00:00 2024-02-23 00:00:00+00:00"),
            RenderCase("{{ leap.nth_of('month', 2, 1) }} {{ leap.nth_of('quarter', 3, 6) }} {{ leap.nth_of('year', 1, 0) }}", "2024-02-13 00:00:00+00:00 2024-01-21 00:00:00+00:00 2024-01-01 00:00:00+00:00"),
            RenderCase("{{ dt.next() }} {{ dt.next(0) }} {{ dt.previous(4) }} {{ leap.next(3, keep_time=True) }}", "2021-01-22 00:00:00+00:00 2021-01-18 00:00:00+00:00 2021-01-08 00:00:00+00:00 2024-03-07 12:00:00+00:00"),
            RenderCase("{{ leap.on(2023, 2, 28) }} {{ leap.at(6, 7, 8) }} {{ leap.set(year=2023, day=1) }} {{ leap.set(tz='Europe/Berlin') }}", "2023-02-28 12:00:00+00:00 2024-02-29 06:07:08+00:00 2023-02-01 12:00:00+00:00 2024-02-29 12:00:00+01:00"),
            RenderCase("{{ leap.replace(day=1, hour=0) }} {{ leap.naive() }} {{ leap.in_tz('Asia/Kolkata') }}", "2024-02-01 00:00:00+00:00 2024-02-29 12:00:00 2024-02-29 17:30:00+05:30"),
        ], variables)
    }

    /// format() with pendulum tokens, [escaped] text and locales.
    func testFormatTokensEscapesAndLocales() {
        assertRenders([
            // format() tokens in English
            RenderCase("{{ dt.format('YYYY YY Y Q Qo M MM MMM MMMM Mo') }}", "2021 21 2021 1 1st 1 01 Jan January 1st"),
            RenderCase("{{ leap.format('D DD Do DDD DDDD DDDo d dd ddd dddd do E') }}", "29 29 29th 60 060 60th 4 Th Thu Thursday 4th 4"),
            RenderCase("{{ leap.add(hours=3, minutes=4, seconds=5, microseconds=123456).format('H HH h hh m mm s ss S SS SSS SSSS SSSSS SSSSSS A') }}", "15 15 3 03 4 04 5 05 1 12 123 1234 12345 123456 PM"),
            RenderCase("{{ dt.format('X x Z ZZ zz z') }}", "1610668800 1610668800000 +00:00 +0000 UTC UTC"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').format('Z ZZ zz z') }} {{ autumn.in_tz('Europe/Berlin').format('zz Z') }}", "+01:00 +0100 CET Europe/Berlin CEST +02:00"),
            RenderCase("{{ dt.format('LTS|LT|L|LL|LLL|LLLL') }}", "12:00:00 AM|12:00 AM|01/15/2021|January 15, 2021|January 15, 2021 12:00 AM|Friday, January 15, 2021 12:00 AM"),
            RenderCase("{{ dt.format('[Week] W, YYYY [at] HH:mm') }} {{ dt.format('\\\\Y\\\\M [[x] YYYY') }} {{ dt.format('e eo wo w W k a') }}", "Week W, 2021 at 00:00 YM [x 2021 5 6th 2nd w W k a"),
            RenderCase("{{ monthend.format('Do MMMM YYYY', locale='de') }} {{ monthend.format('dddd D MMMM', locale='fr') }} {{ leap.format('dddd, D [de] MMMM', locale='es') }} {{ leap.format('dddd D MMMM Do', locale='nl') }}", "31 Januar 2021 dimanche 31 janvier jueves, 29 de febrero donderdag 29 februari 29e"),
            RenderCase("{{ dt.format('LLLL', locale='de') }} {{ dt.format('MMM ddd', locale='en_gb') }}", "Freitag, 15. Januar 2021 00:00 Jan Fri"),
        ], variables)
    }

    /// The to_*_string methods.
    func testToStringMethods() {
        assertRenders([
            // to_*_string
            RenderCase("{{ dt.to_date_string() }} {{ dt.to_time_string() }} {{ dt.to_datetime_string() }} {{ dt.to_day_datetime_string() }} {{ dt.to_formatted_date_string() }}", "2021-01-15 00:00:00 2021-01-15 00:00:00 Fri, Jan 15, 2021 12:00 AM Jan 15, 2021"),
            RenderCase("{{ dt.to_iso8601_string() }} {{ spring.in_tz('Europe/Berlin').to_iso8601_string() }} {{ dt.to_rfc3339_string() }} {{ dt.to_atom_string() }} {{ dt.to_w3c_string() }}", "2021-01-15T00:00:00Z 2021-03-28T01:30:00+01:00 2021-01-15T00:00:00+00:00 2021-01-15T00:00:00+00:00 2021-01-15T00:00:00+00:00"),
            RenderCase("{{ dt.to_cookie_string() }} {{ dt.to_rss_string() }} {{ dt.to_rfc822_string() }} {{ dt.to_rfc850_string() }} {{ dt.to_rfc1036_string() }} {{ dt.to_rfc1123_string() }} {{ dt.to_rfc2822_string() }}", "Friday, 15-Jan-2021 00:00:00 UTC Fri, 15 Jan 2021 00:00:00 +0000 Fri, 15 Jan 21 00:00:00 +0000 Friday, 15-Jan-21 00:00:00 UTC Fri, 15 Jan 21 00:00:00 +0000 Fri, 15 Jan 2021 00:00:00 +0000 Fri, 15 Jan 2021 00:00:00 +0000"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').to_rfc2822_string() }} {{ spring.in_tz('Europe/Berlin').to_cookie_string() }}", "Sun, 28 Mar 2021 01:30:00 +0100 Sunday, 28-Mar-2021 01:30:00 CET"),
        ], variables)
    }

    /// Attributes, is_* methods and comparisons.
    func testAttributesAndComparisons() {
        assertRenders([
            // attributes
            RenderCase("{{ leap.int_timestamp }} {{ leap.float_timestamp }} {{ leap.day_of_week }} {{ leap.day_of_year }} {{ leap.days_in_month }} {{ leap.week_of_year }} {{ leap.week_of_month }} {{ leap.quarter }}", "1709208000 1709208000.0 3 60 29 9 5 1"),
            RenderCase("{{ monthend.week_of_month }} {{ monthend.week_of_year }} {{ dt.add(days=-14).week_of_year }} {{ leap.add(months=10).week_of_month }}", "5 4 53 5"),
            RenderCase("{{ dt.timezone_name }} {{ dt.offset }} {{ dt.offset_hours }} {{ spring.in_tz('Europe/Berlin').timezone_name }} {{ spring.in_tz('Europe/Berlin').offset_hours }}", "UTC 0 0.0 Europe/Berlin 1.0"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').is_dst() }} {{ spring.in_tz('Europe/Berlin').add(hours=1).is_dst() }} {{ spring.in_tz('Europe/Berlin').add(hours=1).offset }}", "False True 7200"),
            RenderCase("{{ leap.is_leap_year() }} {{ dt.is_leap_year() }} {{ dt.set(year=2020).is_long_year() }} {{ dt.is_long_year() }} {{ dt.is_utc() }}", "True False True False True"),
            RenderCase("{{ leap.isoweekday() }} {{ leap.weekday() }} {{ leap.isocalendar() }} {{ leap.toordinal() }} {{ leap.timestamp() }}", "4 3 datetime.IsoCalendarDate(year=2024, week=9, weekday=4) 738945 1709208000.0"),
            RenderCase("{{ dt.is_same_day(dt.add(hours=23)) }} {{ dt.is_same_day(dt.add(hours=24)) }} {{ dt.closest(leap, monthend) }} {{ dt.farthest(leap, monthend) }} {{ dt.average(monthend) }}", "True False 2021-01-31 23:30:00+00:00 2024-02-29 12:00:00+00:00 2021-01-23 11:45:00+00:00"),
            RenderCase("{{ dt < leap }} {{ dt == dt.in_tz('Asia/Tokyo') }} {{ dt.in_tz('Asia/Tokyo') }} {{ dt.is_anniversary(dt.add(years=3)) }}", "True True 2021-01-15 09:00:00+09:00 True"),
        ], variables)
    }

    /// dt - dt and diff() give a pendulum Interval.
    func testSubtractingPendulumDatetimesGivesAnInterval() {
        assertRenders([
            // Interval: dt - dt and diff()
            RenderCase("{{ leap - dt }}", "<Interval [2021-01-15 00:00:00+00:00 -> 2024-02-29 12:00:00+00:00]>"),
            RenderCase("{{ (leap - dt).days }} {{ (leap - dt).seconds }} {{ (leap - dt).microseconds }} {{ (leap - dt).total_seconds() }}", "1140 43200 0 98539200.0"),
            RenderCase("{{ (leap - dt).years }} {{ (leap - dt).months }} {{ (leap - dt).weeks }} {{ (leap - dt).remaining_days }} {{ (leap - dt).hours }} {{ (leap - dt).minutes }} {{ (leap - dt).remaining_seconds }}", "3 1 2 0 12 0 0"),
            RenderCase("{{ (leap - dt).in_years() }} {{ (leap - dt).in_months() }} {{ (leap - dt).in_weeks() }} {{ (leap - dt).in_days() }} {{ (leap - dt).in_hours() }} {{ (leap - dt).in_minutes() }} {{ (leap - dt).in_seconds() }}", "3 37 162 1140 27372 1642320 98539200"),
            RenderCase("{{ (leap - dt).in_words() }} | {{ (dt - leap).in_words() }} | {{ dt.diff(dt.add(seconds=1)).in_words() }} | {{ dt.diff(dt).in_words() }}", "3 years 1 month 2 weeks 12 hours | -3 years -1 month -2 weeks -12 hours | 1 second | 0 microseconds"),
            RenderCase("{{ (dt - leap).days }} {{ (dt - leap).in_days() }} {{ (dt - leap).in_weeks() }} {{ (dt - leap).months }} {{ (dt - leap).invert }}", "-1140 -1140 -162 -1 True"),
            RenderCase("{{ dt.diff(leap) }} {{ leap.diff(dt) }} {{ leap.diff(dt, False).in_days() }} {{ leap.diff(dt).in_days() }}", "<Interval [2021-01-15 00:00:00+00:00 -> 2024-02-29 12:00:00+00:00]> <Interval [2021-01-15 00:00:00+00:00 -> 2024-02-29 12:00:00+00:00]> -1140 1140"),
            RenderCase("{{ monthend.diff(monthend.add(months=1)).in_days() }} {{ monthend.diff(monthend.add(months=1)).months }} {{ monthend.diff(monthend.add(months=1)).remaining_days }}", "28 1 0"),
            RenderCase("{{ (spring.in_tz('Europe/Berlin').add(days=1) - spring.in_tz('Europe/Berlin')).in_hours() }} {{ (spring.in_tz('Europe/Berlin').add(days=1) - spring.in_tz('Europe/Berlin')).days }}", "23 0"),
            RenderCase("{{ dt + (leap - dt) }} {{ monthend + (monthend.add(months=1) - monthend) }} {{ leap - (leap - dt) }}", "2024-02-29 12:00:00+00:00 2021-02-28 23:30:00+00:00 2017-12-16 00:00:00+00:00"),
            RenderCase("{{ (leap - dt) > macros.timedelta(days=1) }} {{ (leap - dt) == macros.timedelta(days=1140, hours=12) }}", "True True"),
            RenderCase("{{ leap.date() - dt.date() }} {{ (leap.date() - dt.date()).in_days() }}", "<Interval [2021-01-15 -> 2024-02-29]> 1140"),
            RenderCase("{{ macros.datetime_diff_for_humans(leap, dt) }} {{ macros.datetime_diff_for_humans(dt, leap) }} {{ macros.datetime_diff_for_humans(dt, dt.add(days=3)) }} {{ macros.datetime_diff_for_humans(dt, dt.add(seconds=5)) }} {{ macros.datetime_diff_for_humans(dt.add(months=2, days=28), dt) }}", "3 years after 3 years before 3 days before a few seconds before 3 months after"),
        ], variables)
    }

    /// Wall-clock times that exist twice (2021-10-31 02:30 in Berlin) or not at all (2021-03-28 02:30):
    /// `set`/`at`/`start_of` keep the value's fold, `add` with days or months resolves with fold 1.
    func testWallClockTimesThatExistTwiceOrNotAtAllResolveAsPendulumDoes() {
        assertRenders([
            // folds: a wall clock that exists twice or not at all, as pendulum resolves it
            RenderCase("{{ spring.in_tz('Europe/Berlin').set(hour=2, minute=30) }} {{ spring.in_tz('Europe/Berlin').at(2, 30) }} {{ spring.in_tz('Europe/Berlin').subtract(days=1).add(days=1, hours=1) }}", "2021-03-28 01:30:00+01:00 2021-03-28 01:30:00+01:00 2021-03-28 03:30:00+02:00"),
            RenderCase("{{ autumn.in_tz('Europe/Berlin').set(hour=2, minute=30) }} {{ autumn.in_tz('Europe/Berlin').add(hours=1).set(minute=0) }} {{ autumn.in_tz('Europe/Berlin').subtract(days=1).add(days=1) }}", "2021-10-31 02:30:00+02:00 2021-10-31 02:00:00+01:00 2021-10-31 02:30:00+01:00"),
            RenderCase("{{ autumn.in_tz('Europe/Berlin').add(hours=1).start_of('hour') }} {{ autumn.in_tz('Europe/Berlin').add(hours=1).end_of('day') }}", "2021-10-31 02:00:00+01:00 2021-10-31 23:59:59.999999+01:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').subtract(hours=1).add(days=1) }} {{ spring.in_tz('Europe/Berlin').add(months=1) }}", "2021-03-29 00:30:00+02:00 2021-04-28 01:30:00+02:00"),
            RenderCase("{{ leap.isocalendar() }} {{ leap.isocalendar().week }} {{ leap.date().isocalendar().year }}", "datetime.IsoCalendarDate(year=2024, week=9, weekday=4) 9 2024"),
        ], variables)
    }

    /// Naive pendulum values, pendulum Dates (what `date()` gives), replace(tzinfo=None), tz attributes.
    func testNaiveValuesDatesAndTimeZoneAttributes() {
        assertRenders([
            RenderCase("{{ autumn.in_tz('Europe/Berlin').add(hours=1).set(tz='UTC') }} {{ spring.set(tz='Europe/Berlin') }} {{ (leap.date() + macros.dateutil.relativedelta.relativedelta(months=1)) - leap.date() }}", "2021-10-31 02:30:00+00:00 2021-03-28 00:30:00+01:00 <Interval [2024-02-29 -> 2024-03-29]>"),
            RenderCase("{{ dt.naive().in_tz('Europe/Berlin') }} {{ spring.naive().add(hours=2).in_tz('Europe/Berlin') }} {{ dt.naive().format('YYYY Z') }} {{ dt.naive() - dt.naive().add(hours=1) }}", "2021-01-15 00:00:00+01:00 2021-03-28 03:30:00+02:00 2021  <Interval [2021-01-15 01:00:00 -> 2021-01-15 00:00:00]>"),
            RenderCase("{{ dt.date() + macros.timedelta(days=1) }} {{ (dt.date() + macros.timedelta(days=1)) - dt.date() }} {{ dt.date().add(days=1) }} {{ dt.date().format('YYYY') }}", "2021-01-16 <Interval [2021-01-15 -> 2021-01-16]> 2021-01-16 2021"),
            RenderCase("{{ dt.diff(leap).in_words() }} {{ leap.diff(dt).invert }} {{ dt.diff(leap, False).invert }} {{ (leap - dt).start }} {{ (leap - dt).end }}", "3 years 1 month 2 weeks 12 hours True False 2021-01-15 00:00:00+00:00 2024-02-29 12:00:00+00:00"),
            RenderCase("{{ macros.datetime(2021, 1, 15) == dt.naive() }} {{ dt.set(year=2021) == dt }} {{ dt.in_tz('UTC').timezone_name }} {{ dt.tz }} {{ dt.tzinfo }} {{ spring.in_tz('Europe/Berlin').tzinfo }}", "True True UTC UTC UTC Europe/Berlin"),
            RenderCase("{{ dt.replace(tzinfo=none) }}", "2021-01-15 00:00:00"),
            RenderCase("{{ spring.in_tz('Europe/Berlin').tzname() }} {{ spring.in_tz('Europe/Berlin').utcoffset() }} {{ dt.utcoffset() }}", "CET 1:00:00 0:00:00"),
            RenderCase("{{ macros.datetime(2021, 1, 15) + macros.dateutil.relativedelta.relativedelta(months=1, weekday=macros.dateutil.relativedelta.SU(-1)) }}", "2021-02-14 00:00:00"),
            RenderCase("{{ macros.dateutil.relativedelta.relativedelta(macros.datetime(2024, 2, 29), macros.datetime(2021, 3, 1)) }}", "relativedelta(years=+2, months=+11, days=+28)"),
            RenderCase("{{ leap.date().day_of_week }} {{ leap.date().week_of_year }} {{ leap.date().start_of('month') }} {{ leap.date().add(years=1) }} {{ leap.date().subtract(months=1, days=1) }} {{ leap.date().is_leap_year() }} {{ leap.date().format('Do MMMM YYYY') }} {{ leap.date().next(0) }}", "3 9 2024-02-01 2025-02-28 2024-01-28 True 29th February 2024 2024-03-04"),
            RenderCase("{{ leap.replace(2023, 3) }} {{ leap.replace(month=1, tzinfo=none) }}", "2023-03-29 12:00:00+00:00 2024-01-29 12:00:00"),
        ], variables)
    }

    /// Arithmetic on an Interval gives a pendulum Duration (printed in words); timedelta `/ // % *` as Python.
    func testIntervalArithmeticGivesDurationsAndTimedeltasDivideAsPython() {
        assertRenders([
            RenderCase("{{ (leap - dt) + macros.timedelta(hours=1) }} | {{ (leap - dt) * 2 }} | {{ (leap - dt) / 2 }} | {{ (leap - dt) // 3 }} | {{ macros.timedelta(days=2) + (dt.add(hours=1) - dt) }} | {{ ((leap - dt) * 2).in_hours() }} | {{ ((leap - dt) * 2).days }}", "162 weeks 6 days 13 hours | 325 weeks 6 days | 81 weeks 3 days 6 hours | 54 weeks 2 days 4 hours | 2 days 1 hour | 54744 | 2281"),
            RenderCase("{{ macros.timedelta(days=1) / macros.timedelta(hours=5) }} {{ macros.timedelta(days=1) // macros.timedelta(hours=5) }} {{ macros.timedelta(days=1) % macros.timedelta(hours=5) }} {{ macros.timedelta(seconds=5) / 2 }} {{ macros.timedelta(microseconds=5) / 2 }} {{ macros.timedelta(microseconds=7) // 2 }} {{ macros.timedelta(hours=1) * 1.5 }} {{ macros.timedelta(hours=-1) // 7 }}", "4.8 4 4:00:00 0:00:02.500000 0:00:00.000002 0:00:00.000003 1:30:00 -1 day, 23:51:25.714285"),
            RenderCase("{{ (dt.add(seconds=30) - dt) / 60 }} | {{ (dt.add(microseconds=500000) - dt) * 1 }} | {{ (dt - dt) + macros.timedelta() }}", "0.50 seconds | 0.50 seconds | 0 microseconds"),
        ], variables)
    }

    /// `diff_for_humans(other)` compares two known datetimes (without `other` it compares with now: an error).
    func testDiffForHumansBetweenTwoDatetimes() {
        assertRenders([
            RenderCase("{{ leap.diff_for_humans(dt) }} | {{ dt.diff_for_humans(leap) }} | {{ dt.diff_for_humans(dt.add(days=3)) }} | {{ dt.diff_for_humans(dt.add(seconds=5)) }} | {{ dt.diff_for_humans(dt.add(days=3), absolute=True) }} | {{ dt.diff_for_humans(dt.add(seconds=30), True) }} | {{ dt.add(hours=23).diff_for_humans(dt) }} | {{ dt.add(months=11, days=20).diff_for_humans(dt) }}", "3 years after | 3 years before | 3 days before | a few seconds before | 3 days | 30 seconds | 23 hours after | 1 year after"),
        ], variables)
        assertRenderErrors([("{{ dt.diff_for_humans() }}", "changes from run to run")], variables)
    }

    /// Interval parts between ends in different zones, as pendulum's compiled `precise_diff` counts them
    /// (each end moved back by its own offset field by field: `24 hours` can appear); leapdays kept by `-`.
    func testIntervalPartsAcrossTimeZonesAsPendulumCountsThem() {
        assertRenders([
            RenderCase("{% set i = dt - autumn.in_tz('America/New_York') %}{{ i.years }} {{ i.months }} {{ i.weeks }} {{ i.days }} {{ i.remaining_days }} {{ i.hours }} {{ i.minutes }} {{ i.in_days() }} {{ i.in_words() }}", "0 -9 -2 -289 -1 -24 -30 -288 -9 months -2 weeks -1 day -24 hours -30 minutes"),
            RenderCase("{% set i = leap - monthend.in_tz('Asia/Kolkata') %}{{ i.years }} {{ i.months }} {{ i.weeks }} {{ i.remaining_days }} {{ i.hours }} {{ i.minutes }} {{ i.in_words() }}", "3 0 4 0 12 30 3 years 4 weeks 12 hours 30 minutes"),
            RenderCase("{{ (monthend - monthend.in_tz('Asia/Kolkata')).in_days() }} {{ leap.diff(autumn.in_tz('America/New_York')).in_words() }} {{ spring.in_tz('Europe/Berlin').diff(autumn.in_tz('Europe/Berlin')).in_words() }}", "-1 2 years 4 months 11 hours 30 minutes 7 months 3 days 1 hour"),
            RenderCase("{{ dt + macros.dateutil.relativedelta.relativedelta(leapdays=1, months=2) }} {{ dt - macros.dateutil.relativedelta.relativedelta(leapdays=1, months=2) }} {{ leap.naive().is_dst() }}", "2021-03-15 00:00:00+00:00 2020-11-16 00:00:00+00:00 True"),
        ], variables)
        assertRenderErrors([("{{ leap.naive().int_timestamp }}", "naive"), ("{{ leap.naive().format('X') }}", "naive")], variables)
    }

    func testNonDeterministicAndUnknownDateTimeCallsAreErrors() {
        // Python: is_past() compares with now (an answer that changes); start_of('quarter') raises
        // ValueError: Invalid unit "quarter"; locale 'xx' raises ValueError: Locale [xx] does not exist;
        // datetime.datetime has no add(); nth_of('month', 5, 0) raises PendulumException.
        assertRenderErrors([
            ("{{ dt.is_past() }}", "changes from run to run"),
            ("{{ dt.start_of('quarter') }}", "Invalid unit \"quarter\" for start_of()"),
            ("{{ dt.format('YYYY', locale='xx') }}", "'xx'"),
            ("{{ macros.datetime(2021, 1, 1).add(days=1) }}", "unsupported method 'add'"),
            ("{{ dt.nth_of('month', 5, 0) }}", "Unable to find occurrence 5 of Monday in month"),
        ], variables)
    }
}
