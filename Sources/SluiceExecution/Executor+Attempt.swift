import Foundation
import SluiceCore
import SluiceNotifications
import SluiceStore

/// Carrying out one try: the `TaskTry` state machine decides, this performs its actions (claim,
/// run, log, discard staging, record) and feeds back what happened.
extension Executor {
    /// A try about to be claimed: its state machine past `start`, whose instance (running, its next try number) the
    /// claim writes, so the try starts with its claim in one round trip.
    struct PreparedTry: Sendable {
        var machine: TaskTry
        let logURL: URL

        /// What the claim writes: the instance as the try starts.
        var started: TaskInstance { machine.instance }
    }

    /// The try of `attempt.instance` starting now, for `claimReady` to claim and start (`ClaimRequest.start`).
    func prepareTry(_ attempt: TaskAttempt, at now: Date) -> PreparedTry {
        let logURL = TaskLog.url(logsFolder: settings.logsFolder, key: attempt.key, tryNumber: attempt.instance.tryNumber + 1)
        let policy = RetryPolicy(retries: attempt.task.retries, retryDelay: attempt.task.retryDelay,
                                 exponentialBackoff: attempt.task.retryExponentialBackoff, maxRetryDelay: attempt.task.maxRetryDelay)
        var machine = TaskTry(instance: attempt.instance, policy: policy, retriesEnabled: settings.retriesEnabled,
                              host: settings.host, pid: settings.pid, logPath: logURL.path)
        _ = machine.handle(.start(at: now))  // its one action, the claim, is what `claimReady` does with `started`
        return PreparedTry(machine: machine, logURL: logURL)
    }

    /// How a try's child task ended.
    enum TryEnding: Sendable {
        /// Over: the instance as the store now holds it, or nil when the run must be read again (the claim was
        /// revoked, or the store refused for good).
        case over(TaskInstance?)
        /// Its end is to be recorded by the loop with its next claims (`recordEnd`).
        case toRecord(EndToRecord)
    }

    /// A try's end handed to the loop: recorded with the loop's next claims in one round trip, so the room it
    /// frees is claimed again at once (`claimReady(_:recordingEnds:at:)`). A try whose end has notifications
    /// records it itself, with them, in its own transaction.
    struct EndToRecord: Sendable {
        let end: TryEnd
        var machine: TaskTry
        let log: TaskLog
    }

    /// Finishes a try whose end the loop recorded (`recorded`) or found lost: what its state machine says then (a log
    /// line). Returns the instance as the store now holds it, or nil when the run must be read again.
    func conclude(_ ending: EndToRecord, recorded: Bool) -> TaskInstance? {
        var machine = ending.machine
        var result: TaskInstance?
        for action in machine.handle(recorded ? .recorded : .recordLost) {
            switch action {
            case let .log(line):
                ending.log.line(line)
            case let .finish(ti):
                if let ti, machine.phase == .done { observer(.taskFinished(ti)) }
                result = ti
            case .claim, .run, .discardStaging, .record:
                continue  // not answers to a recorded end
            }
        }
        return result
    }

    /// Runs one try of `attempt.instance`, claimed and started (`prepared.started`) by `claimReady` as `attemptId`,
    /// until it is over or its end is to be recorded by the loop. Never throws: failures become states.
    func perform(_ attempt: TaskAttempt, attemptId: String, prepared: PreparedTry) async -> TryEnding {
        let key = attempt.key
        let started = prepared.started
        let log = TaskLog(key: key, tryNumber: started.tryNumber, url: prepared.logURL, writer: logWriter, masker: masker, observer: observer)
        var machine = prepared.machine
        var current = attempt
        var outcome: TryOutcome?  // set by `.run`
        defer { attempts.remove(key) }

        current.instance = started
        current.confirmOwnership = { [store] in
            guard try await store.holdsLease(key, attemptId: attemptId) else { throw LeaseLost(key: key) }
        }
        observer(.taskStarted(started))
        var actions = machine.handle(.claimed)
        while !actions.isEmpty {
            let action = actions.removeFirst()
            switch action {
            case .claim:
                continue  // answers `start` only, which the claim itself carried out (`prepareTry`)
            case .run:
                let ran = await self.outcome(of: current, log: log)
                outcome = ran
                actions += machine.handle(ran.event)
            case let .log(line):
                log.line(line)
            case .discardStaging:
                await runner.discardStaging(current, log: log)
            case let .record(ti):
                do {
                    // The try's notifications go to the outbox with its end, in one transaction; an end without them is
                    // recorded by the loop with its next claims.
                    let drafts = NotificationDrafts.forTry(ti, of: current, publication: outcome?.publication,
                                                           errorEvent: outcome?.errorEvent, masker: masker, now: Date())
                    if drafts.isEmpty, actions.isEmpty {
                        return .toRecord(EndToRecord(end: TryEnd(instance: ti, attemptId: attemptId), machine: machine, log: log))
                    }
                    let recorded = try await retrier.perform { [store] in try await store.finishAttempt(ti, attemptId: attemptId, notifications: drafts) }
                    actions += machine.handle(recorded ? .recorded : .recordLost)
                } catch {
                    log.line("could not record the end of this try in the metadata store: \(error)")
                    return .over(nil)
                }
            case let .finish(ti):
                if let ti, machine.phase == .done { observer(.taskFinished(ti)) }
                return .over(ti)
            }
        }
        return .over(nil)
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
                    if attempt.rendersWithContext {
                        attempt.previousSuccess = try await retrier.perform { try await store.previousSuccess(dagId: dagId, before: logicalDate) }
                    }
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
