/// An exact decimal split into sign, unscaled digits and scale, for writers that store decimals as
/// integers (Parquet DECIMAL). Built from the decimal text the decoder produces.
public struct DecimalParts: Sendable, Hashable {
    public let isNegative: Bool
    /// ASCII digits of the unscaled value without leading zeros ("0" for zero).
    public let unscaledDigits: [UInt8]
    /// Digits after the decimal point.
    public let scale: Int

    /// Parses `-123.4500`-shaped text; nil for `NaN`, `Infinity`, `-Infinity` or anything else.
    public init?<C: Collection>(text: C) where C.Element == UInt8 {
        var negative = false
        var digits: [UInt8] = []
        digits.reserveCapacity(text.count)
        var scale = 0
        var seenPoint = false
        var first = true
        for byte in text {
            if first && byte == UInt8(ascii: "-") { negative = true; first = false; continue }
            first = false
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if byte >= 48 && byte <= 57 {
                if !(digits.isEmpty && byte == 48) { digits.append(byte) }
                if seenPoint { scale += 1 }
            } else {
                return nil
            }
        }
        if digits.isEmpty { digits = [48]; negative = false }
        self.isNegative = negative
        self.unscaledDigits = digits
        self.scale = scale
    }

    /// The unscaled value when it fits in an Int64 (precision up to 18 always does).
    public var unscaledInt64: Int64? {
        var value: Int64 = 0
        for d in unscaledDigits {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d - 48))
            if o1 || o2 { return nil }
            value = a
        }
        return isNegative ? -value : value
    }
}
