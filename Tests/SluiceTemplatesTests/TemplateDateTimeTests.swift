import XCTest
@testable import SluiceTemplates

final class TemplateDateTimeTests: XCTestCase {
    /// 2021-03-28T00:30:00.250000Z, a Sunday, the day Berlin moves its clocks forward at 01:00 UTC.
    let instant = Date(timeIntervalSince1970: 1_616_891_400.25)

    var variables: [String: TemplateValue] {
        [
            "t": .datetime(TemplateDateTime(instant)),
            "midnight": .datetime(TemplateDateTime(Date(timeIntervalSince1970: 1_610_668_800))),
            "berlin": .timezone(TemplateTimeZone(name: "Europe/Berlin")!),
            "macros": .dict(AirflowMacros.all),
        ]
    }

    func testDatetimeRendersAsPendulumDoes() {
        assertRenders([
            RenderCase("{{ midnight }}", "2021-01-15 00:00:00+00:00"),
            RenderCase("{{ midnight.isoformat() }}", "2021-01-15T00:00:00+00:00"),
            RenderCase("{{ t }}", "2021-03-28 00:30:00.250000+00:00"),
            RenderCase("{{ t.isoformat() }}", "2021-03-28T00:30:00.250000+00:00"),
            RenderCase("{{ t.in_timezone(berlin) }}", "2021-03-28 01:30:00.250000+01:00"),
            RenderCase("{{ (t + macros.timedelta(hours=1)).in_timezone('Europe/Berlin') }}", "2021-03-28 03:30:00.250000+02:00"),
            RenderCase("{{ t.in_timezone('America/New_York').isoformat() }}", "2021-03-27T20:30:00.250000-04:00"),
            RenderCase("{{ macros.datetime(2021, 1, 1) }}", "2021-01-01 00:00:00"),
            RenderCase("{{ macros.datetime(2021, 1, 1, 13, 5, 9).isoformat() }}", "2021-01-01T13:05:09"),
            RenderCase("{{ macros.datetime(2021, 7, 1, tzinfo='Europe/Berlin') }}", "2021-07-01 00:00:00+02:00"),
            RenderCase("{{ t.date() }}", "2021-03-28"),
            RenderCase("{{ t.year }}-{{ t.month }}-{{ t.day }} {{ t.hour }}:{{ t.minute }}:{{ t.second }}", "2021-3-28 0:30:0"),
            RenderCase("{{ t.in_timezone(berlin).hour }}", "1"),
        ], variables)
    }

    func testStrftimeDirectives() {
        assertRenders([
            RenderCase("{{ t.strftime('%Y %m %d %H %M %S %f') }}", "2021 03 28 00 30 00 250000"),
            RenderCase("{{ t.strftime('%y %j %a %A %b %B') }}", "21 087 Sun Sunday Mar March"),
            RenderCase("{{ t.strftime('%I %p') }}", "12 AM"),
            RenderCase("{{ t.in_timezone('America/New_York').strftime('%I %p %z') }}", "08 PM -0400"),
            RenderCase("{{ t.strftime('%z %Z') }}", "+0000 UTC"),
            RenderCase("{{ t.in_timezone(berlin).strftime('%H:%M %Z') }}", "01:30 CET"),
            RenderCase("{{ (t + macros.timedelta(hours=1)).in_timezone(berlin).strftime('%H:%M %Z') }}", "03:30 CEST"),
            RenderCase("{{ t.in_timezone('America/New_York').strftime('%Z') }}", "EDT"),
            RenderCase("{{ t.strftime('100%% %-d/%-m') }}", "100% 28/3"),
            RenderCase("{{ t.strftime('%w %u') }}", "0 7"),
            RenderCase("{{ t.strftime('%Q %é %Y %') }}", "%Q %é 2021 %"),
            RenderCase("{{ t.strftime('é%Yü') }}", "é2021ü"),
            RenderCase("{{ macros.datetime(2021, 1, 1).strftime('%z|%Z') }}", "|"),
        ], variables)
    }

    func testDatetimeArithmeticAndComparisons() {
        assertRenders([
            RenderCase("{{ midnight + macros.timedelta(days=1) }}", "2021-01-16 00:00:00+00:00"),
            RenderCase("{{ midnight - macros.timedelta(minutes=5) }}", "2021-01-14 23:55:00+00:00"),
            // pendulum datetimes subtract to a pendulum Interval (Python: str(t - midnight)).
            RenderCase("{{ t - midnight }}", "<Interval [2021-01-15 00:00:00+00:00 -> 2021-03-28 00:30:00.250000+00:00]>"),
            RenderCase("{{ midnight - t }}", "<Interval [2021-03-28 00:30:00.250000+00:00 -> 2021-01-15 00:00:00+00:00]>"),
            RenderCase("{{ (t - midnight).total_seconds() }}", "6222600.25"),
            RenderCase("{{ macros.datetime(2021, 3, 28) - macros.datetime(2021, 1, 15) }}", "72 days, 0:00:00"),
            RenderCase("{{ midnight < t }}", "True"),
            RenderCase("{{ midnight == midnight.in_timezone('Asia/Tokyo') }}", "True"),
            RenderCase("{{ t.add(days=1) }}", "2021-03-29 00:30:00.250000+00:00"),
            RenderCase("{{ midnight.subtract(months=2) | ds }}", "2020-11-15"),
            RenderCase("{{ midnight.naive().add(months=2, days=16) }}", "2021-03-31 00:00:00"),
            RenderCase("{{ t.in_timezone(berlin).add(days=1) }}", "2021-03-29 01:30:00.250000+02:00"),
            RenderCase("{{ t.start_of('day') }}", "2021-03-28 00:00:00+00:00"),
            RenderCase("{{ t.replace(hour=5, minute=0, second=0, microsecond=0) }}", "2021-03-28 05:00:00+00:00"),
            RenderCase("{{ t.date() - midnight.date() }}", "<Interval [2021-01-15 -> 2021-03-28]>"),
            RenderCase("{{ (t.date() - midnight.date()).days }}", "72"),
        ], variables)
    }

    func testTimedeltaRendersAsPythonDoes() {
        assertRenders([
            RenderCase("{{ macros.timedelta(days=1) }}", "1 day, 0:00:00"),
            RenderCase("{{ macros.timedelta(minutes=5) }}", "0:05:00"),
            RenderCase("{{ macros.timedelta(hours=-1) }}", "-1 day, 23:00:00"),
            RenderCase("{{ macros.timedelta(weeks=2, seconds=1) }}", "14 days, 0:00:01"),
            RenderCase("{{ macros.timedelta(days=-2) }}", "-2 days, 0:00:00"),
            RenderCase("{{ macros.timedelta(seconds=1.5) }}", "0:00:01.500000"),
            RenderCase("{{ macros.timedelta(1, 60) }}", "1 day, 0:01:00"),
            RenderCase("{{ macros.timedelta(hours=25).total_seconds() }}", "90000.0"),
            RenderCase("{{ macros.timedelta(hours=25).days }} {{ macros.timedelta(hours=25).seconds }}", "1 3600"),
        ], variables)
    }

    func testMacrosDsAddAndDsFormat() {
        assertRenders([
            RenderCase("{{ macros.ds_add('2021-03-01', -1) }}", "2021-02-28"),
            RenderCase("{{ macros.ds_add('2020-02-28', 1) }}", "2020-02-29"),
            RenderCase("{{ macros.ds_add('2021-12-31', 1) }}", "2022-01-01"),
            RenderCase("{{ macros.ds_add('2021-01-15', 0) }}", "2021-01-15"),
            RenderCase("{{ macros.ds_add(ds='2021-01-15', days=-365) }}", "2020-01-16"),
            RenderCase("{{ macros.ds_format('2021-01-15', '%Y-%m-%d', '%d.%m.%y') }}", "15.01.21"),
            RenderCase("{{ macros.ds_format('15 Jan 2021', '%d %b %Y', '%Y%m%d') }}", "20210115"),
            RenderCase("{{ macros.ds_format('2021-01-15T10:20:30+0100', '%Y-%m-%dT%H:%M:%S%z', '%H:%M %z') }}", "10:20 +0100"),
        ], variables)
    }

    func testCivilCalendarRoundTripsOverFourCenturies() {
        var day = CivilCalendar.days(year: 1900, month: 1, day: 1)
        let end = CivilCalendar.days(year: 2300, month: 1, day: 1)
        var expected = (year: 1900, month: 1, day: 1)
        while day < end {
            let c = CivilCalendar.civil(days: day)
            XCTAssertTrue(c == expected, "day \(day): \(c) != \(expected)")
            if c != expected { return }
            XCTAssertEqual(CivilCalendar.days(year: c.year, month: c.month, day: c.day), day)
            day += 1
            expected.day += 1
            if expected.day > CivilCalendar.daysInMonth(year: expected.year, month: expected.month) {
                expected.day = 1
                expected.month += 1
                if expected.month > 12 { expected.month = 1; expected.year += 1 }
            }
        }
    }

    func testStrptimeRejectsTextThatDoesNotMatchEntirely() {
        XCTAssertNil(TemplateDateTime.strptime("2021-01-15x", format: "%Y-%m-%d"))
        XCTAssertNil(TemplateDateTime.strptime("2021-02-30", format: "%Y-%m-%d"))
        XCTAssertEqual(TemplateDateTime.strptime("2021-1-5", format: "%Y-%m-%d")?.description, "2021-01-05 00:00:00")
    }
}
