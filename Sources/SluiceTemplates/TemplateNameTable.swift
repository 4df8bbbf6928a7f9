/// A string-keyed hash table whose keys' hashes are computed once: by the parser for the names and
/// attributes a template uses, and when a context or dictionary is built for their keys.
///
/// Rendering looks names up all the time; with Swift's `Dictionary` each lookup rehashes the key
/// with a seeded SipHash. Here a lookup is a probe over an array of hashes and one string
/// comparison. Open addressing with linear probing; the table is at most half full. A stored
/// hash is never 0, which marks an empty slot.
struct TemplateNameTable: Sendable {
    private var hashes: [Int]
    private var keys: [String]
    private var values: [TemplateValue]
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        var size = 8
        while size < minimumCapacity * 2 { size *= 2 }
        hashes = Array(repeating: 0, count: size)
        keys = Array(repeating: "", count: size)
        values = Array(repeating: .none, count: size)
    }

    /// FNV-1a over the UTF-8 bytes: cheap, and good enough for identifiers. Never 0.
    static func hash(_ key: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29)) | 1
    }

    private func slot(forKey key: String, hash: Int) -> (index: Int, found: Bool) {
        let mask = hashes.count - 1
        var i = hash & mask
        while true {
            let h = hashes[i]
            if h == 0 { return (i, false) }
            if h == hash && keys[i] == key { return (i, true) }
            i = (i + 1) & mask
        }
    }

    func value(forKey key: String, hash: Int) -> TemplateValue? {
        let (index, found) = slot(forKey: key, hash: hash)
        return found ? values[index] : nil
    }

    subscript(key: String) -> TemplateValue? {
        value(forKey: key, hash: Self.hash(key))
    }

    /// Sets a value; returns whether the key is new.
    @discardableResult
    mutating func set(_ value: TemplateValue, forKey key: String) -> Bool {
        let hash = Self.hash(key)
        let (index, found) = slot(forKey: key, hash: hash)
        values[index] = value
        if found { return false }
        hashes[index] = hash
        keys[index] = key
        count += 1
        if count * 2 > hashes.count { rebuild(capacity: count) }
        return true
    }

    /// Removes a key; returns whether it was there.
    @discardableResult
    mutating func remove(_ key: String) -> Bool {
        let (index, found) = slot(forKey: key, hash: Self.hash(key))
        guard found else { return false }
        hashes[index] = 0
        count -= 1
        rebuild(capacity: count)
        return true
    }

    /// Re-inserts every entry into a fresh table sized for `capacity` (linear probing cannot
    /// simply empty a slot).
    private mutating func rebuild(capacity: Int) {
        let old = (hashes, keys, values)
        self = TemplateNameTable(minimumCapacity: capacity + 1)
        for i in old.0.indices where old.0[i] != 0 {
            let (index, _) = slot(forKey: old.1[i], hash: old.0[i])
            hashes[index] = old.0[i]
            keys[index] = old.1[i]
            values[index] = old.2[i]
            count += 1
        }
    }
}
