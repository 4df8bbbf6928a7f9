import Foundation
import XCTest
@testable import SluiceTemplates

/// The variables the pendulum, macros and relativedelta tests render with, the same as the Python
/// reference that produced their expected values had (pendulum datetimes in UTC, Airflow's `macros`):
/// `dt` 2021-01-15 00:00 UTC (a Friday), `leap` 2024-02-29 12:00 UTC, `monthend` 2021-01-31 23:30 UTC,
/// `spring` 2021-03-28 00:30 UTC and `autumn` 2021-10-31 00:30 UTC (the days Berlin changes its clocks),
/// `ds` and `ts` of `dt`.
enum PythonReferenceDates {
    static var variables: [String: TemplateValue] {
        func utc(_ seconds: TimeInterval) -> TemplateValue { .datetime(TemplateDateTime(Date(timeIntervalSince1970: seconds))) }
        return [
            "dt": utc(1_610_668_800), "leap": utc(1_709_208_000), "monthend": utc(1_612_135_800),
            "spring": utc(1_616_891_400), "autumn": utc(1_635_640_200), "macros": .dict(AirflowMacros.all),
            "ds": "2021-01-15", "ts": "2021-01-15T00:00:00+00:00",
        ]
    }
}

/// Asserts that each template fails to render with a message containing its fragment.
func assertRenderErrors(_ expectations: [(template: String, fragment: String)], _ variables: [String: TemplateValue],
                        file: StaticString = #filePath, line: UInt = #line) {
    for (template, fragment) in expectations {
        let error = renderError(template, variables, file: file, line: line)
        XCTAssertTrue(error?.message.contains(fragment) ?? false, "\(template): \(String(describing: error))", file: file, line: line)
    }
}
