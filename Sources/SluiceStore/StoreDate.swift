import Foundation

/// How the store writes instants: INTEGER microseconds since 1970-01-01 UTC.
/// Integers sort and compare exactly in SQL and keep every microsecond.
enum StoreDate {
    static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func date(_ micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    static func value(_ date: Date?) -> StoreValue {
        date.map { .integer(micros($0)) } ?? .null
    }
}
