import CLibPQ
import Foundation

/// Decides when a cancel request may be sent to the server for a connection, and remembers why.
///
/// Each operation on a connection gets an id before it is queued. A cancel (from a timeout timer, the calling
/// task's cancellation or `PostgresConnection.cancel()`) is recorded against that id; `PQcancel` is only sent
/// while that very operation is running, under the lock that also ends it, so a late timer can never cancel
/// the next statement. A cancel that arrives before the operation starts stops it from starting.
///
/// Owns the `PGcancel` object (libpq: "PQcancel ... can safely be invoked from a signal handler" and from other
/// threads, given its own PGcancel); `deinit` frees it with `PQfreeCancel`.
final class StatementCanceller: @unchecked Sendable {
    /// Why an operation was cancelled.
    enum Reason: Equatable {
        case timeout(TimeInterval)
        case cancelled
        /// The copy callback threw: the cancel is internal and the callback's error is reported instead.
        case callbackFailed
    }

    private let lock = NSLock()
    private let handle: OpaquePointer?
    private var nextID: UInt64 = 0
    private var running: UInt64?
    private var requested: [UInt64: Reason] = [:]
    /// Operations reserved and not yet ended; cancels for any other id are ignored.
    private var live: Set<UInt64> = []

    init(handle: OpaquePointer?) { self.handle = handle }

    deinit {
        if let handle { PQfreeCancel(handle) }
    }

    /// A fresh id for an operation about to be queued.
    func reserve() -> UInt64 {
        lock.withLock {
            nextID += 1
            live.insert(nextID)
            return nextID
        }
    }

    /// Marks operation `id` as running, or returns the reason it was cancelled before it could start.
    func begin(_ id: UInt64) -> Reason? {
        lock.withLock {
            if let reason = requested.removeValue(forKey: id) {
                live.remove(id)
                return reason
            }
            running = id
            return nil
        }
    }

    /// Marks operation `id` as finished and returns the reason of a cancel requested while it ran.
    func end(_ id: UInt64) -> Reason? {
        lock.withLock {
            if running == id { running = nil }
            live.remove(id)
            return requested.removeValue(forKey: id)
        }
    }

    /// Requests cancellation of operation `id`; sends `PQcancel` if it is running now. The first reason wins.
    func cancel(_ id: UInt64, reason: Reason) {
        lock.withLock {
            guard live.contains(id) else { return }
            if requested[id] == nil { requested[id] = reason }
            if running == id { sendCancel() }
        }
    }

    /// Cancels whatever operation is running now, if any.
    func cancelRunning(reason: Reason) {
        lock.withLock {
            guard let id = running else { return }
            if requested[id] == nil { requested[id] = reason }
            sendCancel()
        }
    }

    /// Called with the lock held.
    private func sendCancel() {
        guard let handle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        // A failed cancel request only means the statement keeps running; the timeout or caller sees that.
        _ = PQcancel(handle, &buffer, Int32(buffer.count))
    }
}
