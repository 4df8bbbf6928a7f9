import CLibPQ
import Foundation

/// Decides when a cancel request may be sent to the server for a connection, and remembers why.
///
/// Each operation on a connection gets an id before it is queued. A cancel (from a timeout timer, the calling
/// task's cancellation or `PostgresConnection.cancel()`) is recorded against that id; `PQcancel` is only sent
/// while that very operation is running: the sender holds `sendLock`, which `end` also needs, so a late timer
/// can never cancel the next statement. A cancel that arrives before the operation starts stops it from starting.
///
/// `PQcancel` blocks (it opens a connection to the server), so it is sent from a global Dispatch queue, never from
/// the caller's thread, which may belong to Swift's cooperative pool (task cancellation handlers run there).
///
/// Owns the `PGcancel` object (libpq: PQcancel "can safely be invoked from a signal handler" and from other
/// threads, given its own PGcancel); `deinit` frees it with `PQfreeCancel`.
// @unchecked: owns a PGcancel, which libpq allows from any thread; its own state is guarded by locks.
final class StatementCanceller: @unchecked Sendable {
    /// Why an operation was cancelled.
    enum Reason: Equatable {
        case timeout(TimeInterval)
        case cancelled
        /// The copy callback threw: the cancel is internal and the callback's error is reported instead.
        case callbackFailed
    }

    /// Guards the fields below; held only briefly.
    private let stateLock = NSLock()
    /// Held while a cancel request is sent, and by `end`, so the operation cannot end meanwhile.
    private let sendLock = NSLock()
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
        stateLock.withLock {
            nextID += 1
            live.insert(nextID)
            return nextID
        }
    }

    /// Marks operation `id` as running, or returns the reason it was cancelled before it could start.
    func begin(_ id: UInt64) -> Reason? {
        stateLock.withLock {
            if let reason = requested.removeValue(forKey: id) {
                live.remove(id)
                return reason
            }
            running = id
            return nil
        }
    }

    /// Marks operation `id` as finished (waiting for a cancel request being sent) and returns the reason of a
    /// cancel requested while it ran.
    func end(_ id: UInt64) -> Reason? {
        sendLock.withLock {
            stateLock.withLock {
                if running == id { running = nil }
                live.remove(id)
                return requested.removeValue(forKey: id)
            }
        }
    }

    /// Requests cancellation of operation `id`; the first reason wins. Returns at once.
    func cancel(_ id: UInt64, reason: Reason) {
        let isLive = stateLock.withLock { () -> Bool in
            guard live.contains(id) else { return false }
            if requested[id] == nil { requested[id] = reason }
            return true
        }
        if isLive { sendCancel(for: id) }
    }

    /// Cancels whatever operation is running now, if any. Returns at once.
    func cancelRunning(reason: Reason) {
        let id = stateLock.withLock { () -> UInt64? in
            guard let id = running else { return nil }
            if requested[id] == nil { requested[id] = reason }
            return id
        }
        if let id { sendCancel(for: id) }
    }

    private func sendCancel(for id: UInt64) {
        guard handle != nil else { return }
        DispatchQueue.global().async { [self] in
            sendLock.withLock {
                guard let handle, stateLock.withLock({ running == id }) else { return }
                var buffer = [CChar](repeating: 0, count: 256)
                // A failed request only means the statement keeps running; its timeout or caller sees that.
                _ = PQcancel(handle, &buffer, Int32(buffer.count))
            }
        }
    }
}
