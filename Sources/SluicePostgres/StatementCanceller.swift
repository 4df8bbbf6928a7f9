import CLibPQ
import Foundation
import Synchronization

/// Decides when a cancel request may be sent to the server for a connection, and remembers why.
///
/// Each operation on a connection gets an id before it is queued. A cancel (from a timeout timer, the calling
/// task's cancellation or `PostgresConnection.cancel()`) is recorded against that id; `PQcancel` is only sent
/// while that very operation is running: the sender holds `sendLock`, which `end` also needs, so a late timer
/// can never cancel the next statement. A cancel that arrives before the operation starts stops it from starting.
///
/// `PQcancel` blocks (it opens a connection to the server), so it is sent from the canceller's own serial queue,
/// never from the caller's thread, which may belong to Swift's cooperative pool (task cancellation handlers run
/// there). Owns the `PGcancel` object; `deinit` frees it with `PQfreeCancel`.
// @unchecked: the PGcancel `handle` is only used on the serial `sendQueue` (and freed in deinit); state is in a Mutex.
final class StatementCanceller: @unchecked Sendable {
    /// Why an operation was cancelled.
    enum Reason: Equatable, Sendable {
        case timeout(TimeInterval)
        case cancelled
        /// The copy callback threw: the cancel is internal and the callback's error is reported instead.
        case callbackFailed
    }

    private struct State {
        var nextID: UInt64 = 0
        var running: UInt64?
        var requested: [UInt64: Reason] = [:]
        /// Operations reserved and not yet ended; cancels for any other id are ignored.
        var live: Set<UInt64> = []
    }

    private let state = Mutex(State())
    /// Held while a cancel request is sent, and by `end`, so the operation cannot end meanwhile.
    private let sendLock = Mutex(())
    private let sendQueue = DispatchQueue(label: "sluice.postgres.cancel")
    private let handle: OpaquePointer?

    init(handle: OpaquePointer?) { self.handle = handle }

    deinit {
        if let handle { PQfreeCancel(handle) }
    }

    /// A fresh id for an operation about to be queued.
    func reserve() -> UInt64 {
        state.withLock { state in
            state.nextID += 1
            state.live.insert(state.nextID)
            return state.nextID
        }
    }

    /// Marks operation `id` as running, or returns the reason it was cancelled before it could start.
    func begin(_ id: UInt64) -> Reason? {
        state.withLock { state in
            if let reason = state.requested.removeValue(forKey: id) {
                state.live.remove(id)
                return reason
            }
            state.running = id
            return nil
        }
    }

    /// Marks operation `id` as finished (waiting for a cancel request being sent) and returns the reason of a
    /// cancel requested while it ran.
    func end(_ id: UInt64) -> Reason? {
        sendLock.withLock { _ in
            state.withLock { state in
                if state.running == id { state.running = nil }
                state.live.remove(id)
                return state.requested.removeValue(forKey: id)
            }
        }
    }

    /// Requests cancellation of operation `id`; the first reason wins. Returns at once.
    func cancel(_ id: UInt64, reason: Reason) {
        let isLive = state.withLock { state -> Bool in
            guard state.live.contains(id) else { return false }
            if state.requested[id] == nil { state.requested[id] = reason }
            return true
        }
        if isLive { sendCancel(for: id) }
    }

    /// Cancels whatever operation is running now, if any. Returns at once.
    func cancelRunning(reason: Reason) {
        let id = state.withLock { state -> UInt64? in
            guard let id = state.running else { return nil }
            if state.requested[id] == nil { state.requested[id] = reason }
            return id
        }
        if let id { sendCancel(for: id) }
    }

    private func sendCancel(for id: UInt64) {
        guard handle != nil else { return }
        sendQueue.async { [self] in
            sendLock.withLock { _ in
                guard let handle, state.withLock({ $0.running == id }) else { return }
                var buffer = [CChar](repeating: 0, count: 256)
                // A failed request only means the statement keeps running; its timeout or caller sees that.
                _ = PQcancel(handle, &buffer, Int32(buffer.count))
            }
        }
    }
}
