import Foundation
import SluiceCore
import SluiceNotifications
import SluiceStore

/// Carrying out one try: the `TaskTry` state machine decides, this performs its actions (claim,
/// run, log, discard staging, record) and feeds back what happened.
extension Executor {
    /// Runs one try of `attempt.instance`. Returns the instance as the store now holds it, or nil
    /// when the run must be read again (the claim was revoked, or the store refused for good).
    /// Never throws: failures become states.
    func perform(_ attempt: TaskAttempt) async -> TaskInstance? {
        let key = attempt.key
        let tryNumber = attempt.instance.tryNumber + 1
        let logURL = TaskLog.url(logsFolder: settings.logsFolder, key: key, tryNumber: tryNumber)
        let log = TaskLog(key: key, tryNumber: tryNumber, url: logURL, writer: logWriter, masker: masker, observer: observer)
        let policy = RetryPolicy(retries: attempt.task.retries, retryDelay: attempt.task.retryDelay,
                                 exponentialBackoff: attempt.task.retryExponentialBackoff, maxRetryDelay: attempt.task.maxRetryDelay)
        var machine = TaskTry(instance: attempt.instance, policy: policy, retriesEnabled: settings.retriesEnabled,
                              host: settings.host, pid: settings.pid, logPath: logURL.path)
        let attemptId = UUID().uuidString
        var current = attempt
        var outcome: TryOutcome?  // set by `.run`
        defer { attempts.remove(key) }

        var actions = machine.handle(.start(at: Date()))
        while !actions.isEmpty {
            let action = actions.removeFirst()
            switch action {
            case let .claim(ti, expectedState, expectedTry):
                let outcome: ClaimOutcome
                do {
                    outcome = try await retrier.perform { [store] in
                        try await store.claim(ti, attemptId: attemptId, expectedState: expectedState, expectedTry: expectedTry)
                    }
                } catch {
                    return nil  // nothing was written; the loop reads the run again
                }
                switch outcome {
                case .claimed:
                    attempts.register(key, attemptId: attemptId)
                    current.instance = ti
                    current.confirmOwnership = { [store] in
                        guard try await store.holdsLease(key, attemptId: attemptId) else { throw LeaseLost(key: key) }
                    }
                    observer(.taskStarted(ti))
                    actions += machine.handle(.claimed)
                case let .taken(stored):
                    if let stored { observer(.taskSkipped(stored)) }
                    actions += machine.handle(.claimLost(stored))
                }
            case .run:
                // On a shared store the DAG's max_active_tasks and the connection's pool hold across processes:
                // wait for a slot of each (the DAG's first, always in this order, so no two tries wait on each other).
                if settings.sharedStore {
                    var slots = [(name: "dag:" + current.dag.dagId, limit: current.dag.maxActiveTasks)]
                    if let connection = ExecutorLoopState.connection(of: current.task) {
                        slots.append((name: connection, limit: settings.limit(forConnection: connection)))
                    }
                    guard await waitForSlots(slots, attemptId: attemptId, key: key, log: log) else {
                        actions += machine.handle(.cancelled(attempts.isRevoked(key) ? .revoked : .shutdown, at: Date()))
                        continue
                    }
                }
                let ran = await self.outcome(of: current, log: log)
                if settings.sharedStore { try? await store.releaseSlots(attemptId: attemptId) }
                outcome = ran
                actions += machine.handle(ran.event)
            case let .log(line):
                log.line(line)
            case .discardStaging:
                await runner.discardStaging(current, log: log)
            case let .record(ti):
                do {
                    // The try's notifications go to the outbox with its end, in one transaction.
                    let drafts = NotificationDrafts.forTry(ti, of: current, publication: outcome?.publication,
                                                           errorEvent: outcome?.errorEvent, masker: masker, now: Date())
                    let recorded = try await retrier.perform { [store] in try await store.finishAttempt(ti, attemptId: attemptId, notifications: drafts) }
                    actions += machine.handle(recorded ? .recorded : .recordLost)
                } catch {
                    log.line("could not record the end of this try in the metadata store: \(error)")
                    return nil
                }
            case let .finish(ti):
                if let ti, machine.phase == .done { observer(.taskFinished(ti)) }
                return ti
            }
        }
        return nil
    }

    /// Waits until the try holds one slot of each of `slots` across every process (polling the store), or the
    /// try is revoked or the process shuts down (false).
    private func waitForSlots(_ slots: [(name: String, limit: Int)], attemptId: String, key: TaskInstanceKey, log: TaskLog) async -> Bool {
        var said = Set<String>()
        while !attempts.isRevoked(key) && !shutdown.isRequested && !Task.isCancelled {
            do {
                guard let full = try await store.acquireSlots(slots, attemptId: attemptId) else { return true }
                if said.insert(full).inserted {
                    let what = full.hasPrefix("dag:") ? "DAG \(full.dropFirst(4))'s max_active_tasks" : "connection \(full)"
                    log.line("waiting for a slot of \(what): all are in use by Sluice processes")
                }
            } catch {
                // A store that fails to answer is asked again, as a full slot is.
            }
            try? await Task.sleep(for: .milliseconds(Int.random(in: 100...300)))
        }
        return false
    }

    /// What running the work came to: the state machine's event, and what the try's notifications need
    /// beyond its state (the state machine keeps neither).
    private struct TryOutcome {
        var event: TaskTry.Event
        /// The partition a successful export published (`published`).
        var publication: PublishedPartition? = nil
        /// The event a failure is besides `failed` (`audit_failed`), from a `NotifyingTaskError`.
        var errorEvent: NotificationEvent? = nil
    }

    /// Runs the work while watching the claim: when the store says another process revoked it,
    /// the work is cancelled (its statement on the server too). Returns what the outcome is.
    private func outcome(of attempt: TaskAttempt, log: TaskLog) async -> TryOutcome {
        let key = attempt.key
        let result = await withTaskGroup(of: Result<TaskResult, any Error>?.self) { group in
            group.addTask { [runner, store, retrier] in
                do {
                    // Airflow's prev_*_success: the DAG's latest successful run before this logical date.
                    var attempt = attempt
                    let (dagId, logicalDate) = (attempt.run.dagId, attempt.run.logicalDate)
                    attempt.previousSuccess = try await retrier.perform { try await store.previousSuccess(dagId: dagId, before: logicalDate) }
                    return .success(try await runner.run(attempt, log: log))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask { [attempts] in
                await attempts.waitUntilRevoked(key)
                return nil
            }
            var outcome: Result<TaskResult, any Error> = .failure(CancellationError())
            while let next = await group.next() {
                group.cancelAll()  // the work ended: stop watching; or the claim is gone: cancel the work
                if let next {
                    outcome = next
                    break
                }
            }
            return outcome
        }
        let now = Date()
        switch result {
        case let .success(value):
            return TryOutcome(event: .succeeded(rows: value.rowsAffected, at: now), publication: value.publication)
        case let .failure(error):
            if attempts.isRevoked(key) { return TryOutcome(event: .cancelled(.revoked, at: now)) }
            if shutdown.isRequested && (Task.isCancelled || error is CancellationError) { return TryOutcome(event: .cancelled(.shutdown, at: now)) }
            return TryOutcome(event: .failed(message: masker.mask(String(describing: error)), at: now),
                              errorEvent: (error as? any NotifyingTaskError)?.notificationEvent)
        }
    }
}
