import SluiceFormats

/// PostgreSQL's text for the few binary values the Parquet path stores as strings: intervals
/// (`IntervalStyle = postgres`: `1 year 2 mons 3 days 04:05:06.5`) and numeric array elements
/// (numeric's binary form: int16 digit count, weight, sign, display scale, then base-10000 digits).
enum PostgresText {
    static func interval(_ v: IntervalValue) -> String {
        var parts: [String] = []
        let years = v.months / 12, months = v.months % 12
        func unit(_ n: Int64, _ singular: String, _ plural: String) {
            if n != 0 { parts.append("\(n) \(n == 1 ? singular : plural)") }
        }
        unit(Int64(years), "year", "years")
        unit(Int64(months), "mon", "mons")
        unit(Int64(v.days), "day", "days")
        if v.microseconds != 0 || parts.isEmpty {
            let negative = v.microseconds < 0
            let total = v.microseconds.magnitude
            let hours = total / 3_600_000_000
            let minutes = (total / 60_000_000) % 60
            let seconds = (total / 1_000_000) % 60
            let micros = total % 1_000_000
            var text = (negative ? "-" : "") + (hours < 10 ? "0" : "") + "\(hours):" + pad2(minutes) + ":" + pad2(seconds)
            if micros != 0 {
                var fraction = String(micros)
                fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
                while fraction.hasSuffix("0") { fraction.removeLast() }
                text += "." + fraction
            }
            // PostgreSQL prints a positive time after a negative date part with an explicit '+'.
            if !negative && !parts.isEmpty && (v.days < 0 || v.months < 0) { text = "+" + text }
            parts.append(text)
        }
        return parts.joined(separator: " ")
    }

    private static func pad2(_ n: UInt64) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Decodes numeric's binary send format into its exact decimal text (`NaN`, `Infinity` too).
    static func numeric(_ raw: UnsafeRawBufferPointer) -> String? {
        guard raw.count >= 8 else { return nil }
        func int16(_ at: Int) -> Int { Int(Int16(bitPattern: UInt16(raw[at]) << 8 | UInt16(raw[at + 1]))) }
        let ndigits = int16(0), weight = int16(2), sign = UInt16(bitPattern: Int16(int16(4))), dscale = int16(6)
        switch sign {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        case 0x0000, 0x4000: break
        default: return nil
        }
        guard ndigits >= 0, raw.count == 8 + 2 * ndigits, dscale >= 0 else { return nil }
        let digits = (0..<ndigits).map { int16(8 + 2 * $0) }
        var integer = ""
        if weight < 0 {
            integer = "0"
        } else {
            for i in 0...weight {
                let d = i < digits.count ? digits[i] : 0
                if integer.isEmpty { integer = String(d) } else {
                    let s = String(d)
                    integer += String(repeating: "0", count: 4 - s.count) + s
                }
            }
        }
        var fraction = ""
        if dscale > 0 {
            var i = weight + 1
            while fraction.count < dscale {
                let d = i >= 0 && i < digits.count ? digits[i] : 0
                let s = String(d)
                fraction += String(repeating: "0", count: 4 - s.count) + s
                i += 1
            }
            fraction = String(fraction.prefix(dscale))
        }
        let body = fraction.isEmpty ? integer : integer + "." + fraction
        return sign == 0x4000 ? "-" + body : body
    }
}
