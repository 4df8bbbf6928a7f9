/// A string-keyed hash table whose keys' hashes are computed once: by the parser for the names and
/// attributes a template uses, and when a context or dictionary is built for their keys.
///
/// Rendering looks names up all the time; with Swift's `Dictionary` each lookup rehashes the key
/// with a seeded SipHash. Here a lookup is a probe and a string comparison. Open addressing with
/// linear probing; the table is at most half full.
struct TemplateNameTable: Sendable {
    private struct Slot: Sendable {
        var key: String
        var hash: Int
        var value: TemplateValue
    }

    private var slots: [Slot?]
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        var size = 8
        while size < minimumCapacity * 2 { size *= 2 }
        slots = Array(repeating: nil, count: size)
    }

    /// FNV-1a over the UTF-8 bytes: cheap, and good enough for identifiers.
    static func hash(_ key: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    func value(forKey key: String, hash: Int) -> TemplateValue? {
        let mask = slots.count - 1
        var i = hash & mask
        while let slot = slots[i] {
            if slot.hash == hash && slot.key == key { return slot.value }
            i = (i + 1) & mask
        }
        return nil
    }

    subscript(key: String) -> TemplateValue? {
        value(forKey: key, hash: Self.hash(key))
    }

    /// Sets a value; returns whether the key is new.
    @discardableResult
    mutating func set(_ value: TemplateValue, forKey key: String) -> Bool {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var i = hash & mask
        while let slot = slots[i] {
            if slot.hash == hash && slot.key == key {
                slots[i]?.value = value
                return false
            }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, hash: hash, value: value)
        count += 1
        if count * 2 > slots.count { grow() }
        return true
    }

    /// Removes a key; returns whether it was there.
    @discardableResult
    mutating func remove(_ key: String) -> Bool {
        let old = slots
        guard self[key] != nil else { return false }
        self = TemplateNameTable(minimumCapacity: count)
        for case let slot? in old where slot.key != key { set(slot.value, forKey: slot.key) }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        let mask = slots.count - 1
        for case let slot? in old {
            var i = slot.hash & mask
            while slots[i] != nil { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
