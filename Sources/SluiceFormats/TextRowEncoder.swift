/// Turns text rows (what `FETCH` returns in the cursor fallback) into PostgreSQL's binary COPY form, so the
/// fallback feeds the same decoder and writers as `COPY ... TO STDOUT`.
///
/// Parsed from text: smallint, integer, bigint, oid, real, double precision, numeric, boolean, text,
/// varchar, char, name, json, jsonb, date, timestamp, timestamptz (`YYYY-MM-DD[ T]HH:MM:SS[.ffffff][Z|±HH[:MM]]`,
/// years of up to seven digits, ` BC`, `infinity`, `-infinity`), uuid and bytea (hex `\x...`). Every other
/// type (interval, inet, cidr, arrays, unknown types) is kept as its text, in a column typed text: the
/// limits of the fallback. A value that does not parse fails the export naming the column.
public struct TextRowEncoder: Sendable {
    /// The schema of the encoded stream: the source's, with unparsed columns retyped as text.
    public let schema: [ColumnSchema]

    /// The binary COPY header (signature, flags, no extension) and trailer the encoded rows go between.
    public static let header: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]
    public static let trailer: [UInt8] = [0xFF, 0xFF]

    /// Whether the encoder parses the text of a column of this kind (others travel as text).
    static func parses(_ column: ColumnSchema) -> Bool {
        guard column.isKnownType else { return false }
        switch column.type {
        case .interval, .inet, .array: return false
        default: return true
        }
    }

    public init(schema source: [ColumnSchema]) {
        schema = source.map { column in
            Self.parses(column) ? column : ColumnSchema(name: column.name, typeOID: 25)
        }
    }

    /// The rows (text values, nil for NULL) in binary COPY form, without header or trailer.
    public func encode(_ rows: [[String?]]) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 16 * max(1, schema.count))
        for (r, row) in rows.enumerated() {
            guard row.count == schema.count else {
                throw FormatsError.fieldCountMismatch(expected: schema.count, found: row.count, row: r + 1)
            }
            Self.put(Int16(truncatingIfNeeded: schema.count), &out)
            for (c, value) in row.enumerated() {
                guard let value else {
                    Self.put(Int32(-1), &out)
                    continue
                }
                let lengthAt = out.count
                Self.put(Int32(0), &out)
                do {
                    try Self.append(value, type: schema[c].type, to: &out)
                } catch {
                    throw FormatsError.badValue(column: schema[c].name, type: schema[c].sourceTypeName,
                                                reason: "its text cannot be read", row: r + 1)
                }
                let length = UInt32(truncatingIfNeeded: out.count - lengthAt - 4)
                out[lengthAt] = UInt8(length >> 24); out[lengthAt + 1] = UInt8((length >> 16) & 0xFF)
                out[lengthAt + 2] = UInt8((length >> 8) & 0xFF); out[lengthAt + 3] = UInt8(length & 0xFF)
            }
        }
        return out
    }

    struct Unparsable: Error {}

    static func put<T: FixedWidthInteger>(_ value: T, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }

    static func append(_ text: String, type: ColumnType, to out: inout [UInt8]) throws {
        switch type {
        case .int16:
            guard let v = Int16(text) else { throw Unparsable() }
            put(v, &out)
        case .int32:
            guard let v = Int32(text) else { throw Unparsable() }
            put(v, &out)
        case .int64:
            guard let v = Int64(text) else { throw Unparsable() }
            put(v, &out)
        case .oid:
            guard let v = UInt32(text) else { throw Unparsable() }
            put(v, &out)
        case .float32:
            guard let v = Float(text) else { throw Unparsable() }
            put(v.bitPattern, &out)
        case .float64:
            guard let v = Double(text) else { throw Unparsable() }
            put(v.bitPattern, &out)
        case .bool:
            switch text.lowercased() {
            case "t", "true": out.append(1)
            case "f", "false": out.append(0)
            default: throw Unparsable()
            }
        case .text, .json:
            out.append(contentsOf: text.utf8)
        case .jsonb:
            out.append(1)
            out.append(contentsOf: text.utf8)
        case .uuid:
            let hex = text.utf8.filter { $0 != UInt8(ascii: "-") }
            guard hex.count == 32 else { throw Unparsable() }
            for i in stride(from: 0, to: 32, by: 2) {
                guard let h = hexValue(hex[i]), let l = hexValue(hex[i + 1]) else { throw Unparsable() }
                out.append(h << 4 | l)
            }
        case .bytea:
            let bytes = Array(text.utf8)
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else { throw Unparsable() }
            for i in stride(from: 2, to: bytes.count, by: 2) {
                guard let h = hexValue(bytes[i]), let l = hexValue(bytes[i + 1]) else { throw Unparsable() }
                out.append(h << 4 | l)
            }
        case .date:
            guard let t = TimestampText(text), t.hasTimeOfDay == false else { throw Unparsable() }
            if let infinity = t.infinity {
                put(infinity > 0 ? Int32.max : Int32.min, &out)
            } else {
                guard let days = Int32(exactly: t.days) else { throw Unparsable() }
                put(days, &out)
            }
        case .timestamp, .timestampTZ:
            guard let t = TimestampText(text) else { throw Unparsable() }
            if let infinity = t.infinity {
                put(infinity > 0 ? Int64.max : Int64.min, &out)
            } else {
                // Checked: a year far beyond PostgreSQL's range (another server's text) must not trap.
                let (dayMicros, o1) = Int64(t.days).multipliedReportingOverflow(by: 86_400_000_000)
                let (local, o2) = dayMicros.addingReportingOverflow(t.timeMicros)
                let offset = type == .timestampTZ ? Int64(t.offsetSeconds) * 1_000_000 : 0
                let (micros, o3) = local.subtractingReportingOverflow(offset)
                guard !o1, !o2, !o3 else { throw Unparsable() }
                put(micros, &out)
            }
        case .numeric:
            try appendNumeric(text, to: &out)
        case .interval, .inet, .array:
            throw Unparsable()
        }
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }

    /// numeric's binary form from plain decimal text (`-12.50`, `NaN`, `Infinity`).
    static func appendNumeric(_ text: String, to out: inout [UInt8]) throws {
        switch text {
        case "NaN": put(Int16(0), &out); put(Int16(0), &out); put(UInt16(0xC000), &out); put(Int16(0), &out); return
        case "Infinity": put(Int16(0), &out); put(Int16(0), &out); put(UInt16(0xD000), &out); put(Int16(0), &out); return
        case "-Infinity": put(Int16(0), &out); put(Int16(0), &out); put(UInt16(0xF000), &out); put(Int16(0), &out); return
        default: break
        }
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() } else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts.first?.isEmpty ?? true) || parts.count == 2 else { throw Unparsable() }
        let integer = Array(parts[0]).drop { $0 == 48 }
        let fraction = parts.count == 2 ? Array(parts[1]) : []
        guard (integer + fraction).allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw Unparsable() }
        // Pad to whole base-10000 groups: the integer part on the left, the fraction on the right.
        let intPad = (4 - integer.count % 4) % 4
        let fracPad = (4 - fraction.count % 4) % 4
        let digits = [UInt8](repeating: 48, count: intPad) + integer + fraction + [UInt8](repeating: 48, count: fracPad)
        var groups: [Int16] = []
        for i in stride(from: 0, to: digits.count, by: 4) {
            var g = 0
            for d in digits[i..<(i + 4)] { g = g * 10 + Int(d - 48) }
            groups.append(Int16(g))
        }
        var weight = (intPad + integer.count) / 4 - 1
        while let first = groups.first, first == 0 { groups.removeFirst(); weight -= 1 }
        while let last = groups.last, last == 0 { groups.removeLast() }
        if groups.isEmpty { weight = 0 }
        // numeric's header fields are 16 bits: longer text (from another server) is an error, not a trap.
        guard let count = Int16(exactly: groups.count), let weight16 = Int16(exactly: weight),
              let scale = Int16(exactly: fraction.count) else { throw Unparsable() }
        put(count, &out)
        put(weight16, &out)
        put(UInt16(negative && !groups.isEmpty ? 0x4000 : 0), &out)
        put(scale, &out)
        for g in groups { put(g, &out) }
    }
}

/// A date or timestamp in the text forms PostgreSQL and CrateDB print: years of four or more digits,
/// ` BC` last for years before 1, and `infinity` / `-infinity`.
struct TimestampText {
    /// Days since 2000-01-01.
    var days: Int = 0
    var timeMicros: Int64 = 0
    var offsetSeconds = 0
    var hasTimeOfDay = false
    /// 1 for `infinity`, -1 for `-infinity`, nil for a finite value.
    var infinity: Int?

    init?(_ text: String) {
        if text == "infinity" || text == "-infinity" {
            infinity = text.hasPrefix("-") ? -1 : 1
            return
        }
        var s = Array(text.utf8)
        let isBC = s.count > 3 && s.suffix(3) == Array(" BC".utf8)
        if isBC { s.removeLast(3) }
        var i = 0
        var yearDigits = 0
        while yearDigits < s.count, s[yearDigits] >= 48, s[yearDigits] <= 57 { yearDigits += 1 }
        guard (4...7).contains(yearDigits) else { return nil }
        func number(_ n: Int) -> Int? {
            guard i + n <= s.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = s[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < s.count, s[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        guard let year = number(yearDigits), expect("-"), let m = number(2), expect("-"), let d = number(2), (1...12).contains(m), (1...31).contains(d) else { return nil }
        let y = isBC ? 1 - year : year
        days = TimestampText.daysFromCivil(y, m, d) - Int(PostgresText.epochDaysSince1970)
        guard i < s.count else { return }
        guard s[i] == 32 || s[i] == 84 else { return nil }
        i += 1
        guard let hh = number(2), expect(":"), let mm = number(2), expect(":"), let ss = number(2), hh < 24, mm < 60, ss < 61 else { return nil }
        hasTimeOfDay = true
        var micros = Int64(hh * 3600 + mm * 60 + ss) * 1_000_000
        if expect(".") {
            var fraction = 0, count = 0
            while i < s.count, s[i] >= 48, s[i] <= 57 {
                if count < 6 { fraction = fraction * 10 + Int(s[i] - 48); count += 1 }
                i += 1
            }
            while count < 6 { fraction *= 10; count += 1 }
            micros += Int64(fraction)
        }
        timeMicros = micros
        guard i < s.count else { return }
        if s[i] == 90 {  // Z
            guard i + 1 == s.count else { return nil }
            return
        }
        guard s[i] == 43 || s[i] == 45 else { return nil }
        let sign = s[i] == 45 ? -1 : 1
        i += 1
        guard let oh = number(2) else { return nil }
        var offset = oh * 3600
        _ = expect(":")
        if let om = number(2) { offset += om * 60 }
        _ = expect(":")
        if let os = number(2) { offset += os }
        guard i == s.count else { return nil }
        offsetSeconds = sign * offset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
