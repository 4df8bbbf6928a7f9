import Foundation
import SluiceStore
import Synchronization

/// Runs metadata-store operations, waiting while the store cannot be written (disk full,
/// read-only, locked) instead of failing or spinning: the first failure is reported once
/// (`metadata store <path>: disk full; waiting to write`), later tries back off up to
/// `maxDelay`, and a success after a wait is reported too. Errors that waiting does not cure
/// are thrown at once. Once the calling task is cancelled it stops waiting and throws.
///
/// This is what makes a failing store stop work without lying: a try's end is written before
/// anything that depends on it starts, however long the store takes to come back.
final class StoreRetrier: Sendable {
    let displayName: String
    let observer: ExecutionObserver
    let initialDelay: Duration
    let maxDelay: Duration
    private let waiting = Mutex(false)

    init(displayName: String, observer: @escaping ExecutionObserver, initialDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10)) {
        self.displayName = displayName
        self.observer = observer
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    func perform<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        var delay = initialDelay
        while true {
            do {
                let value = try await body()
                if waiting.withLock({ w in defer { w = false }; return w }) {
                    observer(.storeResumed(displayName))
                }
                return value
            } catch let error as StoreError {
                guard let reason = error.transientReason else { throw error }
                if !waiting.withLock({ w in defer { w = true }; return w }) {
                    observer(.storeWaiting("metadata store \(displayName): \(reason); waiting to write"))
                }
                try await Task.sleep(for: delay)
                delay = min(delay * 2, maxDelay)
            }
        }
    }
}
