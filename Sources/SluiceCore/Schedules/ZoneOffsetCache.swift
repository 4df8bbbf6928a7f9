import Foundation

/// What a `Timetable` has learnt about its zone's offsets, shared by its copies.
///
/// Why it exists: the scheduler asks a timetable for one run at a time, and each answer needs a
/// dozen offset lookups; keeping the learnt table between calls makes them cheap. Computations work
/// on a copy (`load`) without holding the lock and hand back what they learnt (`store`).
/// The lock guards nothing but the table, so this is safe to share across threads.
final class ZoneOffsetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var table: ZoneOffsets

    init(zone: TimeZone) {
        table = ZoneOffsets(zone: zone, learning: true)
    }

    func load() -> ZoneOffsets {
        lock.lock()
        defer { lock.unlock() }
        return table
    }

    /// Keeps `learnt` if it covers more than what is stored.
    func store(_ learnt: ZoneOffsets) {
        lock.lock()
        defer { lock.unlock() }
        if learnt.end - learnt.start > table.end - table.start { table = learnt }
    }
}
