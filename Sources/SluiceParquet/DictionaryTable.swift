import Foundation

/// The dictionary of one column chunk: each distinct value once, in PLAIN encoding, plus an
/// open-addressing hash table from value bytes to entry index.
///
/// Values are looked up by their bytes (a 64-bit multiply-mix hash, linear probing, 32 bits of
/// the hash kept per entry so most mismatches never reach `memcmp`), so no `String` or `Array`
/// is made per value. `data` is the dictionary page body as is: for BYTE_ARRAY each entry is a
/// 4-byte length then the bytes; for fixed-width types the entries are just concatenated.
///
/// A struct of `PodVector`s so the encoding loop works on a local copy without runtime checks;
/// the owner (`ColumnChunkWriter`) frees it in its `deinit`.
struct DictionaryTable {
    let lengthPrefixed: Bool
    private(set) var data = PodVector<UInt8>(capacity: 64 * 1024)
    private var entryHash = PodVector<UInt32>(capacity: 512)
    private var entryStart = PodVector<Int>(capacity: 512)
    private var entryLength = PodVector<Int32>(capacity: 512)
    private var slots: PodVector<Int32>
    private var slotMask: Int

    init(lengthPrefixed: Bool) {
        self.lengthPrefixed = lengthPrefixed
        let slotCount = 1024
        slots = PodVector(capacity: slotCount)
        slots.append(repeating: -1, count: slotCount)
        slotMask = slotCount - 1
    }

    func deallocate() {
        data.deallocate()
        entryHash.deallocate()
        entryStart.deallocate()
        entryLength.deallocate()
        slots.deallocate()
    }

    var count: Int { entryHash.count }

    /// Bytes the dictionary page body takes so far.
    var byteSize: Int { data.count }

    mutating func removeAll() {
        data.removeAll()
        entryHash.removeAll()
        entryStart.removeAll()
        entryLength.removeAll()
        slots.base.update(repeating: -1, count: slots.count)
    }

    /// Returns the entry index of the value, adding it if it is new.
    @inline(__always)
    mutating func insert(_ pointer: UnsafeRawPointer, _ length: Int) -> (index: Int32, isNew: Bool) {
        let h = Self.hash(pointer, length)
        let h32 = UInt32(truncatingIfNeeded: h >> 32)
        var slot = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let e = slots[slot]
            if e < 0 { break }
            let i = Int(e)
            if entryHash[i] == h32 && Int(entryLength[i]) == length
                && (length == 0 || memcmp(data.rawBase + entryStart[i], pointer, length) == 0) {
                return (e, false)
            }
            slot = (slot + 1) & slotMask
        }
        let index = count
        if lengthPrefixed { data.appendLittleEndian(UInt32(truncatingIfNeeded: length)) }
        entryStart.append(data.count)
        entryLength.append(Int32(truncatingIfNeeded: length))
        entryHash.append(h32)
        data.append(raw: pointer, count: length)
        slots[slot] = Int32(truncatingIfNeeded: index)
        if count * 2 > slotMask + 1 { rehash() }
        return (Int32(truncatingIfNeeded: index), true)
    }

    /// Doubles the table. Entries keep only 32 bits of their hash, so they are re-hashed from
    /// their bytes; this happens log2(n) times per chunk.
    @inline(never)
    private mutating func rehash() {
        let newCount = (slotMask + 1) * 2
        slots.shrink(toAtMost: 0)
        slots.reserve(newCount)
        slots.append(repeating: -1, count: newCount)
        slotMask = newCount - 1
        for i in 0..<count {
            let h = Self.hash(data.rawBase + entryStart[i], Int(entryLength[i]))
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
