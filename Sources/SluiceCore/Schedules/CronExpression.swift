import Foundation

/// A five-field cron expression (or an `@` preset such as `@daily`), evaluated in a time zone the
/// way Airflow 3 evaluates it.
///
/// Why it exists: every Sluice schedule is a cron expression interpreted exactly as Airflow's cron
/// timetables do, DST changes included, so that users moving from Airflow get the same runs.
///
/// The rules (Airflow's `CronMixin` over croniter):
/// - matching runs on the naive local wall-clock time of the zone;
/// - for an expression whose hour field is `*` ("covers every hour"), the result is the current
///   instant plus the naive difference, so hourly schedules keep ticking hourly through DST changes;
/// - for any other expression the naive result is made aware in the zone: a local time skipped by
///   spring-forward moves forward by the gap (02:30 → 03:30), a repeated local time after fall-back
///   is its second occurrence.
/// It does not know about start dates, catch-up or data intervals: that is `Timetable`.
public struct CronExpression: Sendable, Equatable {
    /// The expression as written (a preset keeps its `@` name).
    public let text: String
    let fields: CronFields

    /// Parses `text`; throws `ScheduleError` with the offset of the offending part.
    public init(parsing text: String) throws {
        self.text = text
        fields = try CronParser.parse(text)
    }

    /// Whether croniter would see the hour field as `*` (Airflow's "covers every hour").
    public var coversEveryHour: Bool { fields.coversEveryHour }

    /// The first tick after `date` (in naive local time), with Airflow's DST rules; nil if there is
    /// none within 50 years (croniter's limit) or `date` is absurdly far from now.
    public func next(after date: Date, in zone: TimeZone) -> Date? {
        var offsets = ZoneOffsets(zone: zone, learning: false)
        return next(after: date, offsets: &offsets)
    }

    /// The last tick before `date` (in naive local time), with Airflow's DST rules; nil if there is
    /// none within 50 years or `date` is absurdly far from now. Airflow's arithmetic makes this
    /// `date` itself in one case: a run moved forward out of a spring-forward gap (02:30 → 03:30).
    public func previous(before date: Date, in zone: TimeZone) -> Date? {
        var offsets = ZoneOffsets(zone: zone, learning: false)
        return previous(before: date, offsets: &offsets)
    }

    func next(after date: Date, offsets: inout ZoneOffsets) -> Date? {
        let seconds = date.timeIntervalSince1970
        guard abs(seconds) < Self.maximumSeconds else { return nil }
        let offset = offsets.offset(atInstant: Int64(seconds.rounded(.down)))
        let naive = Int64((seconds + Double(offset)).rounded(.down))
        guard let local = fields.nextMatch(after: naive) else { return nil }
        return aware(local, currentOffset: offset, &offsets)
    }

    func previous(before date: Date, offsets: inout ZoneOffsets) -> Date? {
        let seconds = date.timeIntervalSince1970
        guard abs(seconds) < Self.maximumSeconds else { return nil }
        let offset = offsets.offset(atInstant: Int64(seconds.rounded(.down)))
        let naive = Int64((seconds + Double(offset)).rounded(.up))
        guard let local = fields.previousMatch(before: naive) else { return nil }
        return aware(local, currentOffset: offset, &offsets)
    }

    /// Airflow's `_align_to_next`: `date` itself when it is a tick, else the next tick.
    func alignedToNext(_ date: Date, offsets: inout ZoneOffsets) -> Date? {
        guard let next = next(after: date, offsets: &offsets) else { return nil }
        return previous(before: next, offsets: &offsets) == date ? date : next
    }

    /// Airflow's `_align_to_prev`: `date` itself when it is a tick, else the previous tick.
    func alignedToPrevious(_ date: Date, offsets: inout ZoneOffsets) -> Date? {
        guard let previous = previous(before: date, offsets: &offsets) else { return nil }
        return next(after: previous, offsets: &offsets) == date ? date : previous
    }

    /// Year 5138 or so: far beyond any schedule, and safely inside Int64 arithmetic.
    static let maximumSeconds: Double = 1e11

    private func aware(_ local: Int64, currentOffset: Int64, _ offsets: inout ZoneOffsets) -> Date {
        if fields.coversEveryHour {
            // current + (scheduled - naive current) == scheduled read with the current offset.
            return Date(timeIntervalSince1970: Double(local - currentOffset))
        }
        return Date(timeIntervalSince1970: Double(offsets.instant(fromLocal: local)))
    }
}
