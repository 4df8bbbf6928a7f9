import Foundation
import Synchronization

/// What a `Timetable` has learnt about its zone's offsets, shared by its copies.
///
/// Why it exists: the scheduler asks a timetable for one run at a time, and each answer needs a
/// dozen offset lookups; keeping the learnt table between calls makes them cheap. Computations work
/// on a copy (`load`) without holding the lock and hand back what they learnt (`store`).
final class ZoneOffsetCache: Sendable {
    private let table: Mutex<ZoneOffsets>

    init(zone: TimeZone) {
        table = Mutex(ZoneOffsets(zone: zone, learning: true))
    }

    func load() -> ZoneOffsets {
        table.withLock { $0 }
    }

    /// Keeps `learnt` if it covers more than what is stored.
    func store(_ learnt: ZoneOffsets) {
        table.withLock { table in
            if learnt.end - learnt.start > table.end - table.start { table = learnt }
        }
    }
}
