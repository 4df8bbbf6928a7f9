import Foundation
import SluiceCore
import Synchronization

/// The tries this process has claimed and is running: their claim ids (for heartbeats) and a way
/// to stop one when the store says its claim is gone (another process cleared or replaced it).
final class AttemptRegistry: Sendable {
    private struct Entry {
        var attemptId: String
        var revoked = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let entries = Mutex<[TaskInstanceKey: Entry]>([:])

    func register(_ key: TaskInstanceKey, attemptId: String) {
        entries.withLock { $0[key] = Entry(attemptId: attemptId) }
    }

    func remove(_ key: TaskInstanceKey) {
        let waiter = entries.withLock { $0.removeValue(forKey: key)?.waiter }
        waiter?.resume()
    }

    /// The claims to heartbeat.
    var attempts: [TaskInstanceKey: String] {
        entries.withLock { $0.filter { !$0.value.revoked }.mapValues(\.attemptId) }
    }

    /// Marks these tries revoked and wakes whoever waits on them.
    func revoke(_ keys: Set<TaskInstanceKey>) {
        let waiters = entries.withLock { entries in
            keys.compactMap { key -> CheckedContinuation<Void, Never>? in
                guard entries[key] != nil else { return nil }
                entries[key]?.revoked = true
                defer { entries[key]?.waiter = nil }
                return entries[key]?.waiter
            }
        }
        for w in waiters { w.resume() }
    }

    func isRevoked(_ key: TaskInstanceKey) -> Bool {
        entries.withLock { $0[key]?.revoked ?? false }
    }

    /// Returns when the try is revoked or removed, or when the calling task is cancelled.
    func waitUntilRevoked(_ key: TaskInstanceKey) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = entries.withLock { entries -> Bool in
                    guard let entry = entries[key], !entry.revoked, !Task.isCancelled else { return true }
                    entries[key]?.waiter = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            let waiter = entries.withLock { entries -> CheckedContinuation<Void, Never>? in
                defer { entries[key]?.waiter = nil }
                return entries[key]?.waiter
            }
            waiter?.resume()
        }
    }
}
