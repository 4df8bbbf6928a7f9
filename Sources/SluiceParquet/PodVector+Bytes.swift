/// Byte-level appends for vectors of bytes (page data, value data).
extension PodVector where Element == UInt8 {
    @inline(__always)
    mutating func append(raw pointer: UnsafeRawPointer, count n: Int) {
        guard n > 0 else { return }
        reserve(n)
        UnsafeMutableRawPointer(base + count).copyMemory(from: pointer, byteCount: n)
        advance(by: n)
    }

    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        let size = MemoryLayout<T>.size
        reserve(size)
        UnsafeMutableRawPointer(base + count).storeBytes(of: value.littleEndian, as: T.self)
        advance(by: size)
    }

    var rawBase: UnsafeMutableRawPointer { UnsafeMutableRawPointer(base) }
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
