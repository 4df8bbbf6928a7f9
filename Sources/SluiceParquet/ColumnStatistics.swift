import Foundation

/// Min, max and null count of a column over a column chunk (or a whole file), kept in the
/// column's type-defined sort order and turned into Parquet's `Statistics` bytes at the end.
///
/// NaN never becomes a min or max (readers would otherwise skip row groups wrongly), and per the
/// specification a zero min is written as -0.0 and a zero max as +0.0.
struct ColumnStatistics {
    let order: ParquetSortOrder
    let physical: ParquetPhysicalType
    var nullCount: Int64 = 0
    var hasMinMax = false
    var minInt: Int64 = .max
    var maxInt: Int64 = .min
    var minDouble: Double = .infinity
    var maxDouble: Double = -.infinity
    var minBytes: [UInt8] = []
    var maxBytes: [UInt8] = []

    init(order: ParquetSortOrder, physical: ParquetPhysicalType) {
        self.order = order
        self.physical = physical
    }

    @inline(__always)
    mutating func update(int value: Int64) {
        if value < minInt { minInt = value }
        if value > maxInt { maxInt = value }
        hasMinMax = true
    }

    @inline(__always)
    mutating func update(double value: Double) {
        if value.isNaN { return }
        if value < minDouble { minDouble = value }
        if value > maxDouble { maxDouble = value }
        hasMinMax = true
    }

    @inline(__always)
    mutating func update(bytes: UnsafeRawBufferPointer) {
        if !hasMinMax {
            minBytes = Array(bytes)
            maxBytes = minBytes
            hasMinMax = true
            return
        }
        if compare(bytes, minBytes) < 0 { minBytes = Array(bytes) }
        if compare(bytes, maxBytes) > 0 { maxBytes = Array(bytes) }
    }

    /// Orders two values of this column: negative, zero or positive.
    func compare(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
        b.withUnsafeBytes { b in
            if order == .signedBigEndian, let a0 = a.first, let b0 = b.first {
                let sa = Int8(bitPattern: a0), sb = Int8(bitPattern: b0)
                if sa != sb { return sa < sb ? -1 : 1 }
            }
            let n = min(a.count, b.count)
            if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
                let c = memcmp(pa, pb, n)
                if c != 0 { return Int(c) }
            }
            return a.count - b.count
        }
    }

    mutating func merge(_ other: ColumnStatistics) {
        nullCount += other.nullCount
        guard other.hasMinMax else { return }
        switch order {
        case .boolean, .signedInteger:
            update(int: other.minInt)
            update(int: other.maxInt)
        case .floatingPoint:
            update(double: other.minDouble)
            update(double: other.maxDouble)
        case .unsignedBytes, .signedBigEndian:
            other.minBytes.withUnsafeBytes { update(bytes: $0) }
            other.maxBytes.withUnsafeBytes { update(bytes: $0) }
        }
    }

    /// The PLAIN encoding of the min and max (byte arrays without their length prefix).
    var encodedMinMax: (min: [UInt8], max: [UInt8])? {
        guard hasMinMax else { return nil }
        switch physical {
        case .boolean: return ([minInt != 0 ? 1 : 0], [maxInt != 0 ? 1 : 0])
        case .int32: return (Self.le(Int32(truncatingIfNeeded: minInt)), Self.le(Int32(truncatingIfNeeded: maxInt)))
        case .int64: return (Self.le(minInt), Self.le(maxInt))
        case .float:
            let lo = minDouble == 0 ? Float(-0.0) : Float(minDouble)
            let hi = maxDouble == 0 ? Float(0.0) : Float(maxDouble)
            return (Self.le(lo.bitPattern), Self.le(hi.bitPattern))
        case .double:
            let lo = minDouble == 0 ? -0.0 : minDouble
            let hi = maxDouble == 0 ? 0.0 : maxDouble
            return (Self.le(lo.bitPattern), Self.le(hi.bitPattern))
        case .byteArray, .fixedLenByteArray: return (minBytes, maxBytes)
        }
    }

    /// Whether the legacy `min`/`max` fields (signed order) may be written as well.
    var writesLegacyMinMax: Bool {
        switch physical {
        case .int32, .int64, .float, .double: return true
        default: return false
        }
    }

    private static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        withUnsafeBytes(of: v.littleEndian) { Array($0) }
    }
}
