import Foundation
import SluiceCore

/// How a DAG's next run is written, the same in the scheduler's log, `status` and `dags list`.
enum NextRunText {
    /// `2026-12-04T00:00:00+00:00 (due 2026-12-05T00:00:00+00:00)`, or `none`.
    static func describe(_ next: DagRunInfo?) -> String {
        guard let next else { return "none" }
        return "\(DateText.iso(next.logicalDate)) (due \(DateText.iso(next.runAfter)))"
    }

    /// The JSON form: logical date, data interval and when it is due; null for none.
    static func json(_ next: DagRunInfo?) -> JSONValue {
        guard let next else { return .null }
        return .object([
            ("logical_date", .string(DateText.iso(next.logicalDate))),
            ("data_interval_start", .string(DateText.iso(next.dataIntervalStart))),
            ("data_interval_end", .string(DateText.iso(next.dataIntervalEnd))),
            ("run_after", .string(DateText.iso(next.runAfter))),
        ])
    }
}
