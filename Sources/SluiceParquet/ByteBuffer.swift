/// A growable run of bytes in memory this object owns, with cheap little-endian and varint appends.
///
/// Swift arrays of `UInt8` pay a uniqueness and bounds check on every append; pages, dictionaries
/// and column data are appended to millions of times, so they use this instead. The memory is
/// freed in `deinit`; `removeAll()` keeps the capacity so a buffer is reused from page to page.
final class ByteBuffer {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count: Int = 0
    private(set) var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    func removeAll() { count = 0 }

    /// Drops the memory too, for buffers that grew large once (e.g. after a big row group).
    func shrink(toAtMost limit: Int) {
        guard capacity > limit else { return }
        base.deallocate()
        capacity = max(limit, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        count = 0
    }

    @inline(__always)
    func append(_ pointer: UnsafeRawPointer, count n: Int) {
        reserve(n)
        (base + count).copyMemory(from: pointer, byteCount: n)
        count += n
    }

    func append(_ buffer: UnsafeRawBufferPointer) {
        guard let address = buffer.baseAddress, buffer.count > 0 else { return }
        append(address, count: buffer.count)
    }

    func append(_ other: ByteBuffer) {
        append(UnsafeRawPointer(other.base), count: other.count)
    }

    func append(_ array: [UInt8]) {
        array.withUnsafeBytes { append($0) }
    }

    @inline(__always)
    func append(byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        let size = MemoryLayout<T>.size
        reserve(size)
        base.storeBytes(of: value.littleEndian, toByteOffset: count, as: T.self)
        count += size
    }

    @inline(__always)
    func appendVarint(_ value: UInt64) {
        reserve(10)
        var v = value
        while v >= 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: v) | 0x80, toByteOffset: count, as: UInt8.self)
            count += 1
            v >>= 7
        }
        base.storeBytes(of: UInt8(v), toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Reserves `n` bytes at the end and returns where they start; the caller fills them.
    @inline(__always)
    func appendUninitialized(_ n: Int) -> UnsafeMutableRawPointer {
        reserve(n)
        let start = base + count
        count += n
        return start
    }

    /// Overwrites 4 bytes at `offset` (used to patch length prefixes).
    func setUInt32LittleEndian(_ value: UInt32, at offset: Int) {
        base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
    }

    func toArray() -> [UInt8] { Array(bytes) }
}
