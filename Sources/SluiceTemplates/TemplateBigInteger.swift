import BigInt

/// A Python `int` beyond 64 bits (`'12345678901234567890' | int`, `2 ** 70`): Python's integers have no
/// size limit, so Jinja keeps such numbers, and Sluice does too. Arithmetic that overflows `Int` moves
/// here, and a result that fits `Int` again goes back to `.int`, so the hot path never sees it.
struct TemplateBigInteger: TemplateObject, Hashable {
    /// The largest magnitude kept, in bits (about 30,000 decimal digits): beyond it an error, as
    /// every other value has a size limit.
    static let maximumBits = 100_000

    let value: BigInt

    var typeName: String { "int" }

    func appendText(to out: inout String) { out += String(value) }

    func isEqual(to other: any TemplateObject) -> Bool {
        (other as? TemplateBigInteger)?.value == value
    }

    /// `.int` when `value` fits 64 bits, else a big integer; an error beyond `maximumBits`.
    static func normalized(_ value: BigInt) throws -> TemplateValue {
        if let small = Int(exactly: value) { return .int(small) }
        guard value.magnitude.bitWidth <= maximumBits else {
            throw TemplateError(message: "the integer would have more than \(maximumBits) bits")
        }
        return .object(TemplateBigInteger(value: value))
    }

    /// The value as a `BigInt` when it is an integer (`bool`, `int` or big); nil otherwise.
    static func integer(_ value: TemplateValue) -> BigInt? {
        switch value {
        case .int(let i): return BigInt(i)
        case .bool(let b): return b ? 1 : 0
        case .object(let o as TemplateBigInteger): return o.value
        default: return nil
        }
    }

    /// Python's `int(text, base)` for digits already checked to be in `radix` (with a sign).
    static func parse(_ text: String, radix: Int) throws -> TemplateValue? {
        guard let value = BigInt(text, radix: radix) else { return nil }
        return try normalized(value)
    }

    /// Python's `//` (floor division) and `%` (the remainder takes the divisor's sign).
    static func floorDivMod(_ a: BigInt, _ b: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        var (q, r) = a.quotientAndRemainder(dividingBy: b)
        if r != 0 && (r.signum() != b.signum()) {
            q -= 1
            r += b
        }
        return (q, r)
    }

    /// Python's `**` for a non-negative exponent; an error when the result would pass `maximumBits`.
    static func power(_ base: BigInt, _ exponent: Int) throws -> TemplateValue {
        let bits = base.magnitude.bitWidth
        if base.magnitude > 1, exponent > 0, bits - 1 > maximumBits / max(exponent, 1) {
            throw TemplateError(message: "the integer would have more than \(maximumBits) bits")
        }
        return try normalized(base.power(exponent))
    }

    /// The nearest `Double`, as Python's `float(n)`.
    var double: Double { Double(value) }
}
