/// The RLE / bit-packing hybrid encoding of Parquet (Encodings.md, "RLE = 3"), used for
/// definition and repetition levels and for dictionary indices.
///
/// A run of 8 or more equal values becomes an RLE run (`varint(count << 1)` then the value in
/// `ceil(bitWidth / 8)` little-endian bytes). Everything else is bit-packed in groups of 8
/// (`varint(groups << 1 | 1)` then the values packed from the least significant bit up). When a
/// long run follows an unfinished group, a few of its values complete the group first, so every
/// bit-packed run but the last holds a multiple of 8 values; the last one is padded with zeros,
/// which readers ignore because they know how many values the page holds.
enum RLEHybridEncoder {
    static func encode<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>, bitWidth: Int, into out: ByteBuffer
    ) {
        let n = values.count
        var i = 0
        var packStart = 0
        while i < n {
            let v = values[i]
            var j = i + 1
            while j < n && values[j] == v { j += 1 }
            let run = j - i
            if run >= 8 {
                let pending = i - packStart
                let pad = (8 - pending % 8) % 8
                if run - pad >= 8 {
                    if pending + pad > 0 {
                        bitPack(values, from: packStart, to: i + pad, bitWidth: bitWidth, into: out)
                    }
                    out.appendVarint(UInt64(run - pad) << 1)
                    var value = UInt64(v)
                    for _ in 0..<((bitWidth + 7) / 8) {
                        out.append(byte: UInt8(truncatingIfNeeded: value))
                        value >>= 8
                    }
                    packStart = j
                }
            }
            i = j
        }
        if packStart < n {
            bitPack(values, from: packStart, to: n, bitWidth: bitWidth, into: out)
        }
    }

    /// Bit-packs `values[from..<to]`, padding the last group of 8 with zeros.
    private static func bitPack<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>, from: Int, to: Int, bitWidth: Int, into out: ByteBuffer
    ) {
        let groups = (to - from + 7) / 8
        out.appendVarint(UInt64(groups) << 1 | 1)
        let byteCount = groups * bitWidth
        let dst = out.appendUninitialized(byteCount)
        var written = 0
        var acc: UInt64 = 0
        var bits = 0
        let total = groups * 8
        var k = 0
        while k < total {
            let index = from + k
            let value: UInt64 = index < to ? UInt64(values[index]) : 0
            acc |= value << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                dst.storeBytes(of: UInt8(truncatingIfNeeded: acc), toByteOffset: written, as: UInt8.self)
                written += 1
                acc >>= 8
                bits -= 8
            }
            k += 1
        }
    }

    /// The number of bits needed to store `maxValue` (at least 1).
    static func bitWidth(forMax maxValue: Int) -> Int {
        maxValue <= 0 ? 1 : max(1, Int.bitWidth - maxValue.leadingZeroBitCount)
    }
}
