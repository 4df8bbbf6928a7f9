/// Converts PostgreSQL's binary numeric (numeric_send) to its exact decimal text, as numeric_out prints it.
///
/// Binary layout: int16 ndigits, int16 weight (base-10000 exponent of the first digit), uint16 sign
/// (0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity), uint16 dscale
/// (digits shown after the point), then ndigits base-10000 digits as int16.
/// The value is sum(digit[i] * 10000^(weight - i)); the text shows every integer digit and exactly
/// dscale fractional digits (zero-padded), like PostgreSQL does.
enum NumericText {
    /// Appends the text of `raw` to `out`; returns a reason when the bytes are not a valid numeric.
    static func append(_ raw: UnsafeRawBufferPointer, to out: inout [UInt8]) -> String? {
        guard raw.count >= 8 else { return "numeric is \(raw.count) bytes, expected at least 8" }
        let ndigits = Int(raw.readInt16(at: 0))
        let weight = Int(raw.readInt16(at: 2))
        let sign = raw.readUInt16(at: 4)
        let dscale = Int(raw.readUInt16(at: 6))
        guard ndigits >= 0, raw.count == 8 + 2 * ndigits else { return "numeric digit count \(ndigits) does not match its \(raw.count) bytes" }
        switch sign {
        case 0xC000: out.append(contentsOf: [78, 97, 78]); return nil // NaN
        case 0xD000: out.append(contentsOf: Array("Infinity".utf8)); return nil
        case 0xF000: out.append(contentsOf: Array("-Infinity".utf8)); return nil
        case 0x0000, 0x4000: break
        default: return "numeric sign 0x\(String(sign, radix: 16)) is invalid"
        }
        guard dscale <= 0x3FFF else { return "numeric display scale \(dscale) is invalid" }
        @inline(__always) func digit(_ i: Int) -> Int {
            i >= 0 && i < ndigits ? Int(raw.readInt16(at: 8 + 2 * i)) : 0
        }
        for i in 0..<ndigits {
            let d = digit(i)
            if d < 0 || d > 9999 { return "numeric digit \(d) is out of range" }
        }
        if sign == 0x4000 { out.append(UInt8(ascii: "-")) }
        if weight < 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            // First group without leading zeros, the others as four digits.
            let first = digit(0)
            if first >= 1000 { out.append(UInt8(48 + first / 1000)) }
            if first >= 100 { out.append(UInt8(48 + (first / 100) % 10)) }
            if first >= 10 { out.append(UInt8(48 + (first / 10) % 10)) }
            out.append(UInt8(48 + first % 10))
            if weight >= 1 {
                for g in 1...weight {
                    let d = digit(g)
                    out.append(UInt8(48 + d / 1000))
                    out.append(UInt8(48 + (d / 100) % 10))
                    out.append(UInt8(48 + (d / 10) % 10))
                    out.append(UInt8(48 + d % 10))
                }
            }
        }
        if dscale > 0 {
            out.append(UInt8(ascii: "."))
            var written = 0
            var group = weight + 1
            while written < dscale {
                let d = digit(group)
                var divisor = 1000
                while divisor > 0 && written < dscale {
                    out.append(UInt8(48 + (d / divisor) % 10))
                    divisor /= 10
                    written += 1
                }
                group += 1
            }
        }
        return nil
    }

    /// Checks the layout only (used for array elements, which are rendered later).
    static func validate(_ raw: UnsafeRawBufferPointer) -> String? {
        var scratch: [UInt8] = []
        return append(raw, to: &scratch)
    }
}
