import Foundation

/// One try of one task instance, as a state machine: it takes events (claimed, the work's steps,
/// succeeded, failed, timed out, cancelled, recorded) and answers with the actions to perform.
///
/// The executor only performs actions and feeds back what happened; every decision about a try
/// (the instance's next state, whether it retries and when, what the log says, when staging goes)
/// is made here, without I/O, so it is tested with tables (`TaskTryTests`). It does not decide
/// which task runs next (`RunPlanner`) nor how a store write is retried.
///
/// The phases: `ready` → (`start`) `claiming` → (`claimed`) `running` → (an outcome) `recording`
/// → (`recorded`) `done`. A lost claim ends in `skipped`; a try whose claim is revoked (the run was
/// cleared or replaced by another process) ends in `revoked` without writing anything.
public struct TaskTry: Sendable {
    public enum Phase: Sendable, Equatable {
        case ready, claiming, running, recording, done, skipped, revoked
    }

    /// What the work has reached, for messages ("timed out while streaming rows").
    public enum Step: String, Sendable, Equatable {
        case starting, rendered, connected, streaming = "streaming rows", staged, audited, published
    }

    /// Why a running try was cancelled.
    public enum CancelReason: Sendable, Equatable {
        /// The process is shutting down (SIGTERM/SIGINT after the grace period): the try runs again later.
        case shutdown
        /// The try's claim is gone: another process cleared or replaced it.
        case revoked
    }

    public enum Event: Sendable, Equatable {
        case start(at: Date)
        case claimed
        /// Another process holds the try, or the instance moved on; the stored instance.
        case claimLost(TaskInstance?)
        case reached(Step)
        case rows(Int64)
        case succeeded(rows: Int64?, at: Date)
        case failed(message: String, at: Date)
        case timedOut(limit: TimeInterval, at: Date)
        case cancelled(CancelReason, at: Date)
        /// The store took the final write.
        case recorded
        /// The store refused the final write: the claim is gone.
        case recordLost
    }

    public enum Action: Sendable, Equatable {
        /// Claim `instance` (running, next try number) if the store still has `expectedState` / `expectedTry`.
        case claim(TaskInstance, expectedState: TaskState, expectedTry: Int)
        /// Start the work.
        case run(TaskInstance)
        /// A line for the try's log.
        case log(String)
        /// Remove the files this try staged (never published ones).
        case discardStaging
        /// Write the try's end (conditional on the claim).
        case record(TaskInstance)
        /// The try is over; `instance` is what the executor should now believe (nil: reload from the store).
        case finish(TaskInstance?)
    }

    public private(set) var phase: Phase = .ready
    public private(set) var instance: TaskInstance
    public private(set) var step: Step = .starting
    public private(set) var rows: Int64 = 0
    let policy: RetryPolicy
    let retriesEnabled: Bool
    let host: String?
    let pid: Int32?
    let logPath: String?

    /// A try of `instance` (as the executor last saw it), retried by `policy` when `retriesEnabled`.
    public init(instance: TaskInstance, policy: RetryPolicy, retriesEnabled: Bool = true, host: String?, pid: Int32?, logPath: String?) {
        self.instance = instance
        self.policy = retriesEnabled ? policy : .none
        self.retriesEnabled = retriesEnabled
        self.host = host
        self.pid = pid
        self.logPath = logPath
    }

    /// Feeds one event; returns the actions to perform, in order. An event that does not apply to
    /// the current phase (a late step after the outcome, a second outcome) changes nothing.
    public mutating func handle(_ event: Event) -> [Action] {
        switch (phase, event) {
        case let (.ready, .start(now)):
            let expectedState = instance.state
            let expectedTry = instance.tryNumber
            instance = instance.queued(at: now).running(at: now, host: host, pid: pid, logPath: logPath)
            phase = .claiming
            return [.claim(instance, expectedState: expectedState, expectedTry: expectedTry)]

        case (.claiming, .claimed):
            phase = .running
            // Saturating: a stored maxTries of Int.max (retries written as 2^63-1) must not trap.
            let total = instance.maxTries == Int.max ? Int.max : instance.maxTries + 1
            let place = [host, pid.map { "pid \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return [.log("\(instance.dagId) / \(instance.runId) / \(instance.taskId): try \(instance.tryNumber) of \(total)"
                         + (place.isEmpty ? "" : " (\(place))")),
                    .run(instance)]

        case let (.claiming, .claimLost(stored)):
            phase = .skipped
            return [.finish(stored)]

        case let (.running, .reached(step)):
            self.step = step
            return []

        case let (.running, .rows(count)):
            rows = count
            if step == .starting || step == .rendered || step == .connected { step = .streaming }
            return []

        case let (.running, .succeeded(count, now)):
            let seconds = instance.startedAt.map { now.timeIntervalSince($0) } ?? 0
            instance = instance.succeeded(at: now, rowsAffected: count)
            phase = .recording
            return [.log(String(format: "success after %.3f s", seconds)), .record(instance)]

        case let (.running, .failed(message, now)):
            return fail(message, at: now)

        case let (.running, .timedOut(limit, now)):
            return fail("execution_timeout of \(Self.seconds(limit)) exceeded while \(step.rawValue)", at: now)

        case let (.running, .cancelled(.shutdown, now)):
            instance.state = .scheduled
            instance.error = "interrupted by shutdown while \(step.rawValue)"
            instance.endedAt = now
            phase = .recording
            return [.log("interrupted by shutdown while \(step.rawValue); the task will run again"), .discardStaging, .record(instance)]

        case (.running, .cancelled(.revoked, _)):
            phase = .revoked
            return [.log("cancelled: another process cleared or replaced this try; nothing of it is recorded"),
                    .discardStaging, .finish(nil)]

        case (.recording, .recorded):
            phase = .done
            return [.finish(instance)]

        case (.recording, .recordLost):
            phase = .revoked
            return [.log("not recorded: another process cleared or replaced this try meanwhile"), .finish(nil)]

        default:
            return []
        }
    }

    private mutating func fail(_ message: String, at now: Date) -> [Action] {
        instance = instance.failed(at: now, error: message, policy: policy)
        if !retriesEnabled, instance.state == .upForRetry {
            instance.state = .failed
            instance.nextRetryAt = nil
        }
        phase = .recording
        let line = instance.state == .upForRetry
            ? "failed, will retry at \(DateText.iso(instance.nextRetryAt ?? now)): \(message)"
            : "failed: \(message)"
        return [.log(line), .discardStaging, .record(instance)]
    }

    /// `90s`, `1.5s`: a duration as a DAG file would write it.
    static func seconds(_ value: TimeInterval) -> String {
        if value.isFinite, value.rounded() == value, abs(value) < 1e15 { return "\(Int64(value))s" }
        return String(format: "%gs", value)
    }

    /// What recovery does with a try left `running` by a process that died: its staging goes and
    /// it fails into a retry due at once (or `failed` when out of tries), with `reason` as the error.
    public static func recover(_ stale: TaskInstance, reason: String, at now: Date) -> [Action] {
        [.discardStaging, .record(stale.failed(at: now, error: reason, policy: .none))]
    }
}
