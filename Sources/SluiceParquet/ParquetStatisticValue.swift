/// A min or max value of a column: integers (also dates, timestamps and decimals up to 18
/// digits, unscaled), floating point, booleans, or raw bytes (strings as UTF-8, UUIDs, and
/// wider decimals as big-endian two's complement).
public enum ParquetStatisticValue: Hashable, Sendable {
    case boolean(Bool)
    case integer(Int64)
    case floatingPoint(Double)
    case bytes([UInt8])
}
