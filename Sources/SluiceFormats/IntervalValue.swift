/// A PostgreSQL interval exactly as it travels in binary: microseconds, days and months kept apart,
/// because PostgreSQL never normalises one into another (a month is not 30 days, a day is not 24 hours).
public struct IntervalValue: Sendable, Hashable {
    public var microseconds: Int64
    public var days: Int32
    public var months: Int32

    public init(microseconds: Int64, days: Int32, months: Int32) {
        self.microseconds = microseconds
        self.days = days
        self.months = months
    }
}
