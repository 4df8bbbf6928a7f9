/// PostgreSQL's text output of single values, for code outside this module that needs a value as
/// PostgreSQL prints it (the Parquet path stores intervals, numeric and inet array elements as strings).
///
/// A thin public face over the writers the CSV and JSON lines paths use (`TextFormat`, `NumericText`,
/// `InetText`, `ArrayText`), so there is one implementation of each output function. Assumes the session
/// settings `TextFormat` documents (`TimeZone = UTC`, `DateStyle = ISO`, `IntervalStyle = postgres`).
public enum PostgresText {
    /// Days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for dates.
    public static let epochDaysSince1970: Int32 = 10957
    /// Microseconds from 1970-01-01 to 2000-01-01 00:00 UTC, PostgreSQL's epoch for timestamps.
    public static let epochMicrosecondsSince1970: Int64 = 946_684_800_000_000

    /// `1 year 2 mons 3 days 04:05:06.7`, as `interval_out` prints it.
    public static func interval(_ value: IntervalValue) -> String {
        var out: [UInt8] = []
        ArrayText.appendFormatted(TextFormat.maxInterval, to: &out) { TextFormat.writeInterval(value, $0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The exact decimal text of numeric's binary form (`-12.50`, `NaN`, `Infinity`), nil when invalid.
    public static func numeric(_ raw: UnsafeRawBufferPointer) -> String? {
        var out: [UInt8] = []
        guard NumericText.append(raw, to: &out) == nil else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the text output of one value in binary form (an array element) of kind `type`.
    public static func appendText(_ raw: UnsafeRawBufferPointer, of type: ColumnType, to out: inout [UInt8]) {
        ArrayText.appendElementText(raw, type, to: &out)
    }
}
