import Foundation

/// Builds the dictionary of one column chunk: each distinct value once, in PLAIN encoding, plus an
/// open-addressing hash table from value bytes to entry index.
///
/// Values are looked up by their bytes (a 64-bit multiply-mix hash, linear probing, the hash kept
/// per entry so most mismatches never reach `memcmp`), so no `String` or `Array` is made per value.
/// `data` is the dictionary page body as is: for BYTE_ARRAY each entry is a 4-byte length then the
/// bytes; for fixed-width types the entries are just concatenated.
final class DictionaryBuilder {
    let lengthPrefixed: Bool
    let data = ByteBuffer(capacity: 64 * 1024)
    private(set) var count = 0

    private var slots: UnsafeMutablePointer<Int32>
    private var slotMask: Int
    private var entryCapacity: Int
    private var entryHash: UnsafeMutablePointer<UInt32>
    private var entryStart: UnsafeMutablePointer<Int>
    private var entryLength: UnsafeMutablePointer<Int32>

    init(lengthPrefixed: Bool) {
        self.lengthPrefixed = lengthPrefixed
        let slotCount = 1024
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        slotMask = slotCount - 1
        entryCapacity = slotCount / 2
        entryHash = .allocate(capacity: entryCapacity)
        entryStart = .allocate(capacity: entryCapacity)
        entryLength = .allocate(capacity: entryCapacity)
    }

    deinit {
        slots.deallocate()
        entryHash.deallocate()
        entryStart.deallocate()
        entryLength.deallocate()
    }

    /// Bytes the dictionary page body takes so far.
    var byteSize: Int { data.count }

    func removeAll() {
        data.removeAll()
        count = 0
        slots.update(repeating: -1, count: slotMask + 1)
    }

    /// The bytes of entry `index` (without the length prefix).
    @inline(__always)
    func entry(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: data.base + entryStart[index], count: Int(entryLength[index]))
    }

    /// Returns the entry index of the value, adding it if it is new.
    @inline(__always)
    func insert(_ pointer: UnsafeRawPointer, _ length: Int) -> (index: Int32, isNew: Bool) {
        let h = Self.hash(pointer, length)
        let h32 = UInt32(truncatingIfNeeded: h >> 32)
        var slot = Int(truncatingIfNeeded: h) & slotMask
        let slots = self.slots
        while true {
            let e = slots[slot]
            if e < 0 { break }
            let i = Int(e)
            if entryHash[i] == h32 && Int(entryLength[i]) == length
                && (length == 0 || memcmp(data.base + entryStart[i], pointer, length) == 0) {
                return (e, false)
            }
            slot = (slot + 1) & slotMask
        }
        let index = count
        if index == entryCapacity { growEntries() }
        if lengthPrefixed { data.appendLittleEndian(UInt32(truncatingIfNeeded: length)) }
        entryStart[index] = data.count
        entryLength[index] = Int32(truncatingIfNeeded: length)
        entryHash[index] = h32
        data.append(pointer, count: length)
        slots[slot] = Int32(truncatingIfNeeded: index)
        count += 1
        if count * 2 > slotMask + 1 { rehash() }
        return (Int32(truncatingIfNeeded: index), true)
    }

    private func growEntries() {
        let newCapacity = entryCapacity * 2
        let newHash = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
        let newStart = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newLength = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
        newHash.moveInitialize(from: entryHash, count: count)
        newStart.moveInitialize(from: entryStart, count: count)
        newLength.moveInitialize(from: entryLength, count: count)
        entryHash.deallocate()
        entryStart.deallocate()
        entryLength.deallocate()
        entryHash = newHash
        entryStart = newStart
        entryLength = newLength
        entryCapacity = newCapacity
    }

    /// Doubles the table. Entries keep only 32 bits of their hash, so they are re-hashed from
    /// their bytes; this happens log2(n) times per chunk.
    private func rehash() {
        let newCount = (slotMask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: newCount)
        slots.initialize(repeating: -1, count: newCount)
        slotMask = newCount - 1
        for i in 0..<count {
            let h = Self.hash(data.base + entryStart[i], Int(entryLength[i]))
            var slot = Int(truncatingIfNeeded: h) & slotMask
            while slots[slot] >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Int32(truncatingIfNeeded: i)
        }
    }

    /// A fast 64-bit hash of a byte run: 8 bytes at a time, multiply and xor-shift mixing.
    @inline(__always)
    static func hash(_ pointer: UnsafeRawPointer, _ length: Int) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = UInt64(truncatingIfNeeded: length) &* k
        var offset = 0
        while offset + 8 <= length {
            let w = pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            h = (h ^ w) &* k
            h ^= h >> 29
            offset += 8
        }
        if offset < length {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while offset < length {
                w |= UInt64(pointer.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift += 8
                offset += 1
            }
            h = (h ^ w) &* k
        }
        h ^= h >> 32
        h &*= 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return h
    }
}
