/// Converts PostgreSQL's binary inet and cidr (inet_send) to the text `inet_out` and `cidr_out` print.
///
/// Binary layout: family byte (2 = IPv4, 3 = IPv6), mask length in bits, is-cidr byte, address length
/// (4 or 16), then the address bytes.
///
/// PostgreSQL's rules, reproduced here:
/// - IPv4 is always four dotted decimal octets (`10.0.0.0/8`, never `10/8`);
/// - IPv6 is lower-case hex groups without leading zeros; the longest run of two or more zero groups
///   (the first one on a tie) becomes `::`; the last 32 bits print as dotted decimal when the address
///   is IPv4-compatible (`::1.2.3.4`, six zero groups; also seven zero groups unless the last group is
///   1, so `::2` prints `::0.0.0.2` but `::1` stays `::1`) or IPv4-mapped (`::ffff:1.2.3.4`);
/// - inet omits the mask when it covers the whole address (/32 for IPv4, /128 for IPv6), cidr always
///   shows it. So `::1` stays `::1`, while casting to text (`inet::text`) would print `::1/128`.
enum InetText {
    /// The longest text: a full IPv6 address with an embedded IPv4 and a mask.
    static let maxLength = 50

    /// Appends the text of `raw` to `out`; returns a reason when the bytes are not a valid inet or cidr.
    static func append(_ raw: UnsafeRawBufferPointer, to out: inout [UInt8]) -> String? {
        guard raw.count >= 4 else { return "inet is \(raw.count) bytes, expected at least 4" }
        let family = raw[0], bits = Int(raw[1]), isCIDR = raw[2] != 0, length = Int(raw[3])
        let maxBits: Int
        switch family {
        case 2: maxBits = 32
        case 3: maxBits = 128
        default: return "inet address family \(family) is neither IPv4 (2) nor IPv6 (3)"
        }
        guard length == maxBits / 8, raw.count == 4 + length else {
            return "inet address of \(raw.count - 4) bytes does not match its family"
        }
        guard bits <= maxBits else { return "inet mask length \(bits) exceeds \(maxBits)" }
        let address = UnsafeRawBufferPointer(rebasing: raw[4...])
        if family == 2 {
            appendDotted(address, to: &out)
        } else {
            appendIPv6(address, to: &out)
        }
        if isCIDR || bits != maxBits {
            out.append(UInt8(ascii: "/"))
            appendDecimal(bits, to: &out)
        }
        return nil
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 100 { out.append(UInt8(truncatingIfNeeded: 48 + value / 100)) }
        if value >= 10 { out.append(UInt8(truncatingIfNeeded: 48 + (value / 10) % 10)) }
        out.append(UInt8(truncatingIfNeeded: 48 + value % 10))
    }

    /// Four (or, for an embedded IPv4, the given) bytes as dotted decimal octets.
    private static func appendDotted(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        for (i, byte) in bytes.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ".")) }
            appendDecimal(Int(byte), to: &out)
        }
    }

    private static func appendHex(_ value: Int, to out: inout [UInt8]) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = (value >> shift) & 0xF
            if nibble == 0 && !started && shift > 0 { continue }
            started = true
            out.append(TextFormat.hexDigit(UInt8(nibble)))
        }
    }

    private static func appendIPv6(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var words = [Int](repeating: 0, count: 8)
        for i in 0..<8 { words[i] = Int(bytes[2 * i]) << 8 | Int(bytes[2 * i + 1]) }
        // The longest run of zero words, the first on a tie, if at least two long.
        var bestBase = -1, bestLength = 0, currentBase = -1, currentLength = 0
        for i in 0..<8 {
            if words[i] == 0 {
                if currentBase < 0 { currentBase = i; currentLength = 1 } else { currentLength += 1 }
                if currentLength > bestLength { bestBase = currentBase; bestLength = currentLength }
            } else {
                currentBase = -1
                currentLength = 0
            }
        }
        if bestLength < 2 { bestBase = -1 }
        for i in 0..<8 {
            if bestBase >= 0 && i >= bestBase && i < bestBase + bestLength {
                if i == bestBase { out.append(UInt8(ascii: ":")) }
                continue
            }
            if i != 0 { out.append(UInt8(ascii: ":")) }
            let embedsIPv4 = i == 6 && bestBase == 0
                && (bestLength == 6 || (bestLength == 7 && words[7] != 1) || (bestLength == 5 && words[5] == 0xFFFF))
            if embedsIPv4 {
                appendDotted(UnsafeRawBufferPointer(rebasing: bytes[12..<16]), to: &out)
                return
            }
            appendHex(words[i], to: &out)
        }
        if bestBase >= 0 && bestBase + bestLength == 8 { out.append(UInt8(ascii: ":")) }
    }
}
