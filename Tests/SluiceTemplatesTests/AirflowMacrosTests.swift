import XCTest
@testable import SluiceTemplates

/// Airflow's `macros`: Python's datetime and timedelta, `ds_add`, `ds_format`, `ds_format_locale`, dateutil's parser. Every expected value was produced by rendering the same template with
/// Jinja 3.1.6 + pendulum 3.3.0 + python-dateutil + Babel + Airflow 3.3.2's `macros`
/// (python in /work/venv-airflow, SandboxedEnvironment + StrictUndefined, `PythonReferenceDates`'
/// variables as pendulum datetimes) and copied here unchanged.
final class AirflowMacrosTests: XCTestCase {
    /// See `PythonReferenceDates`.
    var variables: [String: TemplateValue] { PythonReferenceDates.variables }

    /// `macros.datetime(...)`, `.strptime`, `.fromisoformat`.
    func testMacrosDatetimeConstructsParsesAndComparesPlainDatetimes() {
        assertRenders([
            // macros.datetime and its class methods give plain Python datetimes
            RenderCase("{{ macros.datetime(2021, 1, 15, 12, 30) }} {{ macros.datetime(2021, 1, 15, 12, 30, 5, 7).isoformat() }} {{ macros.datetime(2024, 2, 29).strftime('%A %d %B %Y') }}", "2021-01-15 12:30:00 2021-01-15T12:30:05.000007 Thursday 29 February 2024"),
            RenderCase("{{ macros.datetime.strptime('2021-01-15', '%Y-%m-%d') }} {{ macros.datetime.strptime('15/01/2021 10:30', '%d/%m/%Y %H:%M').isoformat() }} {{ macros.datetime.strptime('2021-01-15T10:00:00+0100', '%Y-%m-%dT%H:%M:%S%z') }}", "2021-01-15 00:00:00 2021-01-15T10:30:00 2021-01-15 10:00:00+01:00"),
            RenderCase("{{ macros.datetime.fromisoformat('2021-01-15') }} {{ macros.datetime.fromisoformat('2021-01-15T10:00:00+01:00') }} {{ macros.datetime.fromisoformat('2021-01-15 10:00:00.5') }} {{ macros.datetime.fromisoformat('2021-01-15T10:00:00Z') }} {{ macros.datetime.fromisoformat('20210115T1000') }}", "2021-01-15 00:00:00 2021-01-15 10:00:00+01:00 2021-01-15 10:00:00.500000 2021-01-15 10:00:00+00:00 2021-01-15 10:00:00"),
            RenderCase("{{ macros.datetime(2021, 3, 28) - macros.datetime(2021, 1, 15) }} {{ macros.datetime(2021, 1, 15) + macros.timedelta(days=1, hours=2) }} {{ macros.datetime(2021, 1, 15) < macros.datetime(2021, 1, 16) }}", "72 days, 0:00:00 2021-01-16 02:00:00 True"),
            // ISO week dates (%G-W%V-%u), week 53 and a week 1 that starts in the previous year
            RenderCase("{{ macros.datetime.strptime('2021-W02-5', '%G-W%V-%u').date() }} {{ macros.datetime.strptime('2020-W53-5', '%G-W%V-%u').date() }} {{ macros.datetime.strptime('2019-W01-1', '%G-W%V-%u').date() }}", "2021-01-15 2021-01-01 2018-12-31"),
            RenderCase("{{ macros.datetime(2021, 1, 15).date() }} {{ macros.datetime(2021, 1, 15).weekday() }} {{ macros.datetime(2021, 1, 15).replace(month=2) }} {{ macros.datetime(2021, 1, 15).timestamp() }}", "2021-01-15 4 2021-02-15 00:00:00 1610668800.0"),
        ], variables)
    }

    /// `macros.timedelta`: str(), attributes, arithmetic with datetimes (DST in Berlin).
    func testMacrosTimedeltaRendersAndComputesAsPython() {
        assertRenders([
            // macros.timedelta: str, attributes, arithmetic
            RenderCase("{{ macros.timedelta(days=1) }} {{ macros.timedelta(hours=-1) }} {{ macros.timedelta(days=-3, minutes=5) }} {{ macros.timedelta(weeks=2, seconds=1.5) }} {{ macros.timedelta(milliseconds=1) }}", "1 day, 0:00:00 -1 day, 23:00:00 -3 days, 0:05:00 14 days, 0:00:01.500000 0:00:00.001000"),
            RenderCase("{{ macros.timedelta(days=1, hours=2).days }} {{ macros.timedelta(days=1, hours=2).seconds }} {{ macros.timedelta(hours=-1).days }} {{ macros.timedelta(hours=-1).seconds }} {{ macros.timedelta(microseconds=-1).microseconds }}", "1 7200 -1 82800 999999"),
            RenderCase("{{ macros.timedelta(days=1, hours=2).total_seconds() }} {{ macros.timedelta(days=1) * 3 }} {{ macros.timedelta(days=1) - macros.timedelta(hours=1) }} {{ -macros.timedelta(hours=1) }} {{ macros.timedelta(days=1) > macros.timedelta(hours=23) }}", "93600.0 3 days, 0:00:00 23:00:00 -1 day, 23:00:00 True"),
            RenderCase("{{ dt + macros.timedelta(days=1) }} {{ dt - macros.timedelta(minutes=5) }} {{ monthend - macros.timedelta(days=31) }} {{ spring.in_tz('Europe/Berlin') + macros.timedelta(days=1) }} {{ autumn.in_tz('Europe/Berlin') + macros.timedelta(hours=1) }}", "2021-01-16 00:00:00+00:00 2021-01-14 23:55:00+00:00 2020-12-31 23:30:00+00:00 2021-03-29 02:30:00+02:00 2021-10-31 02:30:00+01:00"),
        ], variables)
    }

    /// `ds_add`, `ds_format` and `ds_format_locale` (Babel patterns in en_US, en_GB, de_DE, fr_FR, es_ES, nl_NL).
    func testDsAddDsFormatAndDsFormatLocaleInEveryLocale() {
        assertRenders([
            // ds_add, ds_format, ds_format_locale
            RenderCase("{{ macros.ds_add('2021-01-31', 1) }} {{ macros.ds_add('2024-02-28', 1) }} {{ macros.ds_add('2024-03-01', -1) }} {{ macros.ds_add('2021-01-15', 0) }} {{ macros.ds_add('2021-12-31', 365) }}", "2021-02-01 2024-02-29 2024-02-29 2021-01-15 2022-12-31"),
            RenderCase("{{ macros.ds_format('2021-01-15', '%Y-%m-%d', '%m/%d/%y') }} {{ macros.ds_format('1/5/2015', '%m/%d/%Y', '%Y-%m-%d') }} {{ macros.ds_format('2024-02-29', '%Y-%m-%d', '%A %j') }}", "01/15/21 2015-01-05 Thursday 060"),
            RenderCase("{{ macros.ds_format_locale('2021-01-15', '%Y-%m-%d', 'EEEE dd MMMM yyyy', 'en_US') }} | {{ macros.ds_format_locale('2021-01-15', '%Y-%m-%d', 'EEE d MMM yy', 'en_GB') }}", "Friday 15 January 2021 | Fri 15 Jan 21"),
            RenderCase("{{ macros.ds_format_locale('2021-03-28', '%Y-%m-%d', 'EEEE, d. MMMM yyyy', 'de_DE') }} | {{ macros.ds_format_locale('2021-10-31', '%Y-%m-%d', 'EEE d MMM', 'de_DE') }}", "Sonntag, 28. März 2021 | So. 31 Okt."),
            RenderCase("{{ macros.ds_format_locale('2021-02-01', '%Y-%m-%d', 'EEEE d MMMM yyyy', 'fr_FR') }} | {{ macros.ds_format_locale('2021-08-14', '%Y-%m-%d', 'EEE d MMM', 'fr_FR') }}", "lundi 1 février 2021 | sam. 14 août"),
            RenderCase("{{ macros.ds_format_locale('2021-06-05', '%Y-%m-%d', \"EEEE d 'de' MMMM 'de' yyyy\", 'es_ES') }} | {{ macros.ds_format_locale('2021-09-19', '%Y-%m-%d', 'EEE d MMM', 'es_ES') }}", "sábado 5 de junio de 2021 | dom 19 sept"),
            RenderCase("{{ macros.ds_format_locale('2021-07-04', '%Y-%m-%d', 'EEEE d MMMM yyyy', 'nl_NL') }} | {{ macros.ds_format_locale('2021-03-03', '%Y-%m-%d', 'EEE d MMM', 'nl_NL') }}", "zondag 4 juli 2021 | wo 3 mrt"),
            RenderCase("{{ macros.ds_format_locale('2021-01-15 15:04:09', '%Y-%m-%d %H:%M:%S', \"yyyy-MM-dd'T'HH:mm:ss h a D ''\", 'en_US') }}", "2021-01-15T15:04:09 3 PM 15 '"),
        ], variables)
    }

    /// `macros.dateutil.parser.parse` on ISO forms and dates in words or with slashes.
    func testDateutilParserReadsISODatesAndTimes() {
        assertRenders([
            // dateutil parser
            RenderCase("{{ macros.dateutil.parser.parse('2021-01-15T10:00:00') }} {{ macros.dateutil.parser.parse('2021-01-15') }} {{ macros.dateutil.parser.parse('2021-01-15T10:00:00+01:00') }} {{ macros.dateutil.parser.parse('20210115') }} {{ macros.dateutil.parser.parse('2021/01/15') }}", "2021-01-15 10:00:00 2021-01-15 00:00:00 2021-01-15 10:00:00+01:00 2021-01-15 00:00:00 2021-01-15 00:00:00"),
            RenderCase("{{ macros.dateutil.parser.parse(ts) }} {{ macros.dateutil.parser.parse(ds).date() }} {{ macros.dateutil.parser.parse('2021-01-15T00:00:00.5') }}", "2021-01-15 00:00:00+00:00 2021-01-15 2021-01-15 00:00:00.500000"),
            RenderCase("{{ macros.dateutil.parser.parse('Jan 15 2021') }} {{ macros.dateutil.parser.parse('January 15, 2021') }} {{ macros.dateutil.parser.parse('15 Jan 2021') }} {{ macros.dateutil.parser.parse('01/15/2021') }} {{ macros.dateutil.parser.parse('1/5/2021') }}", "2021-01-15 00:00:00 2021-01-15 00:00:00 2021-01-15 00:00:00 2021-01-15 00:00:00 2021-01-05 00:00:00"),
            RenderCase("{{ macros.dateutil.parser.parse('15.01.2021') }} {{ macros.dateutil.parser.parse('2021-01-15 10:00') }} {{ macros.dateutil.parser.parse('Friday, January 15, 2021 10:30') }} {{ macros.dateutil.parser.parse('Jan 15 2021 10:30:05') }}", "2021-01-15 00:00:00 2021-01-15 10:00:00 2021-01-15 10:30:00 2021-01-15 10:30:05"),
            RenderCase("{{ macros.dateutil.parser.parse('15/01/2021') }} {{ macros.dateutil.parser.parse('2021/1/5') }} {{ macros.dateutil.parser.parse('Sept 3 2021') }} {{ macros.dateutil.parser.parse('01.02.2021') }}", "2021-01-15 00:00:00 2021-01-05 00:00:00 2021-09-03 00:00:00 2021-01-02 00:00:00"),
        ], variables)
    }

    /// `macros.random`, `time`, `uuid` exist as in Airflow; `json.loads` keeps key order.
    func testNonDeterministicModulesAreDefined() {
        assertRenders([
            // modules whose answers change exist, for `is defined`
            RenderCase("{{ macros.random is defined }} {{ macros.time is defined }} {{ macros.uuid is defined }} {{ macros.datetime_diff_for_humans is defined }} {{ macros.json.loads('{\"b\": 1, \"a\": [1, 2.5, null, true]}') }}", "True True True True {'b': 1, 'a': [1, 2.5, None, True]}"),
        ], variables)
    }

    /// `macros.json.dumps` / `loads` as Python's json module (ensure_ascii, key order, a repeated key).
    func testMacrosJsonDumpsAndLoadsAsPython() {
        assertRenders([
            RenderCase("{{ macros.json.dumps({'b': 1, 'a': [1, 2.5, none, true, 'é\"\\n'], 'c': (1,)}) }} {{ macros.json.dumps({'b': 1, 'a': 2}, sort_keys=true) }} {{ macros.json.dumps('x') }} {{ macros.json.dumps(1e20) }} {{ macros.json.dumps('😀') }}", "{\"b\": 1, \"a\": [1, 2.5, null, true, \"\\u00e9\\\"\\n\"], \"c\": [1]} {\"a\": 2, \"b\": 1} \"x\" 1e+20 \"\\ud83d\\ude00\""),
            RenderCase("{{ macros.json.loads('{\"b\": 1, \"a\": [1, 2.5, null, true], \"b\": 3}') }}", "{'b': 3, 'a': [1, 2.5, None, True]}"),
        ], variables)
    }

    func testCallingNonDeterministicOrUnknownMacrosIsAnError() {
        // Python gives a new answer on every call (random(), time.time(), uuid4(), datetime.now()); a
        // locale or text Sluice has no data for is an error naming it, never a guess.
        assertRenderErrors([
            ("{{ macros.random() }}", "changes from run to run"),
            ("{{ macros.time.time() }}", "changes from run to run"),
            ("{{ macros.uuid.uuid4() }}", "changes from run to run"),
            ("{{ macros.datetime.now() }}", "changes from run to run"),
            ("{{ macros.datetime.utcnow() }}", "changes from run to run"),
            ("{{ macros.datetime_diff_for_humans(dt) }}", "pass since="),
            ("{{ macros.ds_format_locale(ds, '%Y-%m-%d', 'MMMM', 'xx_XX') }}", "'xx_XX'"),
            ("{{ macros.ds_format_locale(ds, '%Y-%m-%d', 'QQQ', 'en_US') }}", "'QQQ'"),
            ("{{ macros.dateutil.parser.parse('next tuesday') }}", "'next tuesday'"),
            ("{{ macros.datetime.fromisoformat('15.01.2021') }}", "'15.01.2021'"),
            ("{{ macros.datetime.strptime('2021-01-15', '%d/%m/%Y') }}", "does not match format"),
        ], variables)
    }
}
