import Foundation

/// Low-level writers of PostgreSQL's text output (and the ISO forms the JSON writer uses), straight into
/// a byte buffer. Every function writes at `p` and returns the end; the caller has reserved enough room
/// (the `max...` constants). No Foundation formatters, no Strings on the hot path.
///
/// PostgreSQL settings assumed: `TimeZone = 'UTC'`, `DateStyle = ISO`, `IntervalStyle = postgres`,
/// `extra_float_digits = 1` (the default: shortest round-trip floats).
enum TextFormat {
    typealias Out = UnsafeMutablePointer<UInt8>

    static let maxInteger = 20
    static let maxFloat = 32
    static let maxTimestamp = 40
    static let maxInterval = 96
    static let microsPerDay: Int64 = 86_400_000_000

    // MARK: integers

    @inline(__always)
    static func writeUInt(_ value: UInt64, _ p: Out) -> Out {
        var v = value
        var n = 1
        var t = v
        while t >= 10 { t /= 10; n += 1 }
        var q = p + n
        let end = q
        repeat {
            q -= 1
            q.pointee = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
        } while v != 0
        return end
    }

    @inline(__always)
    static func writeInt(_ value: Int64, _ p: Out) -> Out {
        if value < 0 {
            p.pointee = UInt8(ascii: "-")
            return writeUInt(value.magnitude, p + 1)
        }
        return writeUInt(UInt64(value), p)
    }

    /// Writes `value` (>= 0) with at least `width` digits, zero-padded.
    @inline(__always)
    static func writePadded(_ value: Int, width: Int, _ p: Out) -> Out {
        var n = 1
        var t = value
        while t >= 10 { t /= 10; n += 1 }
        var q = p
        if n < width {
            for _ in 0..<(width - n) { q.pointee = 48; q += 1 }
        }
        return writeUInt(UInt64(value), q)
    }

    @inline(__always)
    static func write2(_ value: Int, _ p: Out) -> Out {
        p[0] = UInt8(truncatingIfNeeded: 48 + value / 10)
        p[1] = UInt8(truncatingIfNeeded: 48 + value % 10)
        return p + 2
    }

    @inline(__always)
    static func writeLiteral(_ s: StaticString, _ p: Out) -> Out {
        let n = s.utf8CodeUnitCount
        p.update(from: s.utf8Start, count: n)
        return p + n
    }

    // MARK: floats

    /// PostgreSQL 12+ float output: the shortest digits that round-trip, printed fixed when the decimal
    /// exponent is in [-4, maxFixedExponent) (15 for float8, 6 for float4), else as `d.ddde+XX`.
    /// The digits come from Swift's `description`, which is also shortest round-trip (and closest).
    static func writeFloat(_ value: Double, isFloat4: Bool, _ p: Out) -> Out {
        if value.isNaN { return writeLiteral("NaN", p) }
        if value.isInfinite { return value < 0 ? writeLiteral("-Infinity", p) : writeLiteral("Infinity", p) }
        if value == 0 { return value.sign == .minus ? writeLiteral("-0", p) : writeLiteral("0", p) }
        let text = shortestText(value, isFloat4: isFloat4)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buf in
            var nd = 0
            var pointSeen = false
            var exponent = 0
            var negative = false
            var seenDigit = false
            var leadingZeros = 0
            var intDigits = 0
            var inExponent = false
            var expNegative = false
            for c in text.utf8 {
                if inExponent {
                    if c == UInt8(ascii: "-") {
                        expNegative = true
                    } else if c != UInt8(ascii: "+") {
                        exponent = exponent * 10 + Int(c &- 48)
                    }
                    continue
                }
                switch c {
                case UInt8(ascii: "-"): negative = true
                case UInt8(ascii: "."): pointSeen = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
                default:
                    if !pointSeen { intDigits += 1 }
                    if !seenDigit && c == 48 {
                        leadingZeros += 1
                    } else {
                        seenDigit = true
                        if nd < 32 { buf[nd] = c; nd += 1 }
                    }
                }
            }
            if expNegative { exponent = -exponent }
            while nd > 1 && buf[nd - 1] == 48 { nd -= 1 }
            // value = 0.d1d2... * 10^(intDigits - leadingZeros + exponent)
            let sciExp = intDigits - leadingZeros - 1 + exponent
            var q = p
            if negative { q.pointee = UInt8(ascii: "-"); q += 1 }
            let maxFixed = isFloat4 ? 6 : 15
            if sciExp >= -4 && sciExp < maxFixed {
                if sciExp < 0 {
                    q[0] = 48; q[1] = UInt8(ascii: "."); q += 2
                    for _ in 0..<(-sciExp - 1) { q.pointee = 48; q += 1 }
                    for i in 0..<nd { q.pointee = buf[i]; q += 1 }
                } else {
                    for i in 0...sciExp { q.pointee = i < nd ? buf[i] : 48; q += 1 }
                    if nd > sciExp + 1 {
                        q.pointee = UInt8(ascii: "."); q += 1
                        for i in (sciExp + 1)..<nd { q.pointee = buf[i]; q += 1 }
                    }
                }
                return q
            }
            q.pointee = buf[0]; q += 1
            if nd > 1 {
                q.pointee = UInt8(ascii: "."); q += 1
                for i in 1..<nd { q.pointee = buf[i]; q += 1 }
            }
            q.pointee = UInt8(ascii: "e"); q += 1
            q.pointee = sciExp < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"); q += 1
            return writePadded(abs(sciExp), width: 2, q)
        }
    }

    /// The shortest round-trip digits exactly as PostgreSQL's Ryu picks them. Swift's `description` is
    /// the starting point, with two corrections found by comparing against PostgreSQL:
    /// - Swift (like strict Ryu) accepts a decimal exactly halfway between two floats when the mantissa
    ///   is even; PostgreSQL's Ryu never does (it is built without STRICTLY_SHORTEST);
    /// - Swift occasionally prints 17 digits where 16 round-trip.
    /// So shorter correctly-rounded forms are tried (Foundation's `%e`, off the common path for short
    /// values) and the shortest that round-trips and is not a halfway point wins.
    static func shortestText(_ value: Double, isFloat4: Bool) -> String {
        var text = isFloat4 ? Float(value).description : value.description
        var digits = significantDigits(text)
        if isHalfway(text, value, isFloat4: isFloat4) {
            let maxDigits = isFloat4 ? 9 : 17
            for n in digits...maxDigits {
                let candidate = String(format: "%.\(n - 1)e", value)
                if roundTrips(candidate, value, isFloat4: isFloat4) && !isHalfway(candidate, value, isFloat4: isFloat4) {
                    return candidate
                }
            }
            return text
        }
        while digits > 1 {
            let candidate = String(format: "%.\(digits - 2)e", value)
            guard roundTrips(candidate, value, isFloat4: isFloat4), !isHalfway(candidate, value, isFloat4: isFloat4) else { break }
            text = candidate
            digits -= 1
        }
        return text
    }

    static func roundTrips(_ text: String, _ value: Double, isFloat4: Bool) -> Bool {
        isFloat4 ? Float(text) == Float(value) : Double(text) == value
    }

    /// Significant digits of a decimal text (leading and trailing zeros of the mantissa not counted).
    static func significantDigits(_ text: String) -> Int {
        var first = -1
        var last = -1
        var i = 0
        for c in text.utf8 {
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { break }
            if c >= 49 && c <= 57 {
                if first < 0 { first = i }
                last = i
            }
            if c >= 48 && c <= 57 { i += 1 }
        }
        return first < 0 ? 1 : last - first + 1
    }

    /// True when the decimal `text` equals the midpoint between `value` and one of its neighbours.
    static func isHalfway(_ text: String, _ value: Double, isFloat4: Bool) -> Bool {
        if isFloat4 {
            // Float midpoints are exact in Double.
            let f = Float(value)
            guard let decimal = DecimalText(text) else { return false }
            return exactlyEquals(decimal, midpointOf: Double(f), and: Double(f.nextUp))
                || exactlyEquals(decimal, midpointOf: Double(f), and: Double(f.nextDown))
        }
        // Exact integer arithmetic: Float80 would round the decimal text (64-bit significand) and
        // could land on a midpoint the text is merely close to.
        guard let decimal = DecimalText(text) else { return false }
        return exactlyEquals(decimal, midpointOf: value, and: value.nextUp)
            || exactlyEquals(decimal, midpointOf: value, and: value.nextDown)
    }

    /// A decimal text as an integer and a power of ten: `digits × 10^exponent` (sign dropped).
    struct DecimalText {
        var digits: UInt64
        var exponent: Int

        init?(_ text: String) {
            var digits: UInt64 = 0
            var exponent = 0
            var afterPoint = false
            var expPart = 0
            var expSign = 1
            var inExp = false
            var count = 0
            for c in text.utf8 {
                if inExp {
                    if c == UInt8(ascii: "-") { expSign = -1 } else if c >= 48 && c <= 57 { expPart = expPart * 10 + Int(c - 48) }
                    continue
                }
                switch c {
                case UInt8(ascii: "."): afterPoint = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"): inExp = true
                case 48...57:
                    if digits == 0 && c == 48 { if afterPoint { exponent -= 1 }; continue }
                    count += 1
                    guard count <= 19 else { return nil }
                    digits = digits * 10 + UInt64(c - 48)
                    if afterPoint { exponent -= 1 }
                default: break
                }
            }
            guard digits != 0 else { return nil }
            self.digits = digits
            self.exponent = exponent + expSign * expPart
        }
    }

    /// Whether `d` equals (a + b) / 2 exactly, for two neighbouring finite non-zero values of one sign.
    static func exactlyEquals(_ d: DecimalText, midpointOf a: Double, and b: Double) -> Bool {
        guard a.isFinite, b.isFinite, a != 0, b != 0, (a < 0) == (b < 0) else { return false }
        func parts(_ x: Double) -> (UInt64, Int) {
            let m = x.significandBitPattern | (x.isNormal ? (1 << 52) : 0)
            let e = (x.isNormal ? Int(x.exponentBitPattern) : 1) - 1075
            return (m, e)
        }
        let (ma, ea) = parts(abs(a)), (mb, eb) = parts(abs(b))
        let e = min(ea, eb)
        var sum = (ma << UInt64(ea - e)) + (mb << UInt64(eb - e))
        var e2 = e - 1  // the midpoint is sum × 2^(e - 1)
        while sum & 1 == 0 { sum >>= 1; e2 += 1 }
        // digits × 10^k == sum × 2^e2, sum odd.
        var dOdd = d.digits
        var twos = 0
        while dOdd & 1 == 0 { dOdd >>= 1; twos += 1 }
        func times5(_ x: UInt64, _ n: Int) -> UInt64? {
            var r = x
            for _ in 0..<n {
                let (p, o) = r.multipliedReportingOverflow(by: 5)
                if o { return nil }
                r = p
            }
            return r
        }
        if d.exponent >= 0 {
            // dOdd × 5^k × 2^(twos + k) == sum × 2^e2
            guard twos + d.exponent == e2, let lhs = times5(dOdd, d.exponent) else { return false }
            return lhs == sum
        } else {
            // dOdd × 2^twos == sum × 5^j × 2^(e2 - j), j = -k
            let j = -d.exponent
            guard twos == e2 - j, let rhs = times5(sum, j) else { return false }
            return rhs == dOdd
        }
    }

    // MARK: dates and times

    /// PostgreSQL date output: `YYYY-MM-DD`, `YYYY-MM-DD BC` before year 1, `infinity`, `-infinity`.
    @inline(__always)
    static func writeDate(_ days: Int32, _ p: Out) -> Out {
        if days == Int32.max { return writeLiteral("infinity", p) }
        if days == Int32.min { return writeLiteral("-infinity", p) }
        let d = CivilDate(daysSince2000: Int(days))
        var q = writeYMD(d, bcYear: true, p)
        if d.year <= 0 { q = writeLiteral(" BC", q) }
        return q
    }

    @inline(__always)
    static func writeYMD(_ d: CivilDate, bcYear: Bool, _ p: Out) -> Out {
        var q: Out
        if bcYear && d.year <= 0 {
            q = writePadded(1 - d.year, width: 4, p)
        } else if d.year >= 0 {
            q = writePadded(d.year, width: 4, p)
        } else {
            p.pointee = UInt8(ascii: "-")
            q = writePadded(-d.year, width: 4, p + 1)
        }
        q.pointee = UInt8(ascii: "-")
        q = write2(d.month, q + 1)
        q.pointee = UInt8(ascii: "-")
        return write2(d.day, q + 1)
    }

    /// `HH:MM:SS` then the fraction with trailing zeros removed (PostgreSQL), or all six digits (ISO).
    @inline(__always)
    static func writeTime(_ micros: Int64, fullFraction: Bool, _ p: Out) -> Out {
        let totalSeconds = Int(micros / 1_000_000)
        let fraction = Int(micros % 1_000_000)
        var q = write2(totalSeconds / 3600, p)
        q.pointee = UInt8(ascii: ":")
        q = write2((totalSeconds / 60) % 60, q + 1)
        q.pointee = UInt8(ascii: ":")
        q = write2(totalSeconds % 60, q + 1)
        return writeFraction(fraction, full: fullFraction, q)
    }

    /// `.` and the six digits of `fraction` (0 ..< 1,000,000), trailing zeros dropped unless `full`.
    ///
    /// Written front to back, digit by digit: the earlier back-to-front loop (a cursor
    /// stepped down from the end it returned) was miscompiled by `swift build -c release` (whole-module
    /// optimisation) into a function that wrote the `.` but none of the digits, so JSON lines carried
    /// NUL bytes in every timestamptz; `ReleaseBuildTests` builds the module that way to keep it fixed.
    @inline(never)
    static func writeFraction(_ fraction: Int, full: Bool, _ p: Out) -> Out {
        if fraction == 0 && !full { return p }
        p[0] = UInt8(ascii: ".")
        p[1] = UInt8(truncatingIfNeeded: 48 + fraction / 100_000)
        p[2] = UInt8(truncatingIfNeeded: 48 + fraction / 10_000 % 10)
        p[3] = UInt8(truncatingIfNeeded: 48 + fraction / 1_000 % 10)
        p[4] = UInt8(truncatingIfNeeded: 48 + fraction / 100 % 10)
        p[5] = UInt8(truncatingIfNeeded: 48 + fraction / 10 % 10)
        p[6] = UInt8(truncatingIfNeeded: 48 + fraction % 10)
        if full { return p + 7 }
        var last = 6
        while last > 1 && p[last] == 48 { last -= 1 }
        return p + last + 1
    }

    @inline(__always)
    static func splitTimestamp(_ micros: Int64) -> (days: Int, timeOfDay: Int64) {
        var days = micros / microsPerDay
        var tod = micros - days * microsPerDay
        if tod < 0 { days -= 1; tod += microsPerDay }
        return (Int(days), tod)
    }

    /// PostgreSQL timestamp output (ISO DateStyle): `2026-01-01 00:00:00.5`, `+00` appended for
    /// timestamptz in UTC, ` BC` last; `infinity` / `-infinity`.
    @inline(__always)
    static func writeTimestamp(_ micros: Int64, withZone: Bool, _ p: Out) -> Out {
        if micros == Int64.max { return writeLiteral("infinity", p) }
        if micros == Int64.min { return writeLiteral("-infinity", p) }
        let (days, tod) = splitTimestamp(micros)
        let d = CivilDate(daysSince2000: days)
        var q = writeYMD(d, bcYear: true, p)
        q.pointee = UInt8(ascii: " ")
        q = writeTime(tod, fullFraction: false, q + 1)
        if withZone { q[0] = UInt8(ascii: "+"); q[1] = 48; q[2] = 48; q += 3 }
        if d.year <= 0 { q = writeLiteral(" BC", q) }
        return q
    }

    /// ISO 8601 for JSON: `2026-01-01T00:00:00.500000Z` (no `Z` without time zone); astronomical years
    /// (`-0043` is 44 BC); `infinity` / `-infinity` as PostgreSQL spells them.
    @inline(__always)
    static func writeISOTimestamp(_ micros: Int64, withZone: Bool, _ p: Out) -> Out {
        if micros == Int64.max { return writeLiteral("infinity", p) }
        if micros == Int64.min { return writeLiteral("-infinity", p) }
        let (days, tod) = splitTimestamp(micros)
        var q = writeYMD(CivilDate(daysSince2000: days), bcYear: false, p)
        q.pointee = UInt8(ascii: "T")
        q = writeTime(tod, fullFraction: true, q + 1)
        if withZone { q.pointee = UInt8(ascii: "Z"); q += 1 }
        return q
    }

    /// ISO 8601 date for JSON (astronomical years).
    @inline(__always)
    static func writeISODate(_ days: Int32, _ p: Out) -> Out {
        if days == Int32.max { return writeLiteral("infinity", p) }
        if days == Int32.min { return writeLiteral("-infinity", p) }
        return writeYMD(CivilDate(daysSince2000: Int(days)), bcYear: false, p)
    }

    // MARK: interval

    /// PostgreSQL's `postgres` IntervalStyle: `1 year 2 mons 3 days 04:05:06.7`, `-1 days +00:00:01`,
    /// `00:00:00` for zero. Each part carries its own sign; a positive part after a negative one gets `+`.
    static func writeInterval(_ v: IntervalValue, _ p: Out) -> Out {
        var q = p
        var isZero = true
        var isBefore = false
        func part(_ value: Int64, _ unit: StaticString) {
            if value == 0 { return }
            if !isZero { q.pointee = UInt8(ascii: " "); q += 1 }
            if isBefore && value > 0 { q.pointee = UInt8(ascii: "+"); q += 1 }
            q = writeInt(value, q)
            q.pointee = UInt8(ascii: " "); q += 1
            q = writeLiteral(unit, q)
            if value != 1 { q.pointee = UInt8(ascii: "s"); q += 1 }
            isBefore = value < 0
            isZero = false
        }
        part(Int64(v.months / 12), "year")
        part(Int64(v.months % 12), "mon")
        part(Int64(v.days), "day")
        let time = v.microseconds
        if isZero || time != 0 {
            if !isZero { q.pointee = UInt8(ascii: " "); q += 1 }
            if time < 0 {
                q.pointee = UInt8(ascii: "-"); q += 1
            } else if isBefore {
                q.pointee = UInt8(ascii: "+"); q += 1
            }
            let magnitude = time.magnitude
            let hours = magnitude / 3_600_000_000
            let rest = magnitude % 3_600_000_000
            q = hours < 10 ? write2(Int(hours), q) : writeUInt(hours, q)
            q.pointee = UInt8(ascii: ":")
            q = write2(Int(rest / 60_000_000), q + 1)
            q.pointee = UInt8(ascii: ":")
            q = write2(Int((rest / 1_000_000) % 60), q + 1)
            q = writeFraction(Int(rest % 1_000_000), full: false, q)
        }
        return q
    }

    // MARK: uuid, bytea

    @inline(__always)
    static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` from 16 bytes, lower case.
    @inline(__always)
    static func writeUUID(_ src: UnsafePointer<UInt8>, _ p: Out) -> Out {
        var q = p
        for i in 0..<16 {
            if i == 4 || i == 6 || i == 8 || i == 10 { q.pointee = UInt8(ascii: "-"); q += 1 }
            q[0] = hexDigit(src[i] >> 4)
            q[1] = hexDigit(src[i] & 15)
            q += 2
        }
        return q
    }

    /// bytea's hex output: `\x` then two lower-case hex digits per byte.
    @inline(__always)
    static func writeByteaHex(_ src: UnsafePointer<UInt8>, _ count: Int, _ p: Out) -> Out {
        p[0] = UInt8(ascii: "\\")
        p[1] = UInt8(ascii: "x")
        var q = p + 2
        for i in 0..<count {
            q[0] = hexDigit(src[i] >> 4)
            q[1] = hexDigit(src[i] & 15)
            q += 2
        }
        return q
    }

    /// Standard base64 with padding (RFC 4648), used for bytea in JSON.
    static func writeBase64(_ src: UnsafePointer<UInt8>, _ count: Int, _ p: Out) -> Out {
        @inline(__always) func sym(_ v: UInt32) -> UInt8 {
            let x = UInt8(v & 63)
            switch x {
            case 0..<26: return 65 + x
            case 26..<52: return 71 + x
            case 52..<62: return x - 4
            case 62: return UInt8(ascii: "+")
            default: return UInt8(ascii: "/")
            }
        }
        var q = p
        var i = 0
        while i + 3 <= count {
            let v = UInt32(src[i]) << 16 | UInt32(src[i + 1]) << 8 | UInt32(src[i + 2])
            q[0] = sym(v >> 18); q[1] = sym(v >> 12); q[2] = sym(v >> 6); q[3] = sym(v)
            q += 4
            i += 3
        }
        let rest = count - i
        if rest == 1 {
            let v = UInt32(src[i]) << 16
            q[0] = sym(v >> 18); q[1] = sym(v >> 12); q[2] = 61; q[3] = 61
            q += 4
        } else if rest == 2 {
            let v = UInt32(src[i]) << 16 | UInt32(src[i + 1]) << 8
            q[0] = sym(v >> 18); q[1] = sym(v >> 12); q[2] = sym(v >> 6); q[3] = 61
            q += 4
        }
        return q
    }
}
