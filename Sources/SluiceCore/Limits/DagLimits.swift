import Foundation

/// The ranges every number, duration, size and date of a DAG file must fall in.
///
/// They exist so that hostile or mistyped values (`retries: 9223372036854775807`, `retry_delay:
/// 999999999999w`, `max_file_size: 1e300GB`) are rejected where they are written, with the range in
/// the message, instead of overflowing later in the scheduler. docs/dag-format.md lists the same
/// ranges; change both together. They are generous: no real DAG comes near them.
public enum DagLimits {
    /// One day in seconds.
    public static let day: TimeInterval = 86_400

    /// `retries`: how often a task is tried again.
    public static let retries: ClosedRange<Int> = 0...1_000
    /// `retry_delay` and `max_retry_delay`, in seconds: up to 365 days.
    public static let retryDelay: ClosedRange<TimeInterval> = 0...(365 * day)
    /// `execution_timeout`, in seconds: 1 second to 365 days.
    public static let executionTimeout: ClosedRange<TimeInterval> = 1...(365 * day)
    /// `interval` of a trigger timetable, in seconds: 1 second to 365 days.
    public static let triggerInterval: ClosedRange<TimeInterval> = 1...(365 * day)
    /// `deadline:` after the end of the data interval.
    public static let deadline: ClosedRange<TimeInterval> = 1...(365 * day)
    /// `max_active_runs` and `max_active_tasks`.
    public static let maxActive: ClosedRange<Int> = 1...10_000
    /// `max_file_size`, in bytes: 1 KB to 1 TiB.
    public static let maxFileSize: ClosedRange<Int64> = 1_000...1_099_511_627_776
    /// `row_group_size`, in rows.
    public static let rowGroupSize: ClosedRange<Int> = 1...100_000_000
    /// `min_rows` of an audit.
    public static let minRows: ClosedRange<Int> = 0...1_000_000_000_000
    /// `start_date` and `end_date`: from 1900-01-01 to 2999-12-31 (UTC).
    public static let dates: ClosedRange<Date> =
        Date(timeIntervalSince1970: -2_208_988_800)...Date(timeIntervalSince1970: 32_503_679_999)
    /// Tasks in one DAG, groups expanded.
    public static let tasks = 10_000
    /// Dependency edges in one DAG, groups expanded (a group depending on a group has one per pair).
    public static let dependencyEdges = 1_000_000
    /// The largest DAG file (or `for_each` file) read, in bytes: 4 MiB.
    public static let fileBytes = 4 * 1_048_576
    /// How deep YAML collections may nest.
    public static let yamlDepth = 64
    /// How many nodes a YAML document may have once aliases are expanded.
    public static let yamlExpandedNodes = 100_000

    /// A duration range for messages: `0s to 365d`.
    public static func describe(_ range: ClosedRange<TimeInterval>) -> String {
        "\(short(range.lowerBound)) to \(short(range.upperBound))"
    }

    /// Whole seconds in the largest unit that divides them: `1s`, `5m`, `365d`.
    static func short(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] where whole >= size && whole % size == 0 {
            return "\(whole / size)\(unit)"
        }
        return "\(whole)s"
    }
}
